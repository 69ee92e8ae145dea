import Foundation
import Testing
@_spi(Components) import TriageTestSupport

/// `triage train --class-offsets` and `--logit-adjustment`: the decision rule is reported, recorded in
/// the manifest, can be turned off, and bad values are refused before any training.
@Suite(.enabled(if: TriageExecutable.url != nil, "the triage executable is not built beside the tests"))
struct DecisionRuleFlagTests {
    /// Trains the subject field of the evaluation set with `flags`; the summary and the manifest's tuning
    /// settings and decision-rule report.
    static func train(_ flags: [String]) throws -> (summary: String, tuning: [String: Any], rule: [String: Any]?) {
        try TemporaryDirectory.with { directory in
            let model = directory.appendingPathComponent("model")
            let outcome = try TriageExecutable.run(
                [
                    "train", "--data", "TrainingData/evaluation.jsonl", "--label", "subject", "--quiet",
                    "--out", model.path,
                ] + flags)
            #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
            let data = try Data(contentsOf: model.appendingPathComponent("manifest.json"))
            let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            // The classifier's description, wherever the manifest nests it.
            func find(_ key: String, in object: Any) -> [String: Any]? {
                if let dictionary = object as? [String: Any] {
                    if let found = dictionary[key] as? [String: Any] { return found }
                    for value in dictionary.values { if let found = find(key, in: value) { return found } }
                } else if let array = object as? [Any] {
                    for value in array { if let found = find(key, in: value) { return found } }
                }
                return nil
            }
            let tuning = try #require(find("tuning", in: manifest))
            let rule = find("selection", in: manifest)?["logitAdjustment"] as? [String: Any]
            return (outcome.output + outcome.standardError, tuning, rule)
        }
    }

    @Test("per-class offsets are on by default, reported and recorded; none turns them off")
    func classOffsets() throws {
        let standard = try Self.train([])
        #expect(standard.summary.contains("per-class offsets: held-out macro-F1"))
        #expect(standard.tuning["classOffsetShrinkage"] as? Double == 0.25)
        #expect(standard.rule?["classOffsetShrinkage"] as? Double == 0.25)
        let offsets = try #require(standard.rule?["offsets"] as? [Double])
        #expect(offsets.count == 15)
        let off = try Self.train(["--class-offsets", "none"])
        #expect(!off.summary.contains("per-class offsets"))
        #expect(off.tuning["classOffsetShrinkage"] == nil && off.rule == nil)
    }

    @Test("--logit-adjustment takes a list (a leading minus after =) and records the choice")
    func logitAdjustment() throws {
        let tuned = try Self.train(["--logit-adjustment=-0.5,0,1", "--class-offsets", "none"])
        #expect(tuned.tuning["logitAdjustments"] as? [Double] == [-0.5, 0, 1])
        let rule = try #require(tuned.rule)
        #expect(rule["candidates"] as? [Double] == [-0.5, 0, 1])
        #expect((rule["macroF1"] as? [Double])?.count == 3)
        #expect(tuned.summary.contains("logit adjustment τ="))
    }

    @Test(
        "out-of-range values are refused with the flag's name",
        arguments: [
            ["--class-offsets", "0"], ["--class-offsets", "1.5"], ["--logit-adjustment", "x"],
            ["--logit-adjustment=1,,2"],
            ["--logit-adjustment", "11"],
        ])
    func badValues(_ flags: [String]) throws {
        let outcome = try TriageExecutable.run(
            ["train", "--data", "TrainingData/evaluation.jsonl", "--label", "subject", "--out", "/nonexistent/x"]
                + flags)
        #expect(outcome.status != 0)
        let flag = flags[0].split(separator: "=")[0]
        #expect(outcome.standardError.contains(flag), "stderr: \(outcome.standardError)")
    }
}
