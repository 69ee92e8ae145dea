/// How much each class's examples count in the loss.
///
/// ```swift
/// var p = LogisticRegression.Parameters()
/// p.classWeighting = .balanced   // rare classes count more; raises macro-F1 on imbalanced data
/// ```
package enum ClassWeighting: String, Codable, Sendable, CaseIterable {
    /// Every example counts once.
    case uniform
    /// Class `c` weighs `n / (K · n_c)`, as scikit-learn's `class_weight="balanced"`.
    case balanced

    /// Per-class weights for the class counts `counts` (indexed like the labels).
    package func weights(counts: [Double]) -> [Float] {
        switch self {
        case .uniform:
            return [Float](repeating: 1, count: counts.count)
        case .balanced:
            let total = counts.reduce(0, +)
            let k = Double(counts.count)
            return counts.map { $0 > 0 ? Float(total / (k * $0)) : 1 }
        }
    }
}
