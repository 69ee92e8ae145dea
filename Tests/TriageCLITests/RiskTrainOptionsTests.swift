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
