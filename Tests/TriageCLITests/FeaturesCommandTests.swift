import Foundation
import Testing
@_spi(Components) import TriageTestSupport

/// `triage features` writes the matrices batch training and scoring see, in svmlight format.
@Suite(.enabled(if: TriageExecutable.url != nil, "the triage executable is not built beside the tests"))
struct FeaturesCommandTests {
    /// One svmlight row: label index and (feature index, value) pairs.
    static func rows(_ path: String) throws -> [(label: Int, entries: [(Int, Float)])] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
            let fields = line.split(separator: " ")
            let entries = try fields.dropFirst().map { field in
                let pair = field.split(separator: ":")
                return (try #require(Int(pair[0])), try #require(Float(pair[1])))
            }
            return (try #require(Int(fields[0])), entries)
        }
    }

    @Test("train rows are the applied rows without the out-of-vocabulary buckets, unit length, labels named")
    func writesTheTrainingAndScoringMatrices() throws {
        try TemporaryDirectory.with { directory in
            let data = "TrainingData/evaluation.jsonl"
            let outcome = try TriageExecutable.run([
                "features", "--data", data, "--label", "severity", "--apply", data, "--out", directory.path,
            ])
            #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
            let train = try Self.rows(directory.appendingPathComponent("train.svm").path)
            let applied = try Self.rows(directory.appendingPathComponent("evaluation.svm").path)
            let labels = try String(
                contentsOfFile: directory.appendingPathComponent("labels.txt").path, encoding: .utf8
            )
            .split(separator: "\n")
            let features = try String(
                contentsOfFile: directory.appendingPathComponent("features.tsv").path, encoding: .utf8
            ).split(separator: "\n")
            #expect(labels == ["critical", "high", "low", "medium"])
            #expect(train.count == applied.count && train.count > 100)
            // The vocabulary ends where the 2^12 out-of-vocabulary buckets begin.
            let vocabularyCount = features.count - (1 << 12)
            var rowsWithBuckets = 0
            for (fitted, scored) in zip(train, applied) {
                #expect(fitted.label == scored.label)
                let inside = scored.entries.filter { $0.0 < vocabularyCount }
                #expect(fitted.entries.map(\.0) == inside.map(\.0))
                #expect(fitted.entries.map(\.1) == inside.map(\.1))
                if inside.count < scored.entries.count { rowsWithBuckets += 1 }
                let norm = fitted.entries.reduce(0) { $0 + $1.1 * $1.1 }.squareRoot()
                #expect(abs(norm - 1) < 1e-4)
            }
            #expect(rowsWithBuckets > 0)  // some words occur in one text only
        }
    }

    @Test("an applied file named like the training output is refused")
    func refusesCollidingNames() throws {
        try TemporaryDirectory.with { directory in
            let outcome = try TriageExecutable.run([
                "features", "--data", "TrainingData/evaluation.jsonl", "--label", "severity", "--apply",
                "/nonexistent/train.jsonl", "--out", directory.path,
            ])
            #expect(outcome.status != 0)
            #expect(outcome.standardError.contains("distinct names"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
        }
    }
}
