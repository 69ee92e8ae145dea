import ArgumentParser
import Foundation
@_spi(Components) import Learners
import Records
@_spi(Components) import TextFeatures

struct CrossValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crossvalidate",
        abstract: "K-fold cross-validated accuracy and macro-F1 of one label, overall and per group (e.g. language).",
        discussion:
            "Example: triage crossvalidate --data TrainingData/disputes.jsonl --label subject --group-by language --space vocab:2"
    )

    @OptionGroup var labeled: LabeledDataOptions

    @Option(help: "Report separately for each value of this field (e.g. language).")
    var groupBy: String?

    @Option(help: "Number of folds.")
    var folds = 5

    @Option(
        help:
            "Threads (default: all cores): folds are trained at once (each needs the memory of one training), and threads left over split each fold's solver passes. The report is the same for any count."
    )
    var threads = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Output: text, json or html (one self-contained page).")
    var format: EvaluateCommand.Format = .text

    @Option(help: "Write the report to this file instead of standard output (never a partial file).")
    var output: String?

    @OptionGroup var training: TrainingFlags

    @Flag(help: "No progress display on standard error.")
    var quiet = false

    func validate() throws {
        guard folds >= 2 else { throw ValidationError("--folds must be >= 2") }
        guard threads >= 1 else { throw ValidationError("--threads must be >= 1") }
    }

    func run() throws {
        let label = labeled.label
        let reader = try RecordReader(path: labeled.data)
        var texts: [String] = [], labels: [String] = [], groups: [String] = []
        while let record = try reader.next() {
            texts.append(try record.requiredText(labeled.textField))
            guard let value = try record.optionalText(label) else { throw record.error(label, "missing label") }
            labels.append(value)
            if let groupBy {
                guard let group = try record.optionalText(groupBy) else {
                    throw record.error(groupBy, "missing group value")
                }
                groups.append(group)
            }
        }
        guard !texts.isEmpty else { throw RecordError(file: labeled.data, line: 0, reason: "no records") }
        guard folds <= texts.count else {
            throw RecordError(
                file: labeled.data, line: 0, reason: "--folds \(folds) is more than its \(texts.count) records")
        }
        try LabeledTexts.requireTwoClasses(labels, field: label, file: labeled.data)
        let options = try training.options()
        let fold = Calibration.foldAssignment(count: texts.count, folds: folds, seed: options.seed)
        let allLabels = Set(labels).sorted()
        var overall = ClassificationReport.Builder(modelLabels: allLabels)
        var byGroup: [String: ClassificationReport.Builder] = [:]
        // The examples in the order they are added to `overall`, for the HTML page.
        var evaluatedTexts: [String] = []
        // Each fold is trained on its own thread (up to `threads` at once) and its predictions are
        // added in fold order, so the report does not depend on the thread count.
        let progress = SharedProgress(
            label: "\(label), \(folds) folds", parts: (1...folds).map { "fold \($0)/\(folds)" }, quiet: quiet)
        let examples = (texts: texts, labels: labels)
        // The examples each fold holds out, in order.
        let heldOut = (0..<folds).map { f in texts.indices.filter { fold[$0] == f } }
        let share = ThreadBudget.split(threads, among: folds)
        try OrderedPipeline<Int, (fold: Int, probabilities: [[Float]])>.run(
            0..<folds, threads: share.atOnce,
            work: { f in
                let train = examples.texts.indices.filter { fold[$0] != f }
                let classifier = try TextClassifier.train(
                    texts: train.map { examples.texts[$0] }, labels: train.map { examples.labels[$0] },
                    labelField: label, options: options, threads: share.perPart
                ) { progress.update(part: f, $0.fraction, detail: $0.summary) }
                // The classifier's probabilities in the global label order, for the fold's examples in order.
                let probabilities = heldOut[f].map { i in
                    let p = classifier.predictProbabilities(examples.texts[i])
                    return allLabels.map { name in classifier.model.labels.index(of: name).map { p[$0] } ?? 0 }
                }
                return (f, probabilities)
            },
            deliver: { result in
                for (i, aligned) in zip(heldOut[result.fold], result.probabilities) {
                    overall.add(trueLabel: labels[i], probabilities: aligned)
                    if format == .html { evaluatedTexts.append(texts[i]) }
                    if groupBy != nil {
                        byGroup[groups[i], default: ClassificationReport.Builder(modelLabels: allLabels)].add(
                            trueLabel: labels[i], probabilities: aligned)
                    }
                }
            })
        progress.finish()
        let report = overall.report(label: label)
        let groupReports = byGroup.mapValues { $0.report(label: label) }
        let destination = ReportOutput(path: output)
        switch format {
        case .html:
            let facts: [(String, String)] = [
                ("data", labeled.data), ("label field", label), ("folds", String(folds)),
                ("seed", String(options.seed)),
                ("algorithm", options.algorithm.rawValue),
                ("character n-grams", training.charNGrams.defaultValueDescription),
                ("feature space", training.space.defaultValueDescription),
                ("word n-grams", String(options.features.wordNGrams)),
            ]
            var page = EvaluationPage(
                title:
                    "\(folds)-fold cross-validation of \(label) on \(URL(fileURLWithPath: labeled.data).lastPathComponent)",
                report: report, reliability: overall.reliability(),
                examples: EvaluationPage.examples(overall, texts: evaluatedTexts), provenance: facts)
            page.groups = groupReports.sorted { $0.key < $1.key }.map { (name: $0.key, report: $0.value) }
            try destination.write(page.render())
        case .json:
            struct Output: Encodable {
                var folds: Int; var overall: ClassificationReport; var groups: [String: ClassificationReport]
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try destination.write(
                String(
                    decoding: try encoder.encode(Output(folds: folds, overall: report, groups: groupReports)),
                    as: UTF8.self))
        case .text:
            var lines = ["\(folds)-fold cross-validation\n" + report.textSummary]
            for (group, r) in groupReports.sorted(by: { $0.key < $1.key }) {
                lines.append(
                    String(
                        format: "%@ = %@: n %d  accuracy %.4f  macro-F1 %.4f", groupBy ?? "", group, r.n, r.accuracy,
                        r.macroF1))
            }
            lines.append("\nconfusion (rows = truth, columns = prediction, order as above):")
            for (i, row) in report.confusion.enumerated() {
                lines.append(
                    report.classes[i].padding(toLength: 18, withPad: " ", startingAt: 0)
                        + row.map { String(format: "%4d", $0) }.joined())
            }
            try destination.write(lines.joined(separator: "\n"))
        }
    }
}
