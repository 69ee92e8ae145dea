import ArgumentParser
import DisputeTriage
import Foundation
@_spi(Components) import Learners
import Records
@_spi(Components) import TextFeatures

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate a model's classifier for one label field on labelled data.",
        discussion: """
            With --format html the report is one self-contained page (inline SVG and CSS, nothing \
            loaded, no script): metrics, per-class bars, the confusion heat map, a reliability diagram, \
            the most confused pairs with example texts (redacted) and the words each class rests on. \
            The text report ends with those words too.
            Example: triage evaluate --model Models/default --data test.jsonl --label subject --format html --output report.html
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, html }

    @Option(help: "Model directory.")
    var model: String

    @OptionGroup var labeled: LabeledDataOptions

    @Option(help: "Output: text, json (one JSON object) or html (one self-contained page).")
    var format: Format = .text

    @Option(help: "Write the report to this file instead of standard output (never a partial file).")
    var output: String?

    /// Words shown per class.
    static let classWords = 8

    /// "words each class rests on:" and a line per class.
    static func classWordLines(_ classWords: [(label: String, words: [String])]) -> String {
        let lines = classWords.map { label, words in
            label.padding(toLength: 28, withPad: " ", startingAt: 0) + " " + words.joined(separator: ", ")
        }
        return (["words each class rests on:"] + lines).joined(separator: "\n")
    }

    func run() throws {
        let bundle = try ModelBundle.load(from: URL(fileURLWithPath: model))
        let label = labeled.label
        guard let classifier = bundle.classifiers[label] else {
            throw CLIError(
                "the model has no '\(label)' classifier (it has: \(bundle.classifiers.keys.sorted().joined(separator: ", ")))"
            )
        }
        let reader = try RecordReader(path: labeled.data)
        var builder = ClassificationReport.Builder(modelLabels: classifier.model.labels.names)
        var probabilities: [Float] = []
        var vector = SparseVector()
        var workspace = FeatureWorkspace()
        var texts: [String] = []
        while let record = try reader.next() {
            let text = try record.requiredText(labeled.textField)
            if format == .html { texts.append(text) }
            guard let truth = try record.optionalText(label), !truth.isEmpty else {
                throw record.error(label, "missing label")
            }
            classifier.extractor.transform(text, into: &vector, workspace: &workspace)
            classifier.model.predictProbabilities(vector, into: &probabilities)
            builder.add(trueLabel: truth, probabilities: probabilities)
        }
        guard !builder.truths.isEmpty else { throw RecordError(file: labeled.data, line: 0, reason: "no records") }
        let report = builder.report(label: label)
        let destination = ReportOutput(path: output)
        // Only the text and HTML reports show them.
        func classWords() -> [(label: String, words: [String])] {
            classifier.classWords(limit: Self.classWords).map { ($0.label, $0.words.map(\.name)) }
        }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try destination.write(String(decoding: try encoder.encode(report), as: UTF8.self))
        case .text:
            try destination.write(report.textSummary + "\n\n" + Self.classWordLines(classWords()))
        case .html:
            let provenance = bundle.provenance
            var facts: [(String, String)] = [
                ("model", model), ("data", labeled.data), ("label field", label),
                ("model written", provenance.createdAt),
                (
                    "training data",
                    "\(provenance.trainingRecords) records, SHA-256 \(provenance.trainingDataSHA256.prefix(16))…"
                ),
                ("algorithm", classifier.options.algorithm.rawValue),
                ("classes known to the model", String(classifier.model.labels.count)),
            ]
            facts += provenance.metrics.keys.sorted().map {
                ("metric \($0)", HTMLText.fixed(provenance.metrics[$0]!, 4))
            }
            let page = EvaluationPage(
                title: "Evaluation of \(label) on \(URL(fileURLWithPath: labeled.data).lastPathComponent)",
                report: report,
                reliability: builder.reliability(), examples: EvaluationPage.examples(builder, texts: texts),
                provenance: facts,
                classWords: classWords())
            try destination.write(page.render())
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
            lines.append(
                name.padding(toLength: 28, withPad: " ", startingAt: 0)
                    + String(format: "    %.3f   %.3f  %.3f  %7d", m.precision, m.recall, m.f1, m.support))
        }
        return lines.joined(separator: "\n")
    }
}
