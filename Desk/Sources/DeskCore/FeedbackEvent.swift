import DisputeTriage
import Foundation

/// A collector's verdict, as appended to the feedback log. The payload holds the dispute's text and
/// facts *as recorded* when the event was made, so replaying the log never depends on later edits.
public struct NewFeedbackEvent: Sendable, Equatable {
    /// Client-chosen key; a retried post with the same key never makes a second event.
    public var idempotencyKey: String
    public var disputeID: String
    public var predictionID: String?
    /// `verdict` (urgent or not, with optional corrected labels).
    public var kind: String
    /// The event in `triage learn`'s feedback format (one JSON object).
    public var payload: String
    public var actor: String
    /// Seconds since 1970.
    public var createdAt: Double

    public init(
        idempotencyKey: String, disputeID: String, predictionID: String?, kind: String = "verdict",
        payload: String, actor: String, createdAt: Double
    ) {
        self.idempotencyKey = idempotencyKey
        self.disputeID = disputeID
        self.predictionID = predictionID
        self.kind = kind
        self.payload = payload
        self.actor = actor
        self.createdAt = createdAt
    }

    /// The feedback line for `feedback`: the fields `triage learn --feedback` reads.
    public static func payload(for feedback: Feedback) -> String {
        FeedbackLog.line(for: feedback)
    }
}

/// A feedback event in the log, with its position.
public struct FeedbackEvent: Sendable, Equatable {
    /// Position in the log: 1, 2, 3, … with no gaps, in commit order.
    public var seq: Int64
    public var event: NewFeedbackEvent

    public init(seq: Int64, event: NewFeedbackEvent) {
        self.seq = seq
        self.event = event
    }

    /// The model feedback this event stands for, read back from the recorded payload.
    public func feedback() throws -> Feedback {
        let json = try JSONValue.parse(Array(event.payload.utf8))
        let object = try JSONFields(
            json, path: "payload",
            allowed: [
                "id", "text", "urgent", "subject", "severity", "amount", "customer_value", "open_balance",
                "credit_score", "days_past_due",
            ])
        let facts = try DisputeFacts(
            amount: object.number("amount"), customerValue: object.number("customer_value"),
            openBalance: object.number("open_balance"), creditScore: object.number("credit_score"),
            daysPastDue: object.number("days_past_due"))
        let dispute = try Dispute(
            id: object.requiredString("id"), text: object.requiredString("text", maxLength: Dispute.maxTextBytes),
            facts: facts)
        guard let urgent = try object.bool("urgent") else { throw DeskError.invalid("payload.urgent", "missing") }
        return Feedback(
            dispute: dispute, urgent: urgent,
            subject: try object.label("subject", as: Subject.self),
            severity: try object.label("severity", as: Severity.self))
    }
}
