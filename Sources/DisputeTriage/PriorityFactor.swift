/// The business factors a priority is explained by; each priority feature belongs to one (an
/// interaction is split evenly between its two factors).
///
/// ```swift
/// PriorityFactor.credit.rawValue   // "credit"
/// ```
public enum PriorityFactor: String, CaseIterable, Codable, Sendable {
    /// What is disputed.
    case subject
    /// How severe the message is.
    case severity
    /// Yearly revenue from the customer.
    case customerValue = "customer_value"
    /// Open balance (and credit on account).
    case openBalance = "open_balance"
    /// Credit risk (from the credit score).
    case credit
    /// The disputed amount and its share of the balance.
    case amount
    /// Days past due.
    case age
    /// Payment risk from the receivables ledger (P(late)); present in an explanation only when the
    /// dispute has a payment risk, so explanations without a ledger are unchanged.
    case paymentRisk = "payment_risk"

    /// The factor at `position` in `allCases`, nil past the end (a switch: `allCases` makes an array
    /// on every call).
    package init?(position: Int) {
        switch position {
        case 0: self = .subject
        case 1: self = .severity
        case 2: self = .customerValue
        case 3: self = .openBalance
        case 4: self = .credit
        case 5: self = .amount
        case 6: self = .age
        case 7: self = .paymentRisk
        default: return nil
        }
    }

    /// Index in `allCases` (a switch: no look-up on the scoring path).
    var position: Int {
        switch self {
        case .subject: 0
        case .severity: 1
        case .customerValue: 2
        case .openBalance: 3
        case .credit: 4
        case .amount: 5
        case .age: 6
        case .paymentRisk: 7
        }
    }
}
