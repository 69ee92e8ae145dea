/// The payer-risk model's prediction for one invoice.
///
/// ```swift
/// let risk = model.predict(row)
/// print(risk.lateProbability, risk.daysLate, risk.disputeProbability)
/// ```
public struct PayerRisk: Sendable, Equatable {
    /// Probability that it is paid after its due date.
    public var lateProbability: Double
    /// Predicted days late (the conditional median, which minimises the mean absolute error; ≥ 0).
    public var daysLate: Double
    /// Probability that the customer disputes it.
    public var disputeProbability: Double
}
