import Ledger
import SystemSupport

/// Ranking quality of priority scores against known truth.
///
/// ```swift
/// RankingMetrics.auc(scores: [0.9, 0.2, 0.7], labels: [true, false, true])   // 1.0
/// RankingMetrics.ndcg(scores: s, gains: g, at: 10)
/// ```
package enum RankingMetrics {
    /// Area under the ROC curve: the probability that a random urgent dispute scores above a random
    /// non-urgent one (ties count half). 0.5 when one class is missing.
    package static func auc(scores: [Float], labels: [Bool]) -> Double {
        // Float → Double keeps every order and tie, so this is the same statistic.
        RiskMetrics.auc(scores: scores.map(Double.init), labels: labels)
    }

    /// Normalised discounted cumulative gain of the top `k` by score.
    package static func ndcg(scores: [Float], gains: [Double], at k: Int) -> Double {
        func dcg(_ order: [Int]) -> Double {
            order.prefix(k).enumerated().reduce(0) { $0 + gains[$1.element] / log2(Double($1.offset) + 2) }
        }
        let ranked = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        let ideal = gains.indices.sorted { gains[$0] != gains[$1] ? gains[$0] > gains[$1] : $0 < $1 }
        let best = dcg(ideal)
        return best > 0 ? dcg(ranked) / best : 0
    }
}
