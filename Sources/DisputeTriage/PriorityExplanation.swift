/// Why a dispute got its priority: the priority of a reference dispute plus each factor's
/// contribution in priority points. `baseline + Σ contributions == priority` (up to rounding).
///
/// ```swift
/// let e = model.explain(row)
/// e[.credit]                 // e.g. +12.5 points for a poor credit score
/// e.contributions[.credit]   // the same, from a dictionary of every factor
/// ```
public struct PriorityExplanation: Sendable, Equatable {
    /// Priority of the reference dispute (medium severity, average numbers).
    public var baseline: Float
    /// Points per factor, in `PriorityFactor.allCases` order: fixed storage, so explaining a
    /// dispute allocates nothing.
    var points: SIMD8<Float>

    /// Whether the explanation has a `payment_risk` factor (the dispute had a payment risk).
    package var hasPaymentRisk: Bool

    init(baseline: Float, points: SIMD8<Float>, hasPaymentRisk: Bool = false) {
        self.baseline = baseline
        self.points = points
        self.hasPaymentRisk = hasPaymentRisk
    }

    /// The factors explained, in `PriorityFactor.allCases` order (`payment_risk` only when it applies).
    public var factors: [PriorityFactor] {
        hasPaymentRisk ? PriorityFactor.allCases : PriorityFactor.allCases.filter { $0 != .paymentRisk }
    }

    /// Points `factor` adds (or removes) relative to the reference dispute.
    public subscript(factor: PriorityFactor) -> Float {
        get { points[factor.position] }
        set { points[factor.position] = newValue }
    }

    /// Points each factor adds (or removes) relative to the reference dispute.
    public var contributions: [PriorityFactor: Float] {
        Dictionary(uniqueKeysWithValues: factors.map { ($0, self[$0]) })
    }
}
