import SystemSupport

/// Numerically stable elementwise functions used by the learners.
///
/// None of them produce NaN or infinity for finite inputs, including logits of ±1e4.
///
/// ```swift
/// var p: [Float] = [1000, 0, -1000]
/// StableMath.softmax(&p)               // [1, 0, 0]
/// StableMath.logSumExp([1000, 1000])   // 1000.6931
/// StableMath.sigmoid(-1e4)             // 0
/// ```
package enum StableMath {
    /// `log(Σ exp(xᵢ))`, computed around the maximum. Returns `-infinity` for an empty input.
    package static func logSumExp(_ x: [Float]) -> Float {
        x.withUnsafeBufferPointer { logSumExp($0) }
    }

    /// `log(Σ exp(xᵢ))` over a buffer.
    package static func logSumExp(_ x: UnsafeBufferPointer<Float>) -> Float {
        guard var maximum = x.first else { return -.infinity }
        for v in x where v > maximum { maximum = v }
        if !maximum.isFinite { return maximum }
        var sum: Float = 0
        for v in x { sum += expf(v - maximum) }
        return maximum + logf(sum)
    }

    /// Replaces `x` by `softmax(x)` in place (shifted by the maximum, so no overflow).
    package static func softmax(_ x: inout [Float]) {
        x.withUnsafeMutableBufferPointer { softmax($0) }
    }

    /// In-place softmax over a buffer.
    package static func softmax(_ x: UnsafeMutableBufferPointer<Float>) {
        guard var maximum = x.first else { return }
        for v in x where v > maximum { maximum = v }
        var sum: Float = 0
        for i in x.indices {
            let e = expf(x[i] - maximum)
            x[i] = e
            sum += e
        }
        let inverse = 1 / sum
        for i in x.indices { x[i] *= inverse }
    }

    /// The logistic function `1 / (1 + exp(-x))`, evaluated on the side that cannot overflow.
    @inlinable
    package static func sigmoid(_ x: Float) -> Float {
        if x >= 0 {
            return 1 / (1 + expf(-x))
        }
        let e = expf(x)
        return e / (1 + e)
    }

    /// `log(sigmoid(x))` without underflow to `-infinity` for very negative `x`.
    @inlinable
    package static func logSigmoid(_ x: Float) -> Float {
        x >= 0 ? -log1pf(expf(-x)) : x - log1pf(expf(x))
    }
}
