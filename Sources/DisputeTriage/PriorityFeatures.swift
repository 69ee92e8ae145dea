import SystemSupport

/// Builds the priority model's feature vector φ from the subject and severity distributions and
/// the customer numbers. Every feature lies roughly in [0, 1] through fixed, documented transforms
/// (so the cold-start prior and learned weights share one scale):
///
/// | features | transform |
/// |---|---|
/// | severity level, P(critical), P(high) | expected level Σ pᵢ·i/3 |
/// | 15 subject probabilities | as predicted |
/// | customer value | ln(1+v) / ln(1+10⁷) |
/// | open balance | ln(1+max(b,0)) / ln(1+10⁶) |
/// | credit on account | ln(1+max(−b,0)) / ln(1+10⁶) |
/// | amount | ln(1+a) / ln(1+10⁶) |
/// | amount share | a / max(b, a, 1) |
/// | credit risk | (100 − score) / 100, or the payment risk P(late) when no credit score is given |
/// | age | ln(1+days) / ln(1+365) |
/// | interactions | severity×value, severity×amount, risk×balance, risk×amount, severity×risk |
///
/// ```swift
/// var row = [Float](repeating: 0, count: PriorityFeatures.count)
/// PriorityFeatures.fill(&row, subject: subjectProbabilities, severity: severityProbabilities, facts: facts)
/// ```
public enum PriorityFeatures {
    /// Names of the features, in order.
    package static let names: [String] =
        ["severity_level", "p_critical", "p_high"]
        + Subject.allCases.map { "subject_\($0.rawValue)" }
        + [
            "customer_value", "open_balance", "credit_on_account", "amount", "amount_share", "credit_risk", "age",
            "severity_x_value", "severity_x_amount", "risk_x_balance", "risk_x_amount", "severity_x_risk",
        ]

    /// Number of features (30).
    public static var count: Int { names.count }

    /// The factor (or two factors, for an interaction) each feature is attributed to.
    package static let factors: [[PriorityFactor]] =
        [[.severity], [.severity], [.severity]]
        + Subject.allCases.map { _ in [.subject] }
        + [
            [.customerValue], [.openBalance], [.openBalance], [.amount], [.amount], [.credit], [.age],
            [.severity, .customerValue], [.severity, .amount], [.credit, .openBalance], [.credit, .amount],
            [.severity, .credit],
        ]

    /// Each feature's share of its factors, by factor position: 1 for its one factor, ½ for each of an
    /// interaction's two (so explanations add vectors instead of looking factors up).
    static let factorShares: [SIMD8<Float>] = factors.map { owners in
        var share = SIMD8<Float>()
        for owner in owners { share[owner.position] = 1 / Float(owners.count) }
        return share
    }

    /// Writes φ into `row` (length ``count``). `subject` is indexed like `Subject.allCases`,
    /// `severity` like `Severity.allCases`.
    public static func fill(_ row: inout [Float], subject: [Float], severity: [Float], facts: DisputeFacts) {
        row.withUnsafeMutableBufferPointer { row in
            subject.withUnsafeBufferPointer { subject in
                severity.withUnsafeBufferPointer { fill(row, subject: subject, severity: $0, facts: facts) }
            }
        }
    }

    /// Writes φ into a buffer of length ``count`` (e.g. one row of a batch matrix), from a
    /// classification's distributions.
    package static func fill(
        _ row: UnsafeMutableBufferPointer<Float>, subject: SIMD16<Float>, severity: SIMD4<Float>, facts: DisputeFacts
    ) {
        withUnsafeBytes(of: subject) { subject in
            withUnsafeBytes(of: severity) { severity in
                fill(
                    row, subject: subject.assumingMemoryBound(to: Float.self),
                    severity: severity.assumingMemoryBound(to: Float.self), facts: facts)
            }
        }
    }

    private static func fill(
        _ row: UnsafeMutableBufferPointer<Float>, subject: UnsafeBufferPointer<Float>,
        severity: UnsafeBufferPointer<Float>, facts: DisputeFacts
    ) {
        var level: Float = 0
        for (i, p) in severity.enumerated() { level += p * Float(i) / 3 }
        row[0] = level
        row[1] = severity.count > 3 ? severity[3] : 0
        row[2] = severity.count > 2 ? severity[2] : 0
        for i in 0..<Subject.allCases.count { row[3 + i] = i < subject.count ? subject[i] : 0 }
        let base = 3 + Subject.allCases.count
        let amount = facts.resolvedAmount
        let balance = facts.resolvedOpenBalance
        let value = Float(log1p(facts.resolvedCustomerValue) / log1p(1e7))
        let positiveBalance = Float(log1p(max(balance, 0)) / log1p(1e6))
        let risk = Float(facts.resolvedRisk)
        let amountFeature = Float(log1p(amount) / log1p(1e6))
        row[base] = value
        row[base + 1] = positiveBalance
        row[base + 2] = Float(log1p(max(-balance, 0)) / log1p(1e6))
        row[base + 3] = amountFeature
        row[base + 4] = Float(amount / max(balance, amount, 1))
        row[base + 5] = risk
        row[base + 6] = Float(log1p(facts.resolvedDaysPastDue) / log1p(365))
        row[base + 7] = level * value
        row[base + 8] = level * amountFeature
        row[base + 9] = risk * positiveBalance
        row[base + 10] = risk * amountFeature
        row[base + 11] = level * risk
    }
}
