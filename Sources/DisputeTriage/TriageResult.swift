/// The triage of one dispute: its priority, classification and explanation.
///
/// ```swift
/// let results = try model.score(disputes)
/// results.sorted { $0.priority > $1.priority }.first?.id
/// ```
public struct TriageResult: Sendable, Equatable {
    /// The dispute's id.
    public var id: String
    /// Priority 0–100: the estimated probability (in %) that the dispute is urgent.
    public var priority: Float
    /// Priority 0–100 that the fixed cold-start rule (the prior weights) gives the same
    /// dispute: what the ranking was before any feedback, for comparison with ``priority``.
    public var coldStartPriority: Float
    /// Subject and severity.
    public var classification: DisputeClassification
    /// Factor contributions in priority points (`nil` when explanations were not requested).
    public var explanation: PriorityExplanation?
}
