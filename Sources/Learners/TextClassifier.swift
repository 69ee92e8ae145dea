import ModelFormat
import TextFeatures

/// A text classifier: a fitted ``FeatureExtractor`` plus a learner, trained for one label field.
///
/// ```swift
/// let classifier = try TextClassifier.train(texts: texts, labels: labels, labelField: "subject", options: TrainingOptions())
/// classifier.predict("We were billed twice for PO 4471")          // "duplicate_billing"
/// classifier.topFeatures("We were billed twice", label: "duplicate_billing", limit: 3)
/// ```
public struct TextClassifier: Sendable, Equatable {
    /// Name of the label field the classifier predicts (e.g. `"subject"`).
    package let labelField: String
    /// The options it was trained with.
    package let options: TrainingOptions
    /// Text → features.
    public let extractor: FeatureExtractor
    /// The learner.
    package var model: AnyClassifier

    /// Creates a classifier from its parts.
    package init(labelField: String, options: TrainingOptions, extractor: FeatureExtractor, model: AnyClassifier) {
        self.labelField = labelField
        self.options = options
        self.extractor = extractor
        self.model = model
    }

    /// Fits features, trains the learner, and calibrates its temperature on cross-validation folds.
    /// - Throws: ``LearnerError`` (e.g. empty data, mismatched lengths) or ``FeatureError``.
    public static func train(
        texts: [String], labels: [String], labelField: String, options: TrainingOptions,
        progress: ((String) -> Void)? = nil
    ) throws -> TextClassifier {
        guard texts.count == labels.count else {
            throw LearnerError.invalidParameter(name: "labels", reason: "\(labels.count) labels for \(texts.count) texts")
        }
        guard !texts.isEmpty else { throw LearnerError.emptyTrainingSet }
        var featureConfiguration = options.features
        featureConfiguration.seed = options.seed
        progress?("fitting features on \(texts.count) texts")
        let extractor = try FeatureExtractor.fit(configuration: featureConfiguration, texts: texts)
        var workspace = FeatureWorkspace()
        var vector = SparseVector()
        var examples: [LabeledExample] = []
        examples.reserveCapacity(texts.count)
        for (text, label) in zip(texts, labels) {
            extractor.transform(text, into: &vector, workspace: &workspace)
            examples.append(LabeledExample(features: vector, label: label))
        }
        var temperature: Float = 1
        if options.calibrationFolds >= 2 {
            progress?("calibrating on \(options.calibrationFolds) folds")
            temperature = try Calibration.crossValidatedTemperature(
                examples: examples, folds: options.calibrationFolds, seed: options.seed
            ) { AnyClassifier.make(options.algorithm, dimension: extractor.dimension, options: options) }
        }
        progress?("training \(options.algorithm.rawValue) on \(examples.count) examples, \(extractor.dimension) features")
        var model = AnyClassifier.make(options.algorithm, dimension: extractor.dimension, options: options)
        try model.fit(examples)
        model.temperature = temperature
        return TextClassifier(labelField: labelField, options: options, extractor: extractor, model: model)
    }

    /// The class labels, in the order of ``predictProbabilities(_:)``.
    public var labels: [String] { model.labels.names }

    /// Class probabilities for `text`, ordered like ``labels``.
    public func predictProbabilities(_ text: String) -> [Float] {
        model.predictProbabilities(extractor.transform(text))
    }

    /// As ``predictProbabilities(_:)`` for features already extracted by ``extractor``, into a
    /// buffer reused across calls.
    public func predictProbabilities(_ features: SparseVector, into probabilities: inout [Float]) {
        model.predictProbabilities(features, into: &probabilities)
    }

    /// The most probable label for `text`.
    public func predict(_ text: String) -> String? { model.predict(extractor.transform(text)) }

    /// Learns one labelled text online.
    public mutating func update(text: String, label: String, weight: Float = 1) throws {
        try update(features: extractor.transform(text), label: label, weight: weight)
    }

    /// As ``update(text:label:weight:)`` for features already extracted by ``extractor``.
    package mutating func update(features: SparseVector, label: String, weight: Float = 1) throws {
        try model.update(LabeledExample(features: features, label: label, weight: weight))
    }

    /// The features of `text` that push `label` up the most, with their contribution (score units).
    package func topFeatures(_ text: String, label: String, limit: Int = 5) -> [(name: String, contribution: Float)] {
        topFeatures(extractor.transform(text), label: label, limit: limit)
    }

    /// As ``topFeatures(_:label:limit:)-(String,_,_)`` for already extracted features.
    package func topFeatures(_ features: SparseVector, label: String, limit: Int = 5) -> [(name: String, contribution: Float)] {
        guard let classIndex = model.labels.index(of: label) else { return [] }
        var selection = TopFeatureSelection()
        selectTopFeatures(features, classIndex: classIndex, limit: limit, into: &selection)
        return zip(selection.indices, selection.contributions).map { (extractor.name(of: Int($0)), $1) }
    }
}
