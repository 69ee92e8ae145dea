import DeskCore
import DisputeTriage
import Foundation

/// The triage of one dispute as the API returns it (and as it is stored in `result_json`).
public struct ResultBody: Codable, Sendable, Equatable {
    public struct Label: Codable, Sendable, Equatable {
        public var label: String
        public var probability: Double
        /// X12 element 426 adjustment-reason codes (subjects only).
        public var x12Codes: [String]?

        enum CodingKeys: String, CodingKey {
            case label, probability
            case x12Codes = "x12_codes"
        }
    }

    public struct Explanation: Codable, Sendable, Equatable {
        public var baseline: Double
        /// Points each factor adds to the priority, by factor name.
        public var factors: [String: Double]
        public var subjectWords: [String]
        public var severityWords: [String]

        enum CodingKeys: String, CodingKey {
            case baseline, factors
            case subjectWords = "subject_words"
            case severityWords = "severity_words"
        }
    }

    public var id: String
    public var priority: Double
    public var subject: Label
    public var severity: Label
    public var action: String
    public var actionRule: String
    public var explanation: Explanation?
    public var predictionID: String
    public var modelVersion: String

    enum CodingKeys: String, CodingKey {
        case id, priority, subject, severity, action, explanation
        case actionRule = "action_rule"
        case predictionID = "prediction_id"
        case modelVersion = "model_version"
    }

    static func rounded(_ v: Float, _ digits: Double = 100) -> Double { (Double(v) * digits).rounded() / digits + 0 }

    init(result: TriageResult, decision: ActionDecision, predictionID: String, modelVersion: String) {
        let c = result.classification
        id = result.id
        priority = Self.rounded(result.priority)
        subject = Label(
            label: c.subject.label.rawValue, probability: Self.rounded(c.subject.probability, 10_000),
            x12Codes: c.subject.label.x12AdjustmentReasonCodes)
        severity = Label(
            label: c.severity.label.rawValue, probability: Self.rounded(c.severity.probability, 10_000), x12Codes: nil)
        action = decision.action.rawValue
        actionRule = decision.rule
        explanation = result.explanation.map { e in
            Explanation(
                baseline: Self.rounded(e.baseline),
                factors: Dictionary(uniqueKeysWithValues: e.factors.map { ($0.rawValue, Self.rounded(e[$0])) }),
                subjectWords: Array(c.subjectWords), severityWords: Array(c.severityWords))
        }
        self.predictionID = predictionID
        self.modelVersion = modelVersion
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    public var json: String { String(decoding: (try? Self.encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self) }

    public static func decode(_ json: String) -> ResultBody? {
        try? JSONDecoder().decode(ResultBody.self, from: Data(json.utf8))
    }
}

/// A stored dispute as the API shows it: what was received, its work state and its current triage.
public struct DisputeBody: Codable, Sendable {
    public var id: String
    public var customerID: String?
    public var invoices: [String]
    public var text: String
    public var amount: Double?
    public var customerValue: Double?
    public var openBalance: Double?
    public var creditScore: Double?
    public var daysPastDue: Double?
    public var receivedAt: String
    public var status: String
    public var snoozedUntil: String?
    public var assignee: String?
    public var resolution: String?
    public var creditedAmount: Double?
    public var result: ResultBody?

    enum CodingKeys: String, CodingKey {
        case id, invoices, text, amount, status, assignee, resolution, result
        case customerID = "customer_id"
        case customerValue = "customer_value"
        case openBalance = "open_balance"
        case creditScore = "credit_score"
        case daysPastDue = "days_past_due"
        case receivedAt = "received_at"
        case snoozedUntil = "snoozed_until"
        case creditedAmount = "credited_amount"
    }

    public init(_ d: StoredDispute) {
        id = d.id
        customerID = d.customerID
        invoices = d.invoices
        text = d.text
        amount = d.facts.amount
        customerValue = d.facts.customerValue
        openBalance = d.facts.openBalance
        creditScore = d.facts.creditScore
        daysPastDue = d.facts.daysPastDue
        receivedAt = Timestamp.format(Date(timeIntervalSince1970: d.receivedAt))
        status = d.status.rawValue
        snoozedUntil = d.snoozedUntil.map { Timestamp.format(Date(timeIntervalSince1970: $0)) }
        assignee = d.assignee
        resolution = d.resolution?.rawValue
        creditedAmount = d.creditedAmount
        result = ResultBody.decode(d.score.resultJSON)
    }
}
