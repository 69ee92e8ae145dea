@_spi(Components) import LinearAlgebra
@_spi(Components) import TextFeatures

/// The vocabulary every learner shares, in the spirit of scikit-learn's estimators:
/// ``fit(_:)`` trains from scratch on a batch, ``update(_:)`` learns one more example online (a
/// class never seen before may arrive at any time), ``decisionScores(_:into:)`` gives raw scores, and
/// the extension adds calibrated probabilities, labels and accuracy.
///
/// ```swift
/// var model = LogisticRegression(dimension: extractor.dimension)
/// try model.fit(examples)
/// try model.update(LabeledExample(features: x, label: "tax"))
/// let p = model.predictProbabilities(x)   // one probability per model.labels.names
/// let label = model.predict(x)
/// ```
package protocol Classifier: Sendable {
    /// The classes, in score order.
    var labels: ClassLabels { get }
    /// Number of feature indices accepted.
    var dimension: Int { get }
    /// Softmax temperature applied by ``predictProbabilities(_:into:)`` (1 = uncalibrated).
    var temperature: Float { get set }
    /// Trains from scratch on `examples`.
    /// - Throws: ``LearnerError``.
    mutating func fit(_ examples: [LabeledExample]) throws
    /// Learns one example online.
    /// - Throws: ``LearnerError``.
    mutating func update(_ example: LabeledExample) throws
    /// Writes one raw score (a logit, before temperature) per class into `scores`, resizing it if needed.
    func decisionScores(_ features: SparseVector, into scores: inout [Float])
}

extension Classifier {
    /// Calibrated class probabilities, one per ``labels`` entry, written into `probabilities`.
    package func predictProbabilities(_ features: SparseVector, into probabilities: inout [Float]) {
        decisionScores(features, into: &probabilities)
        calibrate(&probabilities)
    }

    /// Turns raw scores (from ``decisionScores(_:into:)``) into calibrated probabilities in place.
    package func calibrate(_ scores: inout [Float]) { TemperatureScaling.calibrate(&scores, temperature: temperature) }

    /// Calibrated class probabilities (allocates the result).
    package func predictProbabilities(_ features: SparseVector) -> [Float] {
        var probabilities: [Float] = []
        predictProbabilities(features, into: &probabilities)
        return probabilities
    }

    /// The most probable label, or `nil` if the model knows no class yet.
    package func predict(_ features: SparseVector) -> String? {
        var scores: [Float] = []
        decisionScores(features, into: &scores)
        guard let best = scores.indices.max(by: { scores[$0] < scores[$1] }) else { return nil }
        return labels.names[best]
    }

    /// Accuracy on `examples` (fraction predicted correctly; 0 for none).
    package func score(_ examples: [LabeledExample]) -> Double {
        guard !examples.isEmpty else { return 0 }
        let correct = examples.reduce(0) { $0 + (predict($1.features) == $1.label ? 1 : 0) }
        return Double(correct) / Double(examples.count)
    }
}
