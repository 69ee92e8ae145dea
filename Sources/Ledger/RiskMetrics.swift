import SystemSupport

/// Measures of probabilistic and numeric predictions.
///
/// ```swift
/// RiskMetrics.auc(scores: [0.9, 0.2, 0.7], labels: [true, false, true])   // 1.0
/// RiskMetrics.logLoss(probabilities: [0.9, 0.2], labels: [true, false])
/// ```
package enum RiskMetrics {
    /// Area under the ROC curve (ties count half); 0.5 when one class is missing.
    package static func auc(scores: [Double], labels: [Bool]) -> Double {
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var rankSumPositive = 0.0, positives = 0.0
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

    /// Mean negative log-likelihood (probabilities clipped to [10⁻¹⁵, 1 − 10⁻¹⁵], as scikit-learn does).
    package static func logLoss(probabilities: [Double], labels: [Bool]) -> Double {
        guard !labels.isEmpty else { return 0 }
        var total = 0.0
        for (p, y) in zip(probabilities, labels) {
            let clipped = min(max(p, 1e-15), 1 - 1e-15)
            total -= y ? log(clipped) : log(1 - clipped)
        }
        return total / Double(labels.count)
    }

    /// Mean squared error of the probabilities.
    package static func brier(probabilities: [Double], labels: [Bool]) -> Double {
        guard !labels.isEmpty else { return 0 }
        return zip(probabilities, labels).reduce(0) { $0 + ($1.0 - ($1.1 ? 1 : 0)) * ($1.0 - ($1.1 ? 1 : 0)) }
            / Double(labels.count)
    }

    /// Mean absolute error.
    package static func meanAbsoluteError(_ predictions: [Double], _ targets: [Double]) -> Double {
        guard !targets.isEmpty else { return 0 }
        return zip(predictions, targets).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(targets.count)
    }
}
