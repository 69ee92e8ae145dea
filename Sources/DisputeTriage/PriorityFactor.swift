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
        }
    }
}
