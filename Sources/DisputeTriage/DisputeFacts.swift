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
/// | `payment_risk` | P(late) of the customer from its ledger (`Ledger.PayerRiskModel`) | 0…1 | stands in for a missing credit score; else none |
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
    /// Probability that the customer pays late, from the payer-risk model; used for the credit-risk
    /// features when there is no credit score, and averaged with the credit score's risk when both are given.
    public let paymentRisk: Double?

    /// Imputed `customer_value` when missing.
    public static let defaultCustomerValue = 50_000.0
    /// Imputed `credit_score` when missing.
    public static let defaultCreditScore = 50.0

    /// Validated facts. - Throws: ``DisputeError/invalidValue(field:value:reason:)``.
    public init(amount: Double? = nil, customerValue: Double? = nil, openBalance: Double? = nil, creditScore: Double? = nil, daysPastDue: Double? = nil,
                paymentRisk: Double? = nil) throws {
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
        try check(paymentRisk, "payment_risk", 0...1, "must be a probability within 0…1")
        self.amount = amount
        self.customerValue = customerValue
        self.openBalance = openBalance
        self.creditScore = creditScore
        self.daysPastDue = daysPastDue
        self.paymentRisk = paymentRisk
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

    /// Credit risk in [0, 1] for the priority features: `(100 − credit score) / 100`, or the payment
    /// risk when there is no credit score, or the mean of both when both are given; 0.5 when neither is.
    public var resolvedRisk: Double {
        let fromScore = creditScore.map { (100 - $0) / 100 }
        switch (fromScore, paymentRisk) {
        case let (score?, payment?): return (score + payment) / 2
        case let (score?, nil): return score
        case let (nil, payment?): return payment
        case (nil, nil): return (100 - Self.defaultCreditScore) / 100
        }
    }

    /// The share of ``resolvedRisk`` that comes from the payment risk (0, ½ or 1): how the credit
    /// features' points are split between the `credit` and `payment_risk` factors.
    public var paymentRiskShare: Float {
        guard paymentRisk != nil else { return 0 }
        return creditScore == nil ? 1 : 0.5
    }

    /// The same facts with the missing ones taken from `other` (explicit values win).
    public func filling(from other: DisputeFacts) throws -> DisputeFacts {
        try DisputeFacts(amount: amount ?? other.amount, customerValue: customerValue ?? other.customerValue,
                         openBalance: openBalance ?? other.openBalance, creditScore: creditScore ?? other.creditScore,
                         daysPastDue: daysPastDue ?? other.daysPastDue, paymentRisk: paymentRisk ?? other.paymentRisk)
    }

    enum CodingKeys: String, CodingKey {
        case amount
        case customerValue = "customer_value"
        case openBalance = "open_balance"
        case creditScore = "credit_score"
        case daysPastDue = "days_past_due"
        case paymentRisk = "payment_risk"
    }
}
