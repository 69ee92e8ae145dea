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
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var rankSumPositive = 0.0
        var positives = 0.0
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && scores[order[j + 1]] == scores[order[i]] { j += 1 }
            let averageRank = Double(i + j) / 2 + 1
            for k in i...j where labels[order[k]] {
                rankSumPositive += averageRank
                positives += 1
            }
            i = j + 1
        }
        let negatives = Double(scores.count) - positives
        guard positives > 0, negatives > 0 else { return 0.5 }
        return (rankSumPositive - positives * (positives + 1) / 2) / (positives * negatives)
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
