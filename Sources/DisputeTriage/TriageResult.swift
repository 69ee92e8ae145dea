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

extension TriageResult {
    /// A result that owns no storage: what a writer leaves in the array slot it moved a result out
    /// of (see `triage`'s batch writer), so the array can still be destroyed as usual.
    package static var vacant: TriageResult {
        TriageResult(
            id: "", priority: 0, coldStartPriority: 0,
            classification: DisputeClassification(
                subject: LabelPrediction(label: .pricing, probability: 0),
                severity: LabelPrediction(label: .low, probability: 0), subjectProbabilities: SIMD16(),
                severityProbabilities: SIMD4(), subjectWords: ExplanationWords(), severityWords: ExplanationWords()),
            explanation: nil)
    }
}
