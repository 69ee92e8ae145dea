@_spi(Components) import TextFeatures

/// One of the concrete learners, as a value: lets a model hold "whichever algorithm was chosen"
/// without existential boxes on the hot path.
///
/// ```swift
/// var model = AnyClassifier.make(.logisticRegression, dimension: 1024, options: TrainingOptions())
/// try model.fit(examples)
/// ```
package enum AnyClassifier: Classifier, Equatable {
    case naiveBayes(NaiveBayes)
    case logisticRegression(LogisticRegression)

    /// A fresh, untrained learner of `algorithm` configured from `options`.
    package static func make(_ algorithm: Algorithm, dimension: Int, options: TrainingOptions) -> AnyClassifier {
        switch algorithm {
        case .naiveBayes:
            var parameters = options.naiveBayes
            parameters.variant = .multinomial
            return .naiveBayes(NaiveBayes(dimension: dimension, parameters: parameters))
        case .complementNaiveBayes:
            var parameters = options.naiveBayes
            parameters.variant = .complement
            return .naiveBayes(NaiveBayes(dimension: dimension, parameters: parameters))
        case .logisticRegression:
            var parameters = options.logisticRegression
            parameters.seed = options.seed
            return .logisticRegression(LogisticRegression(dimension: dimension, parameters: parameters))
        }
    }

    package var labels: ClassLabels {
        switch self {
        case let .naiveBayes(model): return model.labels
        case let .logisticRegression(model): return model.labels
        }
    }

    package var dimension: Int {
        switch self {
        case let .naiveBayes(model): return model.dimension
        case let .logisticRegression(model): return model.dimension
        }
    }

    package var temperature: Float {
        get {
            switch self {
            case let .naiveBayes(model): return model.temperature
            case let .logisticRegression(model): return model.temperature
            }
        }
        set {
            switch self {
            case var .naiveBayes(model): model.temperature = newValue; self = .naiveBayes(model)
            case var .logisticRegression(model): model.temperature = newValue; self = .logisticRegression(model)
            }
        }
    }

    package mutating func fit(_ examples: [LabeledExample]) throws {
        switch self {
        case var .naiveBayes(model): try model.fit(examples); self = .naiveBayes(model)
        case var .logisticRegression(model): try model.fit(examples); self = .logisticRegression(model)
        }
    }

    package mutating func update(_ example: LabeledExample) throws {
        switch self {
        case var .naiveBayes(model): try model.update(example); self = .naiveBayes(model)
        case var .logisticRegression(model): try model.update(example); self = .logisticRegression(model)
        }
    }

    package func decisionScores(_ features: SparseVector, into scores: inout [Float]) {
        switch self {
        case let .naiveBayes(model): model.decisionScores(features, into: &scores)
        case let .logisticRegression(model): model.decisionScores(features, into: &scores)
        }
    }

    /// How much feature `index` (with value `value`) pushes class `classIndex` above the average class,
    /// in score units. Used to explain predictions in words.
    package func contribution(index: Int, value: Float, classIndex: Int) -> Float {
        var single = SparseVector()
        single.append(index: Int32(index), value: value)
        var contribution: [Float] = []
        contributions(single, classIndex: classIndex, into: &contribution)
        return contribution[0]
    }
}
