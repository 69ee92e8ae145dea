@_spi(Components) import TextFeatures

/// Everything that decides how a ``TextClassifier`` is trained. The defaults are one configuration
/// used unchanged for every task (Benchmarks/results/README.md compares it with the peers).
///
/// ```swift
/// var options = TrainingOptions()
/// options.seed = 7
/// options.algorithm = .naiveBayes
/// let classifier = try TextClassifier.train(texts: texts, labels: labels, labelField: "intent", options: options)
/// ```
@_spi(Components) public struct TrainingOptions: Codable, Sendable, Equatable {
    /// The learner. Default ``Algorithm/logisticRegression``.
    @_spi(Components) public var algorithm: Algorithm = .logisticRegression
    /// Text → features. Default ``FeatureConfiguration/init()`` (uni+bigrams, log1p tf-idf, L2) with
    /// a vocabulary of features seen in at least 2 training texts: as accurate on the benchmark tasks
    /// as keeping every feature, with 1.7–2.7× fewer features, so training is faster
    /// (Benchmarks/results/training.md).
    package var features = TrainingOptions.defaultFeatures

    /// The default feature configuration described on ``features``.
    package static var defaultFeatures: FeatureConfiguration {
        var features = FeatureConfiguration()
        features.space = .vocabulary(minCount: 2, oovBits: 12)
        return features
    }
    /// Naive Bayes hyper-parameters (the variant is set by ``algorithm``).
    package var naiveBayes = NaiveBayes.Parameters()
    /// Logistic regression hyper-parameters (its seed is ``seed``).
    package var logisticRegression = LogisticRegression.Parameters()
    /// Settings chosen and temperature fitted on a held-out part of the training data (see
    /// ``Tuning``). `nil`: the fixed ``logisticRegression`` settings, calibrated on
    /// ``calibrationFolds`` folds. Models saved before tuning existed read back as `nil`.
    package var tuning: Tuning? = Tuning()
    /// Folds used to fit the probability temperature when ``tuning`` is `nil`; 0 or 1 skips
    /// calibration. Default 3.
    @_spi(Components) public var calibrationFolds = 3
    /// Seed for shuffling and folds: the same data and seed give a byte-identical model. Default 1.
    package var seed: UInt64 = 1

    /// The defaults listed on each property.
    @_spi(Components) public init() {}

    /// Checks every learner's settings, also those of the learner not chosen: they are all saved
    /// with the model, and a NaN there would only fail when the model is written, after training.
    /// - Throws: ``LearnerError/invalidParameter(name:reason:)``.
    package func validate() throws {
        try naiveBayes.validate()
        try logisticRegression.validate()
        try tuning?.validate()
    }
}
