/// A collector's verdict on a dispute: was it urgent, and optionally the corrected subject and severity.
///
/// ```swift
/// let feedback = Feedback(dispute: dispute, urgent: true, subject: .tax, severity: nil)
/// try model.learn(feedback)
/// ```
public struct Feedback: Sendable, Equatable {
    /// The dispute as it was scored.
    public var dispute: Dispute
    /// Whether it needed attention first.
    public var urgent: Bool
    /// Corrected subject, if the collector gave one.
    public var subject: Subject?
    /// Corrected severity, if the collector gave one.
    public var severity: Severity?

    /// A feedback event.
    public init(dispute: Dispute, urgent: Bool, subject: Subject? = nil, severity: Severity? = nil) {
        self.dispute = dispute
        self.urgent = urgent
        self.subject = subject
        self.severity = severity
    }
}
