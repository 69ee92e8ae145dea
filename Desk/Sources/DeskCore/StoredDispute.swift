import DisputeTriage

/// The current scoring of a dispute: its priority, labels and action from one model version, and
/// the full result object exactly as the API returns it.
public struct ScoreRecord: Sendable, Equatable {
    /// The prediction this scoring was first stored as (feedback refers to it).
    public var predictionID: String
    /// `<base model fingerprint>.<feedback events applied>`.
    public var modelVersion: String
    public var priority: Double
    public var subject: Subject
    public var severity: Severity
    public var action: DisputeAction
    /// The result object (`priority`, `subject`, `severity`, `explanation`, `action`, …) as JSON text.
    public var resultJSON: String

    public init(
        predictionID: String, modelVersion: String, priority: Double, subject: Subject, severity: Severity,
        action: DisputeAction, resultJSON: String
    ) {
        self.predictionID = predictionID
        self.modelVersion = modelVersion
        self.priority = priority
        self.subject = subject
        self.severity = severity
        self.action = action
        self.resultJSON = resultJSON
    }
}

/// A dispute as the desk stores it: the message and facts as received, the work state and the
/// current scoring.
public struct StoredDispute: Sendable, Equatable {
    public var id: String
    public var customerID: String?
    public var invoices: [String]
    public var text: String
    public var facts: DisputeFacts
    /// Seconds since 1970 (UTC).
    public var receivedAt: Double
    public var status: DisputeStatus
    public var snoozedUntil: Double?
    public var assignee: String?
    public var resolution: ResolutionCode?
    public var creditedAmount: Double?
    public var resolutionNote: String?
    public var score: ScoreRecord

    public init(
        id: String, customerID: String?, invoices: [String], text: String, facts: DisputeFacts, receivedAt: Double,
        status: DisputeStatus = .open, snoozedUntil: Double? = nil, assignee: String? = nil,
        resolution: ResolutionCode? = nil, creditedAmount: Double? = nil, resolutionNote: String? = nil,
        score: ScoreRecord
    ) {
        self.id = id
        self.customerID = customerID
        self.invoices = invoices
        self.text = text
        self.facts = facts
        self.receivedAt = receivedAt
        self.status = status
        self.snoozedUntil = snoozedUntil
        self.assignee = assignee
        self.resolution = resolution
        self.creditedAmount = creditedAmount
        self.resolutionNote = resolutionNote
        self.score = score
    }

    /// Whether `incoming` can be this dispute posted again (a retry): the same message, and every
    /// optional fact, customer and invoice list it gives equal to the stored one. A retry may leave
    /// optional fields out, and its received time may differ (clients stamp each attempt; replicas
    /// seeding together do too): the first one stays.
    public func acceptsRetry(_ incoming: IncomingDispute) -> Bool {
        func same<T: Equatable>(_ given: T?, _ stored: T?) -> Bool { given == nil || given == stored }
        let f = incoming.dispute.facts
        return text == incoming.dispute.text && same(f.amount, facts.amount)
            && same(f.customerValue, facts.customerValue) && same(f.openBalance, facts.openBalance)
            && same(f.creditScore, facts.creditScore) && same(f.daysPastDue, facts.daysPastDue)
            && same(incoming.customerID, customerID) && (incoming.invoices.isEmpty || incoming.invoices == invoices)
    }

    /// The dispute as the model sees it.
    public var dispute: Dispute {
        get throws { try Dispute(id: id, text: text, facts: facts) }
    }
}
