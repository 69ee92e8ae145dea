import Foundation
@_spi(Components) import Learners
import Testing

@Suite struct ClassificationReportTests {
    @Test func computesAccuracyF1ConfusionAndCalibration() throws {
        var builder = ClassificationReport.Builder(modelLabels: ["a", "b"])
        builder.add(trueLabel: "a", probabilities: [0.9, 0.1])  // right
        builder.add(trueLabel: "a", probabilities: [0.3, 0.7])  // wrong
        builder.add(trueLabel: "b", probabilities: [0.2, 0.8])  // right
        builder.add(trueLabel: "c", probabilities: [0.6, 0.4])  // unknown to the model
        let report = builder.report(label: "x")
        #expect(report.n == 4)
        #expect(report.accuracy == 0.5)
        #expect(report.classes == ["a", "b", "c"])
        #expect(report.confusion == [[1, 1, 0], [0, 1, 0], [1, 0, 0]])
        // a: precision 1/2, recall 1/2 → F1 0.5; b: precision 1/2, recall 1 → 2/3; c: 0.
        #expect(abs(report.macroF1 - (0.5 + 2.0 / 3.0 + 0) / 3) < 1e-9)
        #expect(try #require(report.perClass["b"]).support == 1)
        let expectedLogLoss = -(log(0.9) + log(0.3) + log(0.8) + log(1e-15)) / 4
        #expect(abs(report.logLoss - expectedLogLoss) < 1e-5)
        #expect(report.ece > 0 && report.ece < 1)
    }

    @Test func encodesSnakeCaseKeys() throws {
        var builder = ClassificationReport.Builder(modelLabels: ["a"])
        builder.add(trueLabel: "a", probabilities: [1])
        let json = String(decoding: try JSONEncoder().encode(builder.report(label: "l")), as: UTF8.self)
        for key in ["\"macro_f1\"", "\"per_class\"", "\"log_loss\"", "\"ece\"", "\"confusion\"", "\"accuracy\""] {
            #expect(json.contains(key))
        }
    }
}
