/// The customer numbers attached to a dispute. Every field may be missing; a missing value is
/// imputed with a documented neutral value (never NaN), a present value is validated.
///
/// | field | meaning | valid | imputed when missing |
/// |---|---|---|---|
/// | `amount` | disputed amount | ≥ 0 | 0 |
/// | `customer_value` | yearly revenue from the customer | ≥ 0 | 50,000 |
/// | `open_balance` | open balance (negative = credit on account) | any finite | the amount |
/// | `credit_score` | 0–100, higher = better credit | 0…100 | 50 |
/// | `days_past_due` | age of the oldest open item | ≥ 0 | 0 |
///
/// ```swift
/// let facts = try DisputeFacts(amount: 1200, customerValue: 250_000, creditScore: 35)
/// facts.resolvedOpenBalance   // 1200 (imputed from the amount)
/// ```
public struct DisputeFacts: Sendable, Equatable, Codable {
    public let amount: Double?
    public let customerValue: Double?
    public let openBalance: Double?
    public let creditScore: Double?
    public let daysPastDue: Double?

    /// Imputed `customer_value` when missing.
    public static let defaultCustomerValue = 50_000.0
    /// Imputed `credit_score` when missing.
    public static let defaultCreditScore = 50.0

    /// Validated facts. - Throws: ``DisputeError/invalidValue(field:value:reason:)``.
    public init(amount: Double? = nil, customerValue: Double? = nil, openBalance: Double? = nil, creditScore: Double? = nil, daysPastDue: Double? = nil) throws {
        func check(_ value: Double?, _ field: String, _ range: ClosedRange<Double>, _ rule: String) throws {
            guard let value else { return }
            guard value.isFinite else { throw DisputeError.invalidValue(field: field, value: value, reason: "not a finite number") }
            guard range.contains(value) else { throw DisputeError.invalidValue(field: field, value: value, reason: rule) }
        }
        try check(amount, "amount", 0...Double.greatestFiniteMagnitude, "must be >= 0")
        try check(customerValue, "customer_value", 0...Double.greatestFiniteMagnitude, "must be >= 0")
        try check(openBalance, "open_balance", -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude, "must be finite")
        try check(creditScore, "credit_score", 0...100, "must be within 0…100")
        try check(daysPastDue, "days_past_due", 0...Double.greatestFiniteMagnitude, "must be >= 0")
        self.amount = amount
        self.customerValue = customerValue
        self.openBalance = openBalance
        self.creditScore = creditScore
        self.daysPastDue = daysPastDue
    }

    /// The amount, or 0.
    public var resolvedAmount: Double { amount ?? 0 }
    /// The customer value, or ``defaultCustomerValue``.
    public var resolvedCustomerValue: Double { customerValue ?? Self.defaultCustomerValue }
    /// The open balance, or the amount.
    public var resolvedOpenBalance: Double { openBalance ?? resolvedAmount }
    /// The credit score, or ``defaultCreditScore``.
    public var resolvedCreditScore: Double { creditScore ?? Self.defaultCreditScore }
    /// Days past due, or 0.
    public var resolvedDaysPastDue: Double { daysPastDue ?? 0 }

    enum CodingKeys: String, CodingKey {
        case amount
        case customerValue = "customer_value"
        case openBalance = "open_balance"
        case creditScore = "credit_score"
        case daysPastDue = "days_past_due"
    }
}
