@_spi(Components) import LinearAlgebra
import SystemSupport

/// Fits the softmax temperature `T` that minimises the negative log-likelihood of held-out scores
/// (Guo et al. 2017). `T > 1` softens over-confident models; the predicted label never changes.
///
/// ```swift
/// let t = TemperatureScaling.fit(scores: heldOutLogits, targets: heldOutLabels)
/// model.temperature = t
/// ```
package enum TemperatureScaling {
    /// The temperature in [0.05, 20] minimising mean NLL (golden-section search on log T).
    /// Returns 1 when there is nothing to fit.
    package static func fit(scores: [[Float]], targets: [Int]) -> Float {
        guard !scores.isEmpty, scores.count == targets.count else { return 1 }
        var low = logf(0.05)
        var high = logf(20)
        let ratio: Float = 0.618_034
        var a = high - ratio * (high - low)
        var b = low + ratio * (high - low)
        var fa = negativeLogLikelihood(scores, targets, temperature: expf(a))
        var fb = negativeLogLikelihood(scores, targets, temperature: expf(b))
        for _ in 0..<40 {
            if fa < fb {
                high = b; b = a; fb = fa
                a = high - ratio * (high - low)
                fa = negativeLogLikelihood(scores, targets, temperature: expf(a))
            } else {
                low = a; a = b; fa = fb
                b = low + ratio * (high - low)
                fb = negativeLogLikelihood(scores, targets, temperature: expf(b))
            }
        }
        return expf((low + high) / 2)
    }

    /// Turns raw scores into probabilities in place: `softmax(scores / temperature)`, as
    /// ``Classifier/calibrate(_:)`` does with the model's temperature (callers that score many texts
    /// keep the temperature instead of reading it from the model each time).
    package static func calibrate(_ scores: inout [Float], temperature: Float) {
        if temperature != 1 {
            let inverse = 1 / temperature
            for i in scores.indices { scores[i] *= inverse }
        }
        StableMath.softmax(&scores)
    }

    /// Mean negative log-likelihood of `targets` under `softmax(scores / temperature)`.
    package static func negativeLogLikelihood(_ scores: [[Float]], _ targets: [Int], temperature: Float) -> Float {
        var total: Double = 0
        var scaled: [Float] = []
        for (row, target) in zip(scores, targets) {
            scaled = row.map { $0 / temperature }
            total += Double(StableMath.logSumExp(scaled) - scaled[target])
        }
        return Float(total / Double(max(1, scores.count)))
    }
}
