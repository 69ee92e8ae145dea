import Foundation
import Testing
@_spi(Components) import TriageTestSupport

/// `triage score` on the shipped sample against checked-in output: the product's output contract
/// (field names, order, rounding, CSV quoting) changes only when these files change with it.
///
/// To update after an intended change, run from the repository root:
/// `swift run triage score --data TrainingData/sample_disputes.jsonl > Tests/TriageCLITests/Golden/sample_disputes.scores.jsonl`
/// (and the same with `--format csv` into `sample_disputes.scores.csv`).
@Suite(.enabled(if: TriageExecutable.url != nil, "the triage executable is not built beside the tests"))
struct ScoreGoldenTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    @Test("triage score output equals the golden file", arguments: ["jsonl", "csv"])
    func goldenOutput(format: String) throws {
        let outcome = try TriageExecutable.run([
            "score", "--data", "TrainingData/sample_disputes.jsonl", "--format", format,
        ])
        #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
        let expected = try String(
            contentsOf: Self.golden.appendingPathComponent("sample_disputes.scores.\(format)"), encoding: .utf8)
        let actual = outcome.output
        #expect(actual.split(separator: "\n").count == expected.split(separator: "\n").count)
        // Line by line, so a difference names the dispute rather than printing two whole files.
        for (line, (a, e)) in zip(actual.split(separator: "\n"), expected.split(separator: "\n")).enumerated() {
            #expect(a == e, "line \(line + 1) differs")
        }
        #expect(actual == expected)
    }

    @Test("--output writes the same bytes as standard output")
    func outputFileMatchesStandardOutput() throws {
        try TemporaryDirectory.with { directory in
            let path = directory.appendingPathComponent("scores.jsonl").path
            let toFile = try TriageExecutable.run([
                "score", "--data", "TrainingData/sample_disputes.jsonl", "--output", path,
            ])
            #expect(toFile.status == 0 && toFile.standardOutput.isEmpty)
            let expected = try Data(contentsOf: Self.golden.appendingPathComponent("sample_disputes.scores.jsonl"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == expected)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["scores.jsonl"])
        }
    }
}

/// `triage score --threads N` scores batches concurrently but must write exactly what one thread
/// writes, in input order.
@Suite(.enabled(if: TriageExecutable.url != nil, "the triage executable is not built beside the tests"))
struct ScoreThreadsTests {
    @Test("output on several threads equals output on one", arguments: ["jsonl", "csv"])
    func threadsGiveTheSameBytes(format: String) throws {
        // 3,704 disputes in batches of 100: 38 batches, so many are in flight at once.
        let data = "TrainingData/disputes.jsonl"
        let one = try TriageExecutable.run([
            "score", "--data", data, "--format", format, "--threads", "1", "--batch-size", "100",
        ])
        #expect(one.status == 0, "stderr: \(one.standardError)")
        #expect(one.output.split(separator: "\n").count == (format == "csv" ? 3_705 : 3_704))
        for threads in ["2", "3"] {
            let many = try TriageExecutable.run([
                "score", "--data", data, "--format", format, "--threads", threads, "--batch-size", "100",
            ])
            #expect(many.status == 0, "stderr: \(many.standardError)")
            #expect(many.output == one.output, "--threads \(threads)")
        }
    }

    @Test("--threads 0 is a usage error")
    func zeroThreadsIsRejected() throws {
        let outcome = try TriageExecutable.run([
            "score", "--data", "TrainingData/sample_disputes.jsonl", "--threads", "0",
        ])
        #expect(outcome.status != 0)
        #expect(outcome.standardError.contains("--threads"))
    }
}
