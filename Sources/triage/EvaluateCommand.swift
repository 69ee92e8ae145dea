import ArgumentParser
import DisputeTriage
import Foundation
import Learners
import Records
import TextFeatures

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate a model's classifier for one label field on labelled data.",
        discussion: "Example: triage evaluate --model Models/default --data test.jsonl --label subject --format json")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: "Model directory.")
    var model: String

    @OptionGroup var labeled: LabeledDataOptions

    @Option(help: "Output: text or json (one JSON object).")
    var format: Format = .text

    func run() throws {
        Triage.prepareRuntime()
        let bundle = try ModelBundle.load(from: URL(fileURLWithPath: model))
        let label = labeled.label
        guard let classifier = bundle.classifiers[label] else {
            throw CLIError("the model has no '\(label)' classifier (it has: \(bundle.classifiers.keys.sorted().joined(separator: ", ")))")
        }
        let reader = try RecordReader(path: labeled.data)
        var builder = ClassificationReport.Builder(modelLabels: classifier.model.labels.names)
        var probabilities: [Float] = []
        var vector = SparseVector()
        var workspace = FeatureWorkspace()
        while let record = try reader.next() {
            let text = try record.requiredText(labeled.textField)
            guard let truth = try record.optionalText(label), !truth.isEmpty else { throw record.error(label, "missing label") }
            classifier.extractor.transform(text, into: &vector, workspace: &workspace)
            classifier.model.predictProbabilities(vector, into: &probabilities)
            builder.add(trueLabel: truth, probabilities: probabilities)
        }
        let report = builder.report(label: label)
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            Standard.output(String(decoding: try encoder.encode(report), as: UTF8.self))
        case .text:
            Standard.output(report.textSummary)
        }
    }
}

extension ClassificationReport {
    /// A human-readable table of the report.
    var textSummary: String {
        var lines = [
            "label: \(label)   n: \(n)",
            String(format: "accuracy %.4f   macro-F1 %.4f   log-loss %.4f   ECE %.4f", accuracy, macroF1, logLoss, ece),
            "",
            "class".padding(toLength: 28, withPad: " ", startingAt: 0) + " precision  recall     f1  support",
        ]
        for name in classes {
            let m = perClass[name]!
            lines.append(name.padding(toLength: 28, withPad: " ", startingAt: 0)
                + String(format: "    %.3f   %.3f  %.3f  %7d", m.precision, m.recall, m.f1, m.support))
        }
        return lines.joined(separator: "\n")
    }
}
