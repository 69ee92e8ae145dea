import Foundation
import Testing
@_spi(Components) import TriageTestSupport

/// `triage score --threads N` parses input lines on its worker threads: line numbers (in errors
/// and in the `line-N` ids of disputes without an id) and the choice of the first error must not
/// depend on the thread count or the batch size.
@Suite(.enabled(if: TriageExecutable.url != nil, "the triage executable is not built beside the tests"))
struct ScoreThreadsErrorTests {
    static let settings: [(threads: String, batch: String)] = [
        ("1", "100"), ("2", "1"), ("2", "4"), ("3", "3"), ("2", "100"),
    ]

    /// `count` dispute lines; every third has no id (so its id is `line-N`), with blank and CRLF lines between.
    static func lines(_ count: Int, replacing bad: [Int: String] = [:]) -> String {
        var text = ""
        var line = 1
        for i in 0..<count {
            if i % 7 == 3 {
                text += "\n"  // a blank line still counts as a line
                line += 1
            }
            let id = i % 3 == 0 ? "" : #""id":"d\#(i)","#
            text += bad[line] ?? #"{\#(id)"text":"Invoice \#(i) charges a freight fee we never agreed to."}"#
            text += i % 5 == 0 ? "\r\n" : "\n"
            line += 1
        }
        return text
    }

    static func score(_ text: String, threads: String, batch: String) throws -> TriageExecutable.Outcome {
        try TemporaryDirectory.with { directory in
            let data = directory.appendingPathComponent("in.jsonl")
            try Data(text.utf8).write(to: data)
            return try TriageExecutable.run([
                "score", "--data", data.path, "--threads", threads, "--batch-size", batch, "--no-explanation",
            ])
        }
    }

    @Test("ids from line numbers are the same for every thread count and batch size")
    func lineIDs() throws {
        let text = Self.lines(40)
        let reference = try Self.score(text, threads: "1", batch: "1024")
        #expect(reference.status == 0, "stderr: \(reference.standardError)")
        // Line 4 is blank, so the 4th dispute (i = 3, no id) is on line 5.
        #expect(reference.output.contains(#"{"id":"line-5","#))
        for setting in Self.settings {
            let outcome = try Self.score(text, threads: setting.threads, batch: setting.batch)
            #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
            #expect(outcome.output == reference.output, "--threads \(setting.threads) --batch-size \(setting.batch)")
        }
    }

    @Test("the first bad line in the file is the error, with its line number")
    func firstErrorWins() throws {
        // Line 17: empty text; line 31: not JSON. Line 17 comes first whatever finishes first.
        let text = Self.lines(40, replacing: [17: #"{"id":"x","text":""}"#, 31: #"{"id":"#])
        for setting in Self.settings {
            let outcome = try Self.score(text, threads: setting.threads, batch: setting.batch)
            let label = "--threads \(setting.threads) --batch-size \(setting.batch): \(outcome.standardError)"
            #expect(outcome.status == 1, "\(label)")
            #expect(outcome.standardError.contains("in.jsonl:17: field 'text'"), "\(label)")
            #expect(!outcome.standardError.contains(":31:"), "\(label)")
        }
        let onlyLater = Self.lines(40, replacing: [31: #"{"id":"#])
        for setting in Self.settings {
            let outcome = try Self.score(onlyLater, threads: setting.threads, batch: setting.batch)
            #expect(outcome.status == 1)
            #expect(outcome.standardError.contains("in.jsonl:31: not a JSON object"), "\(outcome.standardError)")
        }
    }

    @Test("a line over the size limit is reported on its line after the lines before it")
    func overlongLine() throws {
        let long = #"{"id":"long","text":""# + String(repeating: "a", count: 1 << 20) + #""}"#
        let text = Self.lines(10, replacing: [6: long])
        for setting in Self.settings {
            let outcome = try Self.score(text, threads: setting.threads, batch: setting.batch)
            #expect(outcome.status == 1)
            #expect(
                outcome.standardError.contains("in.jsonl:6: line is longer than the 1048576-byte limit"),
                "\(outcome.standardError)")
        }
        // An earlier bad line still comes first.
        let both = Self.lines(10, replacing: [2: "[]", 6: long])
        let outcome = try Self.score(both, threads: "2", batch: "1")
        #expect(outcome.standardError.contains("in.jsonl:2: not a JSON object"), "\(outcome.standardError)")
    }

    @Test("a model that cannot load is the error even when the input cannot be opened either")
    func modelErrorFirst() throws {
        let outcome = try TriageExecutable.run([
            "score", "--model", "/nonexistent-model", "--data", "/nonexistent-data.jsonl", "--threads", "2",
        ])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("/nonexistent-model"), "\(outcome.standardError)")
    }
}
