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
        var found = start
        var best = LogitAdjustment.macroF1(scores: scores, targets: targets, offsets: found)
        for _ in 0..<passes {
            for c in found.indices {
                for step in steps {
                    var trial = found
                    trial[c] += step
                    let score = LogitAdjustment.macroF1(scores: scores, targets: targets, offsets: trial)
                    // A move must raise the score, not just tie it or move it by rounding.
                    if score > best + 1e-9 {
                        best = score
                        found = trial
                    }
                }
            }
        }
        let offsets = zip(start, found).map { start, found in start + shrinkage * (found - start) }
        return (offsets, best)
    }
}
