import Records

/// One dispute to triage: an id, the customer's message and the customer numbers.
///
/// ```swift
/// let dispute = try Dispute(id: "D-1", text: "Invoice 4471 charges $12/unit, PO says $10", facts: DisputeFacts(amount: 400))
/// ```
public struct Dispute: Sendable, Equatable {
    /// Caller's identifier, echoed in results.
    public let id: String
    /// The message text (non-blank, at most ``maxTextBytes`` UTF-8 bytes).
    public let text: String
    /// Customer numbers.
    public let facts: DisputeFacts

    /// Longest text accepted, in UTF-8 bytes (1 MiB): longer input is an error rather than being
    /// silently cut, so nobody triages half a message unknowingly.
    public static let maxTextBytes = 1 << 20

    /// A validated dispute.

    /// - Throws: ``DisputeError/emptyText`` or ``DisputeError/textTooLong(bytes:limit:)``.
    public init(id: String, text: String, facts: DisputeFacts) throws {
        guard text.containsNonWhitespace else { throw DisputeError.emptyText }
        let bytes = text.utf8.count
        guard bytes <= Self.maxTextBytes else { throw DisputeError.textTooLong(bytes: bytes, limit: Self.maxTextBytes) }
        self.id = id
        self.text = text
        self.facts = facts
    }
}
