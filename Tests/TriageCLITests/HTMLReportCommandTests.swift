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
            #expect(page.hasSuffix("</html>\n"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.html"])
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
