/// The customer numbers attached to a dispute. Every field may be missing; a missing value is
/// imputed with a documented neutral value (never NaN), a present value is validated by the rules
/// of its ``DisputeField`` (the table there lists them). Validation happens here and only here:
/// the record readers parse numbers and leave the rules to this initialiser.
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

    /// Imputed `customer_value` when missing.
    public static let defaultCustomerValue = 50_000.0
    /// Imputed `credit_score` when missing.
    public static let defaultCreditScore = 50.0

    /// Validated facts.
    /// - Throws: ``DisputeError/invalidValue(field:value:reason:)`` for a NaN, infinite or
    ///   out-of-range number.
    public init(
        amount: Double? = nil, customerValue: Double? = nil, openBalance: Double? = nil, creditScore: Double? = nil,
        daysPastDue: Double? = nil
    ) throws {
        try DisputeField.amount.validate(amount)
        try DisputeField.customerValue.validate(customerValue)
        try DisputeField.openBalance.validate(openBalance)
        try DisputeField.creditScore.validate(creditScore)
        try DisputeField.daysPastDue.validate(daysPastDue)
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

}
