/// A predicted label with its (calibrated) probability.
///
/// ```swift
/// let p = LabelPrediction(label: "tax", probability: 0.91)
/// ```
public struct LabelPrediction: Sendable, Equatable, Codable {
    /// The label id.
    public var label: String
    /// Its probability (0–1).
    public var probability: Float

    /// A prediction.
    public init(label: String, probability: Float) {
        self.label = label
        self.probability = probability
    }
}
