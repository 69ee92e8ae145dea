/// Where a dispute stands in the collectors' work.
public enum DisputeStatus: String, Sendable, CaseIterable, Codable {
    case open
    case snoozed
    case resolved
}

/// How a resolved dispute ended.
public enum ResolutionCode: String, Sendable, CaseIterable, Codable {
    /// A credit note was issued to the customer.
    case creditIssued = "credit_issued"
    /// The invoice was corrected and re-issued.
    case invoiceCorrected = "invoice_corrected"
    /// The customer paid after all.
    case customerPaid = "customer_paid"
    /// The dispute was found invalid and rejected.
    case rejected
    /// The amount was written off.
    case writtenOff = "written_off"
    /// A duplicate of another dispute.
    case duplicate
}

/// A change of status made by a collector.
public enum StatusChange: Sendable, Equatable {
    case assign(assignee: String?)
    case snooze(until: Double)
    case resolve(code: ResolutionCode, creditedAmount: Double?, note: String?)
}

/// A status change as the store records it in the dispute's history: what changed, who and when.
public struct StatusChangeRecord: Sendable, Equatable {
    public var disputeID: String
    public var change: StatusChange
    /// Who made it (`token:ID`, as feedback records its actor).
    public var actor: String
    /// Seconds since 1970.
    public var at: Double

    public init(disputeID: String, change: StatusChange, actor: String, at: Double) {
        self.disputeID = disputeID
        self.change = change
        self.actor = actor
        self.at = at
    }
}
