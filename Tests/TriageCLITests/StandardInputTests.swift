import Foundation
import Testing
@_spi(Components) import TriageTestSupport

/// `--data -` reads standard input: JSONL when it starts with `{`, CSV otherwise, with the same
/// output as the file and errors that name "standard input"; commands that read their input twice
/// refuse it before doing anything.
@Suite(.enabled(if: TriageExecutable.url != nil, "the triage executable is not built beside the tests"))
struct StandardInputTests {
    @Test("score --data - writes what score of the file writes, for JSONL and CSV", arguments: ["jsonl", "csv"])
    func scoreMatchesTheFile(format: String) throws {
        try TemporaryDirectory.with { directory in
            var file = "TrainingData/sample_disputes.jsonl"
            if format == "csv" {
                let csv =
                    "id,text,amount\nc1,\"We were billed twice for invoice 77, please credit one.\",1200\n"
                    + "c2,\"Le prix unitaire facturé ne correspond pas au devis.\",\n"
                file = directory.appendingPathComponent("d.csv").path
                try Data(csv.utf8).write(to: URL(fileURLWithPath: file))
            }
            let path = file.hasPrefix("/") ? file : TriageExecutable.repository.appendingPathComponent(file).path
            let fromFile = try TriageExecutable.run(["score", "--data", file])
            let fromInput = try TriageExecutable.run(
                ["score", "--data", "-"], input: try Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(fromFile.status == 0 && fromInput.status == 0, "stderr: \(fromInput.standardError)")
            #expect(!fromFile.standardOutput.isEmpty)
            #expect(fromInput.standardOutput == fromFile.standardOutput)
        }
    }

    @Test("a bad record on standard input is named by line and field")
    func errorNamesStandardInput() throws {
        let lines = "{\"id\":\"a\",\"text\":\"billed twice\"}\n{\"id\":\"b\"}\n"
        let outcome = try TriageExecutable.run(["score", "--data", "-"], input: Data(lines.utf8))
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("standard input:2: field 'text': missing"), "\(outcome.standardError)")
    }

    @Test("train and learn, which read their input twice, refuse it as a usage error")
    func twoPassCommandsRefuseIt() throws {
        let input = try Data(
            contentsOf: TriageExecutable.repository.appendingPathComponent("TrainingData/evaluation.jsonl"))
        let train = try TriageExecutable.run(
            ["train", "--data", "-", "--label", "subject", "--out", "/nonexistent/m"], input: input)
        #expect(train.status == 64)
        #expect(train.standardError.contains("train needs a file"), "\(train.standardError)")
        let learn = try TriageExecutable.run(
            ["learn", "--model", "Models/default", "--feedback", "-", "--out", "/nonexistent/m"], input: input)
        #expect(learn.status == 64)
        #expect(learn.standardError.contains("learn needs a file"), "\(learn.standardError)")
    }
}
