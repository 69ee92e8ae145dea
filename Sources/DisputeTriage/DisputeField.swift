/// The fields of a dispute record, in one place: their names in CSV and JSONL input, feedback logs
/// and error messages, which values are valid, and what a missing value becomes.
///
/// | field | meaning | valid | imputed when missing |
/// |---|---|---|---|
/// | `id` | caller's identifier | any text | `line-N` |
/// | `text` | the customer's message | non-blank, ≤ 1 MiB | required |
/// | `amount` | disputed amount | ≥ 0 | 0 |
/// | `customer_value` | yearly revenue from the customer | ≥ 0 | 50,000 |
/// | `open_balance` | open balance (negative = credit on account) | any finite | the amount |
/// | `credit_score` | 0–100, higher = better credit | 0…100 | 50 |
/// | `days_past_due` | age of the oldest open item | ≥ 0 | 0 |
/// | `urgent` | (feedback) the collector's decision | true/false | required in feedback |
/// | `subject`, `severity` | (feedback) corrected labels | a ``Subject`` / ``Severity`` | none |
///
/// ``DisputeFacts`` validates the numbers with these rules, and the record readers, the feedback
/// log and the `triage` commands use these names.
public enum DisputeField: String, CaseIterable, Sendable {
    case id
    case text
    case amount
    case customerValue = "customer_value"
    case openBalance = "open_balance"
    case creditScore = "credit_score"
    case daysPastDue = "days_past_due"
    case urgent
    case subject
    case severity

    /// The field's name in records and messages (e.g. `customer_value`).
    public var name: String { rawValue }

    /// The customer numbers, in ``DisputeFacts`` order.
    public static let numbers: [DisputeField] = [.amount, .customerValue, .openBalance, .creditScore, .daysPastDue]

    /// The fields of a dispute to score (a feedback record adds `urgent`, `subject` and `severity`).
    public static let dispute: [DisputeField] = [.id, .text] + numbers

    /// The range a present number must lie in (every number must also be finite).
    package var validRange: ClosedRange<Double> {
        switch self {
        case .openBalance: return -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude
        case .creditScore: return 0...100
        default: return 0...Double.greatestFiniteMagnitude
        }
    }

    /// The rule a present number must follow, as error messages state it.
    package var rule: String {
        switch self {
        case .openBalance: return "must be finite"
        case .creditScore: return "must be within 0…100"
        default: return "must be >= 0"
        }
    }

    /// Checks a present number against the field's rules.
    /// - Throws: ``DisputeError/invalidValue(field:value:reason:)`` naming the field.
    package func validate(_ value: Double?) throws(DisputeError) {
        guard let value else { return }
        guard value.isFinite else { throw .invalidValue(field: name, value: value, reason: "not a finite number") }
        guard validRange.contains(value) else { throw .invalidValue(field: name, value: value, reason: rule) }
    }
}
