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
