/// How severe a dispute is, from ``low`` to ``critical``. Ordered: `Severity.low < .critical`.
///
/// ```swift
/// Severity(rawValue: "high")!.level   // 2
/// ```
public enum Severity: String, CaseIterable, Codable, Sendable, Comparable {
    /// Administrative, polite, small amount, will pay.
    case low
    /// Concrete disagreement on part of an invoice, partial short-pay.
    case medium
    /// Whole invoice or account withheld, repeated or escalated, management involved, large amount, angry.
    case high
    /// Legal action threatened, chargeback or bank dispute filed, threat to end the relationship,
    /// fraud allegation, regulator complaint.
    case critical

    /// 0 (low) … 3 (critical).
    public var level: Int { Severity.allCases.firstIndex(of: self)! }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.level < rhs.level }
}
