import SystemSupport

/// A decision rule aimed at macro-F1: every class score is shifted by `−τ · log π_c` (π the
/// training class frequencies; Menon et al. 2021, "Long-tail learning via logit adjustment"), with
/// τ chosen from a grid on the held-out part by macro-F1. τ > 0 favours rare classes, τ < 0
/// frequent ones, τ = 0 changes nothing.
///
/// The shift is added to the model's biases, so it acts as a prior shift inside the softmax:
/// probabilities and the predicted label agree, the temperature is fitted after it, and scoring,
/// explanations and the model format are unchanged.
///
/// τ is off by default (``Tuning/logitAdjustments`` `nil`, i.e. τ = 0): under 5-fold
/// cross-validation on the four benchmark tasks no grid or fixed τ won on every task
/// (Benchmarks/results/training.md, round 5). The per-class offsets of ``ClassOffsetSearch``,
/// which start from the τ offsets, are on by default (``Tuning/classOffsetShrinkage``).
///
/// ```swift
/// let report = LogitAdjustment.choose(
///     scores: heldOutLogits, targets: heldOutTargets, classCounts: counts, grid: [0, 0.5, 1], margin: 0.005)
/// model.shiftBiases(by: report.offsets)
/// ```
package enum LogitAdjustment {
    /// The τ tried on the held-out part, their macro-F1 and the choice; stored in the manifest.
    package struct Report: Codable, Sendable, Equatable {
        /// The grid, in the order given.
        package var candidates: [Float]
        /// Held-out macro-F1 (over the classes the held-out part holds) of each candidate.
        package var macroF1: [Double]
        /// Index of the chosen τ in ``candidates``.
        package var chosenIndex: Int
        /// What was added to each class's bias (model label order): `−τ · (log π_c − mean log π)`,
        /// plus the shrunk per-class offsets when ``classOffsetShrinkage`` is set.
        package var offsets: [Float]
        /// The share of the per-class offsets kept (``ClassOffsetSearch``; absent: none searched).
        package var classOffsetShrinkage: Float?
        /// Held-out macro-F1 of the per-class offsets found, before shrinkage.
        package var searchedMacroF1: Double?

        /// The chosen τ.
        package var chosen: Float { candidates[chosenIndex] }
    }

    /// Bias offsets `−τ · (log π_c − mean_c log π_c)` for class counts `classCounts` (centred, so
    /// the biases keep their scale; softmax ignores a common shift).
    package static func offsets(tau: Float, classCounts: [Double]) -> [Float] {
        let total = classCounts.reduce(0, +)
        guard total > 0, !classCounts.isEmpty else { return [Float](repeating: 0, count: classCounts.count) }
        // A class with no examples gets the smallest prior seen, not log 0.
        let smallest = classCounts.filter { $0 > 0 }.min() ?? 1
        let logPrior = classCounts.map { log(max($0, smallest) / total) }
        let mean = logPrior.reduce(0, +) / Double(logPrior.count)
        return logPrior.map { Float(-Double(tau) * ($0 - mean)) }
    }

    /// Chooses τ from `grid` on held-out `scores` (row-major, one row of `classCount` logits per
    /// example) with true class indices `targets`: among the candidates within `margin` of the best
    /// macro-F1, the one closest to the first listed (the reference: 0 for balanced class weights,
    /// about 1 for uniform ones), then the higher score, then the earlier one, so moving away from
    /// the reference has to win by more than the held-out part's noise. With
    /// `classOffsetShrinkage`, the per-class offsets of ``ClassOffsetSearch`` are added on top.
    package static func choose(
        scores: [Float], targets: [Int], classCounts: [Double], grid: [Float], margin: Double,
        classOffsetShrinkage: Float? = nil
    ) -> Report {
        let k = classCounts.count
        precondition(!grid.isEmpty && scores.count == targets.count * k, "scores must be targets.count × classes")
        let macroF1 = grid.map { tau in
            Self.macroF1(scores: scores, targets: targets, offsets: offsets(tau: tau, classCounts: classCounts))
        }
        let reference = grid[0]
        let chosen = MarginChoice.index(scores: macroF1, margin: margin) { abs(Double(grid[$0] - reference)) }
        var report = Report(
            candidates: grid, macroF1: macroF1, chosenIndex: chosen,
            offsets: offsets(tau: grid[chosen], classCounts: classCounts))
        if let shrinkage = classOffsetShrinkage {
            let searched = ClassOffsetSearch.search(
                scores: scores, targets: targets, start: report.offsets, shrinkage: shrinkage)
            report.offsets = searched.offsets
            report.classOffsetShrinkage = shrinkage
            report.searchedMacroF1 = searched.macroF1
        }
        return report
    }

    /// Macro-F1 over the classes present in `targets` of the predictions `argmax(score + offset)`
    /// (the same rule as the settings search's validation score; the first class wins ties).
    package static func macroF1(scores: [Float], targets: [Int], offsets: [Float]) -> Double {
        let k = offsets.count
        var truePositives = [Int](repeating: 0, count: k)
        var predicted = [Int](repeating: 0, count: k)
        var support = [Int](repeating: 0, count: k)
        for (row, target) in targets.enumerated() {
            var best = 0
            var bestScore = scores[row * k] + offsets[0]
            for c in 1..<max(k, 1) where scores[row * k + c] + offsets[c] > bestScore {
                best = c
                bestScore = scores[row * k + c] + offsets[c]
            }
            predicted[best] += 1
            support[target] += 1
            if best == target { truePositives[target] += 1 }
        }
        return macroF1(truePositives: truePositives, predicted: predicted, support: support)
    }

    /// Macro-F1 over the classes with `support > 0`, from per-class counts.
    static func macroF1(truePositives: [Int], predicted: [Int], support: [Int]) -> Double {
        var sum = 0.0
        var held = 0
        // In class order, so the sum rounds the same in every run.
        for c in support.indices where support[c] > 0 {
            held += 1
            let denominator = predicted[c] + support[c]
            sum += denominator > 0 ? 2 * Double(truePositives[c]) / Double(denominator) : 0
        }
        return held == 0 ? 0 : sum / Double(held)
    }
}

extension LogisticRegression {
    /// Adds `offsets` (one per class, label order) to the biases: a prior shift of the softmax.
    package mutating func shiftBiases(by offsets: [Float]) {
        precondition(offsets.count == bias.count, "one offset per class")
        for c in bias.indices { bias[c] += offsets[c] }
    }
}
