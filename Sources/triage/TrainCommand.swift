import ArgumentParser
import DisputeTriage
import Foundation
import Learners
import ModelFormat
import TextFeatures

extension Algorithm: ExpressibleByArgument {}

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

    @Option(help: "Model directory to write (an existing one is replaced atomically; any other existing path is refused).")
    var out: String

    @Option(help: "Seed: the same data and seed give a byte-identical model.")
    var seed: UInt64 = 1

    @Option(help: "Learner: nb, cnb or lr.")
    var algorithm: Algorithm = TrainingOptions().algorithm

    @Option(help: "Folds for probability calibration (0 = none).")
    var calibrationFolds = TrainingOptions().calibrationFolds

    @Option(help: "Logistic regression solver: lbfgs or adagrad.")
    var solver = TrainingOptions().logisticRegression.solver

    @Option(name: .customLong("C"), help: "Logistic regression (lbfgs): inverse regularisation strength C.")
    var inverseRegularization = TrainingOptions().logisticRegression.inverseRegularization

    @Option(help: "Logistic regression (adagrad): passes over the data.")
    var epochs = TrainingOptions().logisticRegression.epochs

    @Option(help: "Logistic regression: AdaGrad learning rate.")
    var learningRate = TrainingOptions().logisticRegression.learningRate

    @Option(help: "Logistic regression: L2 penalty.")
    var l2 = TrainingOptions().logisticRegression.l2

    @Option(help: "Class weighting: uniform or balanced.")
    var classWeighting = TrainingOptions().logisticRegression.classWeighting

    @Option(help: "Naive Bayes: additive smoothing α.")
    var smoothing = TrainingOptions().naiveBayes.smoothing

    @Option(name: .customLong("word-ngrams"), help: "Longest word n-gram (1–4).")
    var wordNGrams = TrainingOptions().features.wordNGrams

    @Option(name: .customLong("char-ngrams"), help: "Character n-gram lengths inside words, e.g. 3-5, or 'none'.")
    var charNGrams = "2-4"

    @Option(help: "Term weighting: raw, log1p or binary.")
    var weighting = TrainingOptions().features.weighting

    @Option(help: "Feature space: 'vocab:MINCOUNT' or 'hash:BITS'.")
    var space = "vocab:1"

    @Option(help: "Timestamp written into the manifest (ISO 8601); fix it for byte-identical rebuilds.")
    var createdAt: String?

    func validate() throws {
        guard !labels.isEmpty else { throw ValidationError("give at least one --label FIELD") }
        guard Set(labels).count == labels.count else { throw ValidationError("each --label may be given once") }
        guard calibrationFolds >= 0 else { throw ValidationError("--calibration-folds must be >= 0") }
    }

    func run() throws {
        Triage.prepareRuntime()
        let dataset = try LabeledTexts.read(path: data, textField: textField, labelFields: labels)
        Standard.error("read \(dataset.texts.count) records from \(data)")
        var options = TrainingOptions()
        options.seed = seed
        options.algorithm = algorithm
        options.calibrationFolds = calibrationFolds
        options.logisticRegression.solver = solver
        options.logisticRegression.inverseRegularization = inverseRegularization
        options.logisticRegression.epochs = epochs
        options.logisticRegression.learningRate = learningRate
        options.logisticRegression.l2 = l2
        options.logisticRegression.classWeighting = classWeighting
        options.naiveBayes.smoothing = smoothing
        options.features.wordNGrams = wordNGrams
        options.features.weighting = weighting
        options.features.characterNGrams = try parseCharacterNGrams(charNGrams)
        options.features.space = try parseSpace(space)
        var classifiers: [String: TextClassifier] = [:]
        for field in labels {
            let started = Date()
            let classifier = try TextClassifier.train(
                texts: dataset.texts, labels: dataset.labels[field]!, labelField: field, options: options
            ) { Standard.error("[\(field)] \($0)") }
            classifiers[field] = classifier
            let seconds = Date().timeIntervalSince(started)
            Standard.error("[\(field)] \(classifier.model.labels.count) classes, \(classifier.extractor.dimension) features, T=\(classifier.model.temperature), \(String(format: "%.1f", seconds)) s")
        }
        let bytes = Array(FileManager.default.contents(atPath: data) ?? Data())
        let provenance = ModelBundle.Provenance(
            trainingDataSHA256: SHA256.hexDigest(bytes), trainingRecords: dataset.texts.count,
            createdAt: createdAt ?? ISO8601DateFormatter().string(from: Date()))
        let isTriageModel = classifiers["subject"] != nil && classifiers["severity"] != nil
        let bundle = ModelBundle(classifiers: classifiers, priority: isTriageModel ? PriorityModel.coldStart() : nil, provenance: provenance)
        try bundle.save(to: URL(fileURLWithPath: out))
        Standard.output("trained \(labels.joined(separator: ", ")) (\(algorithm.rawValue)) on \(dataset.texts.count) records → \(out)")
    }
}

extension ClassWeighting: ExpressibleByArgument {}
extension LogisticRegression.Solver: ExpressibleByArgument {}
extension TermWeighting: ExpressibleByArgument {}

/// "3-5" → 3...5, "none" → nil.
func parseCharacterNGrams(_ text: String) throws -> ClosedRange<Int>? {
    if text == "none" { return nil }
    let parts = text.split(separator: "-").compactMap { Int($0) }
    guard parts.count == 2, parts[0] >= 1, parts[0] <= parts[1] else {
        throw ValidationError("--char-ngrams must look like 3-5 or be 'none', got '\(text)'")
    }
    return parts[0]...parts[1]
}

/// "vocab:2" or "hash:18".
func parseSpace(_ text: String) throws -> FeatureConfiguration.Space {
    let parts = text.split(separator: ":")
    if parts.count == 2, let n = Int(parts[1]) {
        if parts[0] == "vocab" { return .vocabulary(minCount: n, oovBits: 12) }
        if parts[0] == "hash" { return .hashing(bits: n) }
    }
    throw ValidationError("--space must be vocab:MINCOUNT or hash:BITS, got '\(text)'")
}
