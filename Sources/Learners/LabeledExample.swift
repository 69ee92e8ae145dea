@_spi(Components) import TextFeatures

/// One training example: features, its label, and how much it counts.
///
/// ```swift
/// let example = LabeledExample(features: extractor.transform("short shipment"), label: "quantity")
/// ```
package struct LabeledExample: Sendable, Equatable {
    /// The feature vector.
    package var features: SparseVector
    /// The class label.
    package var label: String
    /// Importance weight (default 1); e.g. larger for recent feedback.
    package var weight: Float

    /// An example with weight 1 unless given.
    package init(features: SparseVector, label: String, weight: Float = 1) {
        self.features = features
        self.label = label
        self.weight = weight
    }

    /// Checks indices, values and weight. `nonNegative` is required by naive Bayes.
    func validate(dimension: Int, nonNegative: Bool) throws {
        guard weight.isFinite, weight >= 0 else { throw LearnerError.invalidWeight(weight) }
        for (i, index) in features.indices.enumerated() {
            guard index >= 0, Int(index) < dimension else {
                throw LearnerError.featureOutOfRange(index: Int(index), dimension: dimension)
            }
            let value = features.values[i]
            guard value.isFinite else {
                throw LearnerError.invalidFeatureValue(index: Int(index), value: value, reason: "not finite")
            }
            if nonNegative && value < 0 {
                throw LearnerError.invalidFeatureValue(
                    index: Int(index), value: value,
                    reason: "naive Bayes needs non-negative features (turn off signed hashing)")
            }
        }
    }
}
