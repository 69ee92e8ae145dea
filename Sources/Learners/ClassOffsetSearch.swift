/// Per-class bias offsets chosen for macro-F1 on the held-out part: starting from the logit
/// adjustment's offsets, coordinate ascent moves one class's offset at a time by ±0.25, ±0.5 or
/// ±1 (logit units) and keeps a move only if the held-out macro-F1 rises; two passes over the
/// classes, in label order, so the result is the same in every run. The moves are then shrunk
/// toward the start (a share of 0.25 keeps a quarter of each), because a 10% held-out part rewards
/// moves that only fit its own noise.
///
/// Measured under 5-fold cross-validation of the whole procedure (Benchmarks/results/training.md,
/// round 5), share 0.25: banking77 +0.0005, cfpb +0.028, fincorp +0.003, fr_insurance_reviews
/// +0.008 macro-F1 (cfpb +0.011 and fincorp +0.003 with a second seed); without shrinkage it lost.
///
/// ```swift
/// let (offsets, found) = ClassOffsetSearch.search(scores: heldOut, targets: truth, start: zeros, shrinkage: 0.25)
/// model.shiftBiases(by: offsets)
/// ```
package enum ClassOffsetSearch {
    /// The moves tried for each class, in this order.
    static let steps: [Float] = [-1, -0.5, -0.25, 0.25, 0.5, 1]
    /// Passes over the classes.
    static let passes = 2

    /// The offsets `start + shrinkage · (found − start)` and the held-out macro-F1 of `found`, for
    /// `scores` (row-major, one row of `start.count` logits per example) and true class indices `targets`.
    package static func search(scores: [Float], targets: [Int], start: [Float], shrinkage: Float)
        -> (offsets: [Float], macroF1: Double)
    {
        let k = start.count
        guard k >= 2 else { return (start, LogitAdjustment.macroF1(scores: scores, targets: targets, offsets: start)) }
        var found = start
        var leaders = Leaders(scores: scores, classCount: k, offsets: found)
        var best = LogitAdjustment.macroF1(scores: scores, targets: targets, offsets: found)
        var support = [Int](repeating: 0, count: k)
        for target in targets { support[target] += 1 }
        var truePositives = [Int](repeating: 0, count: k)
        var predicted = [Int](repeating: 0, count: k)
        for _ in 0..<passes {
            for c in 0..<k {
                for step in steps {
                    // Moving class c's offset can only turn a row's prediction into c or away from it:
                    // compare c's new score with the best other class (the same sums and tie rule as
                    // the argmax, so the same predictions in O(rows) instead of O(rows × classes)).
                    let value = found[c] + step
                    for i in 0..<k {
                        truePositives[i] = 0
                        predicted[i] = 0
                    }
                    for (row, target) in targets.enumerated() {
                        let other = leaders.first[row] == c ? leaders.second[row] : leaders.first[row]
                        let mine = scores[row * k + c] + value
                        let theirs = scores[row * k + other] + found[other]
                        let prediction = mine > theirs || (mine == theirs && c < other) ? c : other
                        predicted[prediction] += 1
                        if prediction == target { truePositives[target] += 1 }
                    }
                    let score = LogitAdjustment.macroF1(
                        truePositives: truePositives, predicted: predicted, support: support)
                    // A move must raise the score, not just tie it or move it by rounding.
                    if score > best + 1e-9 {
                        best = score
                        found[c] = value
                        leaders = Leaders(scores: scores, classCount: k, offsets: found)
                    }
                }
            }
        }
        let offsets = zip(start, found).map { start, found in start + shrinkage * (found - start) }
        return (offsets, best)
    }

    /// Each row's best and second-best class under `scores + offsets` (the lower index first among
    /// equal scores, as the argmax).
    struct Leaders {
        var first: [Int]
        var second: [Int]

        init(scores: [Float], classCount k: Int, offsets: [Float]) {
            let rows = scores.count / k
            first = [Int](repeating: 0, count: rows)
            second = [Int](repeating: 0, count: rows)
            for row in 0..<rows {
                var a = 0, b = 1
                var va = scores[row * k] + offsets[0], vb = scores[row * k + 1] + offsets[1]
                if vb > va {
                    swap(&a, &b)
                    swap(&va, &vb)
                }
                for c in 2..<k {
                    let v = scores[row * k + c] + offsets[c]
                    if v > va {
                        b = a; vb = va
                        a = c; va = v
                    } else if v > vb {
                        b = c; vb = v
                    }
                }
                first[row] = a
                second[row] = b
            }
        }
    }
}
