/// The customer numbers attached to a dispute. Every field may be missing; a missing value is
/// imputed with a documented neutral value (never NaN), a present value is validated by the rules
/// of its ``DisputeField`` (the table there lists them). Validation happens here and only here:
/// the record readers parse numbers and leave the rules to this initialiser. `paymentRisk` is no
/// record field: it comes from a receivables ledger (`LedgerContext`) and must lie in 0…1.
///
/// ```swift
/// let facts = try DisputeFacts(amount: 1200, customerValue: 250_000, creditScore: 35)
/// facts.resolvedOpenBalance   // 1200 (imputed from the amount)
/// ```
public struct DisputeFacts: Sendable, Equatable {
    /// `amount`, as given.
    public let amount: Double?
    /// `customer_value`, as given.
    public let customerValue: Double?
    /// `open_balance`, as given.
    public let openBalance: Double?
    /// `credit_score`, as given.
    public let creditScore: Double?
    /// `days_past_due`, as given.
    public let daysPastDue: Double?
    /// Probability that the customer pays late, from the payer-risk model; used for the credit-risk
    /// features when there is no credit score, and averaged with the credit score's risk when both are given.
    public let paymentRisk: Double?

    /// Imputed `customer_value` when missing.
    package static let defaultCustomerValue = 50_000.0
    /// Imputed `credit_score` when missing.
    package static let defaultCreditScore = 50.0

    /// Validated facts.
    /// - Throws: ``DisputeError/invalidValue(field:value:reason:)`` for a NaN, infinite or
    ///   out-of-range number.
    public init(
        amount: Double? = nil, customerValue: Double? = nil, openBalance: Double? = nil, creditScore: Double? = nil,
        daysPastDue: Double? = nil, paymentRisk: Double? = nil
    ) throws {
        try DisputeField.amount.validate(amount)
        try DisputeField.customerValue.validate(customerValue)
        try DisputeField.openBalance.validate(openBalance)
        try DisputeField.creditScore.validate(creditScore)
        try DisputeField.daysPastDue.validate(daysPastDue)
        if let paymentRisk, !(paymentRisk.isFinite && (0...1).contains(paymentRisk)) {
            throw DisputeError.invalidValue(
                field: "payment_risk", value: paymentRisk, reason: "must be a probability within 0…1")
        }
        self.amount = amount
        self.customerValue = customerValue
        self.openBalance = openBalance
        self.creditScore = creditScore
        self.daysPastDue = daysPastDue
        self.paymentRisk = paymentRisk
    }

    /// The amount, or 0.
    package var resolvedAmount: Double { amount ?? 0 }
    /// The customer value, or ``defaultCustomerValue``.
    package var resolvedCustomerValue: Double { customerValue ?? Self.defaultCustomerValue }
    /// The open balance, or the amount.
    public var resolvedOpenBalance: Double { openBalance ?? resolvedAmount }
    /// The credit score, or ``defaultCreditScore``.
    package var resolvedCreditScore: Double { creditScore ?? Self.defaultCreditScore }
    /// Days past due, or 0.
    package var resolvedDaysPastDue: Double { daysPastDue ?? 0 }

    /// Credit risk in [0, 1] for the priority features: `(100 − credit score) / 100`, or the payment
    /// risk when there is no credit score, or the mean of both when both are given; 0.5 when neither is.
    package var resolvedRisk: Double {
        let fromScore = creditScore.map { (100 - $0) / 100 }
        switch (fromScore, paymentRisk) {
        case let (score?, payment?): return (score + payment) / 2
        case let (score?, nil): return score
        case let (nil, payment?): return payment
        case (nil, nil): return (100 - Self.defaultCreditScore) / 100
        }
    }

    /// The share of `resolvedRisk` that comes from the payment risk (0, ½ or 1): how the credit
    /// features' points are split between the `credit` and `payment_risk` factors.
    package var paymentRiskShare: Float {
        guard paymentRisk != nil else { return 0 }
        return creditScore == nil ? 1 : 0.5
    }

    /// The same facts with the missing ones taken from `other` (explicit values win).
    package func filling(from other: DisputeFacts) throws -> DisputeFacts {
        try DisputeFacts(
            amount: amount ?? other.amount, customerValue: customerValue ?? other.customerValue,
            openBalance: openBalance ?? other.openBalance, creditScore: creditScore ?? other.creditScore,
            daysPastDue: daysPastDue ?? other.daysPastDue, paymentRisk: paymentRisk ?? other.paymentRisk)
    }
}
