import Foundation
import Testing
@_spi(Components) import TriageTestSupport

/// `triage train --selection-margin`: a larger C is chosen only if it wins by more than the margin,
/// and the summary says when the choice is not the best validation score.
@Suite(.enabled(if: TriageExecutable.url != nil, "the triage executable is not built beside the tests"))
struct SelectionMarginTests {
    /// The summary line of each candidate ("C=10 balanced" → its line).
    static func candidateLines(margin: String) throws -> [String: String] {
        try TemporaryDirectory.with { directory in
            let outcome = try TriageExecutable.run([
                "train", "--data", "TrainingData/evaluation.jsonl", "--label", "subject", "--quiet",
                "--selection-margin", margin, "--out", directory.appendingPathComponent("model").path,
            ])
            #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
            var lines: [String: String] = [:]
            for line in (outcome.output + outcome.standardError).split(separator: "\n") {
                for settings in ["C=10 balanced", "C=1 balanced"] where line.contains("   \(settings):") {
                    lines[settings] = String(line)
                }
            }
            return lines
        }
    }

    /// The validation macro-F1 printed on a summary line.
    static func macroF1(_ line: String?) throws -> Double {
        let text = try #require(line?.components(separatedBy: "validation macro-F1 ").last)
        return try #require(Double(text.prefix(6)))
    }

    @Test("a margin of 1 keeps C=1 and says so when C=10 scored higher; a margin of 0 takes the best")
    func marginDecidesTheChoice() throws {
        let wide = try Self.candidateLines(margin: "1")
        let strong = try #require(wide["C=1 balanced"])
        #expect(strong.contains("← chosen"))
        #expect(wide["C=10 balanced"]?.contains("← chosen") == false)
        let gap = try Self.macroF1(wide["C=10 balanced"]) - Self.macroF1(strong)
        #expect(strong.contains("within the selection margin") == (gap > 0))
        let none = try Self.candidateLines(margin: "0")
        let chosen = try #require(none.values.first { $0.contains("← chosen") })
        #expect(!chosen.contains("within the selection margin"))
        #expect(try Self.macroF1(chosen) == none.values.map(Self.macroF1).max())
    }
}
