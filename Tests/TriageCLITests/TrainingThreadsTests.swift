import Foundation
import Testing
@_spi(Components) import TriageTestSupport

/// `triage train --threads N` trains the labels at once and `triage crossvalidate --threads N` the
/// folds: the model's bytes and the report must not depend on N.
@Suite(.enabled(if: TriageExecutable.url != nil, "the triage executable is not built beside the tests"))
struct TrainingThreadsTests {
    @Test("crossvalidate writes the same report on 1, 2 and 3 threads")
    func crossvalidateReport() throws {
        var reports: [Data] = []
        for threads in ["1", "2", "3"] {
            let outcome = try TriageExecutable.run([
                "crossvalidate", "--data", "TrainingData/evaluation.jsonl", "--label", "subject", "--folds", "3",
                "--group-by", "language", "--format", "json", "--threads", threads,
            ])
            #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
            reports.append(outcome.standardOutput)
        }
        let object = try #require(try JSONSerialization.jsonObject(with: reports[0]) as? [String: Any])
        let overall = try #require(object["overall"] as? [String: Any])
        #expect(overall["n"] as? Int == 300)
        #expect(reports[1] == reports[0])
        #expect(reports[2] == reports[0])
    }

    @Test("train writes the same model files on 1 and 2 threads")
    func trainModel() throws {
        try TemporaryDirectory.with { directory in
            var files: [[String: Data]] = []
            for threads in ["1", "2"] {
                let out = directory.appendingPathComponent("model-\(threads)")
                let outcome = try TriageExecutable.run([
                    "train", "--data", "TrainingData/evaluation.jsonl", "--label", "subject", "--label", "severity",
                    "--out", out.path, "--seed", "3", "--created-at", "2026-01-01T00:00:00Z", "--threads", threads,
                ])
                #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
                // Each label's summary follows the progress display, in --label order.
                let subject = try #require(outcome.standardError.range(of: "[subject] 15 classes"))
                let severity = try #require(outcome.standardError.range(of: "[severity] 4 classes"))
                #expect(subject.lowerBound < severity.lowerBound)
                let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
                files.append(
                    Dictionary(
                        uniqueKeysWithValues: try names.map {
                            ($0, try Data(contentsOf: out.appendingPathComponent($0)))
                        }))
            }
            #expect(files[0].keys.contains("weights.safetensors"))
            #expect(files[1] == files[0])
        }
    }

    @Test("--threads 0 is refused before any work", arguments: ["train", "crossvalidate"])
    func zeroThreads(command: String) throws {
        try TemporaryDirectory.with { directory in
            let out = directory.appendingPathComponent("model")
            let rest = command == "train" ? ["--out", out.path] : []
            let outcome = try TriageExecutable.run(
                [command, "--data", "TrainingData/evaluation.jsonl", "--label", "severity", "--threads", "0"] + rest)
            #expect(outcome.status == 64)
            #expect(outcome.standardError.contains("--threads must be >= 1"), "stderr: \(outcome.standardError)")
            #expect(!FileManager.default.fileExists(atPath: out.path))
        }
    }
}
