import ArgumentParser
import DisputeTriage
import Foundation
@_spi(Components) import Learners
import ModelFormat
@_spi(Components) import TextFeatures

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train one text classifier per --label field and save them as a model directory.",
        discussion: """
            With both --label subject and --label severity the model is a full dispute-triage model: \
            a cold-start priority model is added, so `triage score` works on it.
            Example: triage train --data TrainingData/disputes.jsonl --label subject --label severity --out Models/default --seed 1
            """)

    @Option(help: "Training data (.csv, .jsonl or .ndjson).")
    var data: String

    @Option(name: .customLong("label"), help: "Label field to learn (repeat for several).")
    var labels: [String]

    @Option(help: "Field holding the text.")
    var textField = "text"

    @Option(
        help: "Model directory to write (an existing one is replaced atomically; any other existing path is refused).")
    var out: String

    @OptionGroup var training: TrainingFlags

    @Option(
        help:
            "Threads (default: all cores): labels are trained at once (each needs the memory of one training), and threads left over split each label's solver passes. The model is the same for any count."
    )
    var threads = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "No progress display on standard error.")
    var quiet = false

    @Option(help: "Timestamp written into the manifest (ISO 8601); fix it for byte-identical rebuilds.")
    var createdAt: String?

    func validate() throws {
        guard !labels.isEmpty else { throw ValidationError("give at least one --label FIELD") }
        guard Set(labels).count == labels.count else { throw ValidationError("each --label may be given once") }
        guard threads >= 1 else { throw ValidationError("--threads must be >= 1") }
        // The manifest records the training file's SHA-256, read again after training.
        guard data != "-" else { throw ValidationError("--data - (standard input): train needs a file") }
        if let createdAt, ISO8601DateFormatter().date(from: createdAt) == nil {
            throw ValidationError("--created-at must be an ISO 8601 timestamp such as 2026-01-31T12:00:00Z")
        }
    }

    func run() throws {
        let dataset = try LabeledTexts.read(path: data, textField: textField, labelFields: labels)
        for field in labels { try LabeledTexts.requireTwoClasses(dataset.labels[field]!, field: field, file: data) }
        Standard.error("read \(dataset.texts.count) records from \(data)")
        let options = try training.options()
        // Each label's classifier is trained on its own thread (up to `threads` at once), and threads
        // left over split the solver's passes; neither changes a bit of the model. The summaries
        // follow the progress display, in --label order.
        let progress = SharedProgress(label: labels.joined(separator: ", "), parts: labels, quiet: quiet)
        let fields = labels
        var classifiers: [String: TextClassifier] = [:]
        var summaries: [String] = []
        let share = ThreadBudget.split(threads, among: labels.count)
        try OrderedPipeline<Int, (classifier: TextClassifier, seconds: Double)>.run(
            labels.indices, threads: share.atOnce,
            work: { part in
                let started = Date()
                let classifier = try TextClassifier.train(
                    texts: dataset.texts, labels: dataset.labels[fields[part]]!, labelField: fields[part],
                    options: options, threads: share.perPart
                ) { progress.update(part: part, $0.fraction, detail: $0.summary) }
                return (classifier, Date().timeIntervalSince(started))
            },
            deliver: { trained in
                let classifier = trained.classifier
                let field = classifier.labelField
                classifiers[field] = classifier
                summaries.append(
                    "[\(field)] \(classifier.model.labels.count) classes, \(classifier.extractor.dimension) features, T=\(classifier.model.temperature), \(String(format: "%.1f", trained.seconds)) s"
                )
                if let selection = classifier.selection { summaries.append(selection.summary(label: field)) }
            })
        progress.finish()
        for line in summaries { Standard.error(line) }
        let bytes = try FileContents.bytes(atPath: data)
        let provenance = ModelBundle.Provenance(
            trainingDataSHA256: SHA256.hexDigest(bytes), trainingRecords: dataset.texts.count,
            createdAt: createdAt ?? ISO8601DateFormatter().string(from: Date()))
        let isTriageModel = classifiers["subject"] != nil && classifiers["severity"] != nil
        let bundle = ModelBundle(
            classifiers: classifiers, priority: isTriageModel ? PriorityModel.coldStart() : nil, provenance: provenance)
        try bundle.save(to: URL(fileURLWithPath: out))
        Standard.output(
            "trained \(labels.joined(separator: ", ")) (\(options.algorithm.rawValue)) on \(dataset.texts.count) records → \(out)"
        )
    }
}
