/// Why a dispute got its priority: the priority of a reference dispute plus each factor's
/// contribution in priority points. `baseline + Σ contributions == priority` (up to rounding).
///
/// ```swift
/// let e = model.explain(row)
/// e.contributions[.credit]   // e.g. +12.5 points for a poor credit score
/// ```
public struct PriorityExplanation: Sendable, Equatable {
    /// Priority of the reference dispute (medium severity, average numbers).
    public var baseline: Float
    /// Points each factor adds (or removes) relative to the reference dispute.
    public var contributions: [PriorityFactor: Float]

    /// The factors explained, in `PriorityFactor.allCases` order (`payment_risk` only when it applies).
    public var factors: [PriorityFactor] { PriorityFactor.allCases.filter { contributions[$0] != nil } }
}
