import ModelFormat
@_spi(Components) import TextFeatures

/// A text classifier: a fitted ``FeatureExtractor`` plus a learner, trained for one label field.
///
/// ```swift
/// let classifier = try TextClassifier.train(texts: texts, labels: labels, labelField: "subject", options: TrainingOptions())
/// classifier.predict("We were billed twice for PO 4471")          // "duplicate_billing"
/// classifier.topFeatures("We were billed twice", label: "duplicate_billing", limit: 3)
/// ```
@_spi(Components) public struct TextClassifier: Sendable, Equatable {
    /// Name of the label field the classifier predicts (e.g. `"subject"`).
    package let labelField: String
    /// The options it was trained with.
    package let options: TrainingOptions
    /// Text → features.
    @_spi(Components) public let extractor: FeatureExtractor
    /// The learner.
    package var model: AnyClassifier
    /// What the settings search tried and chose (`nil` when the settings were fixed).
    package var selection: SelectionReport?

    /// Creates a classifier from its parts.
    package init(labelField: String, options: TrainingOptions, extractor: FeatureExtractor, model: AnyClassifier) {
        self.labelField = labelField
        self.options = options
        self.extractor = extractor
        self.model = model
    }

    /// Fits features and trains the learner. With ``TrainingOptions/tuning`` (the default) it
    /// chooses logistic regression's settings and fits the probability temperature on a held-out
    /// part of `texts`, then refits on all of them (see ``Tuning``); without, it uses the fixed
    /// settings and calibrates the temperature on cross-validation folds.
    /// `progress` is called often (every solver iteration) from the calling thread. With `threads`
    /// above 1, the settings search's and final fit's solver splits its passes over that many
    /// threads: the same model, bit for bit, in less time on several cores.
    /// - Throws: ``LearnerError`` (e.g. empty data, one class only, mismatched lengths, a setting
    ///   out of range) or ``FeatureError``.
    @_spi(Components) public static func train(
        texts: [String], labels: [String], labelField: String, options: TrainingOptions, threads: Int = 1,
        progress: ((TrainingProgress) -> Void)? = nil
    ) throws -> TextClassifier {
        guard texts.count == labels.count else {
            throw LearnerError.invalidParameter(
                name: "labels", reason: "\(labels.count) labels for \(texts.count) texts")
        }
        guard !texts.isEmpty else { throw LearnerError.emptyTrainingSet }
        // One class would train a constant classifier, and the settings search divides by zero on it.
        guard let first = labels.first, labels.contains(where: { $0 != first }) else {
            throw LearnerError.singleClass(field: labelField, label: labels[0])
        }
        try options.validate()
        let tuned = options.tuning != nil && options.algorithm == .logisticRegression
        let fitCosts =
            tuned ? ModelSelection.plannedCost(options.tuning!) : [1.0, 0.3 * Double(max(options.calibrationFolds, 0))]
        let tracker = TrainingProgressTracker(plannedCost: 0.05 + fitCosts.reduce(0, +), report: progress)
        tracker.begin("features", cost: 0.05)
        var featureConfiguration = options.features
        featureConfiguration.seed = options.seed
        let extractor = try FeatureExtractor.fit(configuration: featureConfiguration, texts: texts)
        var workspace = FeatureWorkspace()
        var vector = SparseVector()
        var examples: [LabeledExample] = []
        examples.reserveCapacity(texts.count)
        for (text, label) in zip(texts, labels) {
            extractor.transform(text, into: &vector, workspace: &workspace)
            extractor.removeOutOfVocabulary(from: &vector)
            examples.append(LabeledExample(features: vector.exactCopy(), label: label))
        }
        let make = { AnyClassifier.make(options.algorithm, dimension: extractor.dimension, options: options) }
        var model = make()
        var chosenOptions = options
        var selection: SelectionReport?
        if let tuning = options.tuning {
            let split = ValidationSplit(labels: labels, fraction: tuning.validationFraction, seed: options.seed)
            let folds = tuning.selectionFolds.map { StratifiedFolds(labels: labels, count: $0, seed: options.seed) }
            if tuned, !(folds?.heldOut.isEmpty ?? split.validation.isEmpty), case let .logisticRegression(base) = model
            {
                let (fitted, report) =
                    try folds.map {
                        try ModelSelection.logisticRegression(
                            examples: examples, folds: $0, dimension: extractor.dimension,
                            parameters: base.parameters, tuning: tuning, threads: threads, tracker: tracker)
                    }
                    ?? ModelSelection.logisticRegression(
                        examples: examples, split: split, dimension: extractor.dimension, parameters: base.parameters,
                        tuning: tuning, threads: threads, tracker: tracker)
                model = .logisticRegression(fitted)
                selection = report
                chosenOptions.logisticRegression.inverseRegularization = report.chosen.inverseRegularization
                chosenOptions.logisticRegression.classWeighting = report.chosen.classWeighting
            } else {
                // Nothing to search (or too few examples to hold any out): calibrate on the held-out part.
                var temperature: Float = 1
                if !split.validation.isEmpty {
                    tracker.begin("calibration fit", cost: fitCosts[1])
                    var heldOutModel = make()
                    try heldOutModel.fit(split.training.map { examples[$0] })
                    temperature = ModelSelection.heldOutTemperature(
                        heldOutModel, examples: examples, indices: split.validation)
                }
                tracker.begin("final fit", cost: fitCosts[0])
                try model.fit(examples)
                model.temperature = temperature
            }
        } else {
            var temperature: Float = 1
            if options.calibrationFolds >= 2 {
                tracker.begin("calibration on \(options.calibrationFolds) folds", cost: fitCosts[1])
                temperature = try Calibration.crossValidatedTemperature(
                    examples: examples, folds: options.calibrationFolds, seed: options.seed, makeModel: make)
            }
            tracker.begin("final fit", cost: fitCosts[0])
            try model.fit(examples)
            model.temperature = temperature
        }
        tracker.finish()
        var classifier = TextClassifier(
            labelField: labelField, options: chosenOptions, extractor: extractor, model: model)
        classifier.selection = selection
        return classifier
    }

    /// Class probabilities for `text`, ordered like ``labels``.
    @_spi(Components) public func predictProbabilities(_ text: String) -> [Float] {
        model.predictProbabilities(extractor.transform(text))
    }

    /// As ``predictProbabilities(_:)`` for features already extracted by ``extractor``, into a
    /// buffer reused across calls.
    @_spi(Components) public func predictProbabilities(_ features: SparseVector, into probabilities: inout [Float]) {
        model.predictProbabilities(features, into: &probabilities)
    }

    /// The most probable label for `text`.
    @_spi(Components) public func predict(_ text: String) -> String? { model.predict(extractor.transform(text)) }

    /// Learns one labelled text online.
    @_spi(Components) public mutating func update(text: String, label: String, weight: Float = 1) throws {
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
    package func topFeatures(_ features: SparseVector, label: String, limit: Int = 5) -> [(
        name: String, contribution: Float
    )] {
        guard let classIndex = model.labels.index(of: label) else { return [] }
        var selection = TopFeatureSelection()
        selectTopFeatures(features, classIndex: classIndex, limit: limit, into: &selection)
        return zip(selection.indices, selection.contributions).map { (extractor.name(of: Int($0)), $1) }
    }
}
