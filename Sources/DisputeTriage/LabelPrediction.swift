/// A predicted label with its (calibrated) probability. In triage results the label is typed
/// (``Subject`` or ``Severity``); its `rawValue` is the label id.
///
/// ```swift
/// let p = LabelPrediction(label: Subject.tax, probability: 0.91)
/// p.label.rawValue   // "tax"
/// ```
public struct LabelPrediction<Label: Hashable & Sendable>: Sendable, Equatable {
    /// The label.
    public var label: Label
    /// Its probability (0–1).
    public var probability: Float

    /// A prediction.
    public init(label: Label, probability: Float) {
        self.label = label
        self.probability = probability
    }
}

extension LabelPrediction: Codable where Label: Codable {}
