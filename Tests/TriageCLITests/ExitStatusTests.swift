import DisputeTriage
import Foundation
import Testing
@_spi(Components) import TriageTestSupport

/// Bad input ends `triage` with a non-zero status and a message naming the file, line and field;
/// a usage error (ArgumentParser's validation) exits with 64 and says which option is wrong.
@Suite(.enabled(if: TriageExecutable.url != nil, "the triage executable is not built beside the tests"))
struct ExitStatusTests {
    static let good = #"{"id":"a","text":"We were billed twice for invoice 12.","amount":120}"#

    @Test("an invalid field stops the run with file:line: field: reason and status 1")
    func invalidField() throws {
        let text = Self.good + "\n" + #"{"id":"b","text":"Price too high","credit_score":140}"# + "\n"
        try TemporaryDirectory.withFile("bad.jsonl", text) { path in
            let outcome = try TriageExecutable.run(["score", "--data", path])
            #expect(outcome.status == 1)
            #expect(
                outcome.standardError.contains("\(path):2: field 'credit_score': 140 is invalid: must be within 0…100"))
        }
    }

    @Test("a bare NaN in JSONL names the field")
    func nanNamesTheField() throws {
        try TemporaryDirectory.withFile("nan.jsonl", #"{"id":"a","text":"t","amount":NaN}"# + "\n") { path in
            let outcome = try TriageExecutable.run(["score", "--data", path])
            #expect(outcome.status == 1)
            #expect(outcome.standardError.contains("\(path):1: field 'amount'"))
            #expect(outcome.standardError.contains("NaN"))
        }
    }

    @Test("a missing input file names the file")
    func missingFile() throws {
        let outcome = try TriageExecutable.run(["score", "--data", "/nonexistent/disputes.jsonl"])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("/nonexistent/disputes.jsonl"))
        #expect(outcome.output.isEmpty)
    }

    @Test(
        "usage errors exit with 64 and name the option",
        arguments: [
            (["score", "--data", "x.jsonl", "--batch-size", "0"], "--batch-size"),
            (["score", "--data", "x.jsonl", "--format", "xml"], "--format"),
            (["score"], "--data"),
            (["frobnicate"], "frobnicate"),
            (["crossvalidate", "--data", "x.jsonl", "--label", "subject", "--space", "vocab"], "--space"),
            (["crossvalidate", "--data", "x.jsonl", "--label", "subject", "--char-ngrams", "4-2"], "--char-ngrams"),
            (
                ["train", "--data", "x.jsonl", "--label", "subject", "--out", "m", "--selection-margin=-0.1"],
                "--selection-margin"
            ),
        ])
    func usageErrors(arguments: [String], mention: String) throws {
        let outcome = try TriageExecutable.run(arguments)
        #expect(outcome.status == 64, "stderr: \(outcome.standardError)")
        #expect(outcome.standardError.contains(mention))
    }

    @Test("help shows the library's defaults for --space and --char-ngrams")
    func helpShowsLibraryDefaults() throws {
        let outcome = try TriageExecutable.run(["train", "--help"])
        #expect(outcome.status == 0)
        #expect(outcome.output.contains("(default: vocab:2)"))
        #expect(outcome.output.contains("(default: 2-4)"))
    }

    @Test("--version prints the library version")
    func version() throws {
        let outcome = try TriageExecutable.run(["--version"])
        #expect(outcome.status == 0)
        #expect(outcome.output.trimmingCharacters(in: .whitespacesAndNewlines) == LibraryVersion.current)
    }
}
