/// Page–Hinkley test on a stream of losses: signals when the mean loss rises by more than the
/// tolerance for long enough, i.e. when what matters to the business has changed.
///
/// ```swift
/// var detector = DriftDetector(threshold: 25, tolerance: 0.05)
/// if detector.observe(loss) { /* adapt faster */ }
/// ```
package struct DriftDetector: Sendable, Equatable {
    /// λ: how far the cumulative excess loss must rise above its minimum to signal (0 disables).
    package let threshold: Double
    /// δ: loss increase tolerated as noise.
    package let tolerance: Double
    /// Losses seen since the last reset.
    package private(set) var count: Double = 0
    /// Their running mean.
    package private(set) var mean: Double = 0
    /// Cumulative excess loss.
    package private(set) var cumulative: Double = 0
    /// Its minimum so far.
    package private(set) var minimum: Double = 0

    /// A detector with λ = `threshold` and δ = `tolerance`.
    package init(threshold: Double, tolerance: Double) {
        self.threshold = threshold
        self.tolerance = tolerance
    }

    /// Restores a detector's state (from a saved model).
    package init(threshold: Double, tolerance: Double, state: [Double]) {
        self.init(threshold: threshold, tolerance: tolerance)
        if state.count == 4 { (count, mean, cumulative, minimum) = (state[0], state[1], state[2], state[3]) }
    }

    /// The state as four numbers (count, mean, cumulative, minimum).
    package var state: [Double] { [count, mean, cumulative, minimum] }

    /// Adds one loss; returns `true` (and resets) when a drift is detected.
    package mutating func observe(_ loss: Double) -> Bool {
        guard threshold > 0 else { return false }
        count += 1
        mean += (loss - mean) / count
        cumulative += loss - mean - tolerance
        minimum = min(minimum, cumulative)
        if cumulative - minimum > threshold {
            self = DriftDetector(threshold: threshold, tolerance: tolerance)
            return true
        }
        return false
    }
}
