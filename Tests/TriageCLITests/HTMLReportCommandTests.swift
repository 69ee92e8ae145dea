import Foundation
import Testing
@_spi(Components) import TriageTestSupport

@testable import triage

/// `triage evaluate --format html --output FILE` and `triage crossvalidate --format html` write one
/// complete page, with the same numbers as `--format json`.
@Suite(.enabled(if: TriageExecutable.url != nil, "the triage executable is not built beside the tests"))
struct HTMLReportCommandTests {
    @Test("evaluate --format html writes the page with the JSON report's accuracy")
    func evaluate() throws {
        try TemporaryDirectory.with { directory in
            let path = directory.appendingPathComponent("report.html").path
            let base = [
                "evaluate", "--model", "Models/default", "--data", "TrainingData/evaluation.jsonl", "--label",
                "severity",
            ]
            let html = try TriageExecutable.run(base + ["--format", "html", "--output", path])
            #expect(html.status == 0, "stderr: \(html.standardError)")
            let json = try TriageExecutable.run(base + ["--format", "json"])
            let object = try #require(try JSONSerialization.jsonObject(with: json.standardOutput) as? [String: Any])
            let accuracy = try #require(object["accuracy"] as? Double)
            let page = try String(contentsOfFile: path, encoding: .utf8)
            #expect(
                page.contains(
                    "<div class=\"value\">\(HTMLText.fixed(accuracy, 3))</div><div class=\"name\">accuracy</div>"))
            #expect(page.components(separatedBy: "<svg ").count - 1 == 3)
            // The words each class rests on, one row per class, names escaped ("retient <num>").
            #expect(page.contains("<h2>Words each class rests on</h2>"))
            for severity in ["low", "medium", "high", "critical"] {
                #expect(page.contains("<tr><td>\(severity)</td><td>"))
            }
            #expect(page.contains("&lt;num&gt;") && !page.contains("<num>"))
            #expect(page.hasSuffix("</html>\n"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.html"])
        }
    }

    @Test("evaluate's text report ends with the words each class rests on")
    func evaluateText() throws {
        let outcome = try TriageExecutable.run([
            "evaluate", "--model", "Models/default", "--data", "TrainingData/evaluation.jsonl", "--label", "severity",
        ])
        #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
        let lines = outcome.output.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex(of: "words each class rests on:"))
        let rows = lines[(start + 1)...].filter { !$0.isEmpty }
        #expect(rows.map { $0.split(separator: " ").first.map(String.init) } == ["critical", "high", "low", "medium"])
        for row in rows {
            let words = row.dropFirst(29).split(separator: ",")
            #expect(words.count == EvaluateCommand.classWords, "\(row)")
        }
    }

    @Test("crossvalidate --format html reports the groups")
    func crossvalidate() throws {
        let outcome = try TriageExecutable.run([
            "crossvalidate", "--data", "TrainingData/evaluation.jsonl", "--label", "severity", "--folds", "2",
            "--algorithm", "nb", "--calibration-folds", "0", "--group-by", "language", "--format", "html",
        ])
        #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
        #expect(outcome.output.contains("<h2>By group</h2>"))
        #expect(outcome.output.contains("2-fold cross-validation of severity"))
    }
}
