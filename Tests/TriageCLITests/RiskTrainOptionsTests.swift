import Foundation
import Testing
@_spi(Components) import TriageTestSupport

/// `triage risk train` refuses days-late tree settings it cannot fit, before reading the ledger.
@Suite(.enabled(if: TriageExecutable.url != nil, "the triage executable is not built beside the tests"))
struct RiskTrainOptionsTests {
    @Test(
        "a negative tree count or rate, or a depth outside 0-8, is a usage error naming the options",
        arguments: [["--days-trees=-1"], ["--days-tree-depth", "9"], ["--days-tree-rate=-0.1"]])
    func badTreeSettings(_ option: [String]) throws {
        let outcome = try TriageExecutable.run(
            ["risk", "train", "--ledger", "/nonexistent/ledger.csv", "--out", "/nonexistent/model"] + option)
        #expect(outcome.status == 64)
        #expect(outcome.standardError.contains("--days-tree-depth 0-8"))
        #expect(!outcome.standardError.contains("/nonexistent/ledger.csv"))
    }
}

/// `triage risk evaluate --predictions` writes the rows its summary was computed from.
@Suite(.enabled(if: TriageExecutable.url != nil, "the triage executable is not built beside the tests"))
struct RiskPredictionsFileTests {
    @Test("one CSV line per predicted row, and the file's days late give the printed MAE")
    func predictionsMatchSummary() throws {
        let data = TriageExecutable.repository.appendingPathComponent("../shared/data/ibm_ar").standardized.path
        guard FileManager.default.fileExists(atPath: data + "/test.csv") else {
            print("skipped: ../shared/data/ibm_ar is absent")
            return
        }
        try TemporaryDirectory.with { directory in
            let model = directory.appendingPathComponent("model").path
            let file = directory.appendingPathComponent("predictions.csv").path
            let train = try TriageExecutable.run(["risk", "train", "--ledger", data + "/train.csv", "--out", model])
            #expect(train.status == 0)
            let outcome = try TriageExecutable.run([
                "risk", "evaluate", "--model", model, "--history", data + "/train.csv", "--data", data + "/test.csv",
                "--predictions", file,
            ])
            #expect(outcome.status == 0)
            let summary = try #require(
                JSONSerialization.jsonObject(with: outcome.standardOutput) as? [String: Any])
            let days = try #require(summary["days_late"] as? [String: Any])
            let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
            #expect(lines.first == "row,p_late,days_late,p_disputed")
            #expect(lines.count - 1 == summary["predicted"] as? Int)
            // Every row of the test file (1-based) once, with days late from the ledger's own column.
            let ledger = try String(contentsOfFile: data + "/test.csv", encoding: .utf8).split(separator: "\n")
            let header = ledger[0].split(separator: ",").map(String.init)
            let column = try #require(header.firstIndex(of: "days_late"))
            var error = 0.0, rows = Set<Int>()
            for line in lines.dropFirst() {
                let fields = line.split(separator: ",")
                let row = try #require(Int(fields[0]))
                rows.insert(row)
                let cells = ledger[row].split(separator: ",", omittingEmptySubsequences: false)
                let actual = try #require(Double(cells[column]))
                error += abs(try #require(Double(fields[2])) - actual)
            }
            #expect(rows.count == lines.count - 1)
            let mae = try #require(days["mae"] as? Double)
            #expect(abs(error / Double(rows.count) - mae) < 1e-3)
        }
    }
}
