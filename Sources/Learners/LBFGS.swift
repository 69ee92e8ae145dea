import CSparseKernels

/// Limited-memory BFGS minimisation (Nocedal & Wright, algorithm 7.4) with a backtracking Armijo
/// line search. The vector arithmetic (dots and axpys over all parameters) runs in fused C passes
/// rounded as OpenBLAS rounds (``dt_axpy_scale_dot``), and every buffer is allocated once, so an
/// iteration costs one objective evaluation (rarely more) plus about `2 · history` passes over the
/// parameters.
///
/// ```swift
/// let result = LBFGS(history: 7, maxIterations: 100).minimize(start) { x, gradient in
///     // fill gradient, return f(x)
/// }
/// ```
struct LBFGS {
    /// One iteration's state, for progress reports.
    struct Progress {
        var iteration: Int
        var value: Double
        /// ‖g‖∞ now and at the start: progress towards ``LBFGS/gradientTolerance`` is their log ratio.
        var gradientNorm: Float
        var initialGradientNorm: Float
        /// The ``LBFGS/gradientTolerance`` that ends the run.
        var targetGradientNorm: Float
    }

    /// Working memory handed from one run to the next: a settings search runs several fits of
    /// one problem, and each would otherwise fault in about twenty fresh parameter-sized vectors
    /// (5% of fincorp's training time in a profile).
    final class Buffers {
        private var storage: UnsafeMutableRawPointer?
        private var capacity = 0

        init() {}

        deinit { storage?.deallocate() }

        /// `count` floats, 64-byte aligned, contents unspecified; valid until the next call.
        fileprivate func floats(_ count: Int) -> UnsafeMutablePointer<Float> {
            if storage == nil || capacity < count {
                storage?.deallocate()
                capacity = max(count, 1)
                storage = UnsafeMutableRawPointer.allocate(
                    byteCount: capacity * MemoryLayout<Float>.stride, alignment: 64)
            }
            return storage!.bindMemory(to: Float.self, capacity: capacity)
        }
    }

    /// The minimiser found and what it cost.
    struct Result {
        var x: [Float]
        var value: Double
        var iterations: Int
        var evaluations: Int
    }

    /// Correction pairs kept.
    var history = 7
    /// Iteration cap.
    var maxIterations = 200
    /// Stop when ‖g‖∞ ≤ this (absolute; callers scale it to their objective).
    var gradientTolerance: Float = 0
    /// Stop when f improves by less than this, relative to max(1, |f|), in one iteration (after five).
    var relativeTolerance: Double = 1e-5
    /// How the parameters are stored when they are rows with their padding lanes left out (see
    /// ``PaddedRows``); nil = a plain vector. The arithmetic is the same to the bit either way.
    var rows: PaddedRows?

    init(history: Int = 7, maxIterations: Int = 200, gradientTolerance: Float = 0, relativeTolerance: Double = 1e-5) {
        self.history = history
        self.maxIterations = maxIterations
        self.gradientTolerance = gradientTolerance
        self.relativeTolerance = relativeTolerance
    }

    /// Minimises `objective` (which writes every gradient entry and returns the value) from
    /// `start`; `buffers` lends the working vectors.
    ///
    /// The vector arithmetic runs in fused passes (``dt_axpy_scale_dot`` and friends): each pass
    /// of the two-loop recursion updates the direction and already takes the dot product the next
    /// step needs, so an iteration reads the parameters about `2 · history` times instead of
    /// `4 · history`, with every value rounded as the separate BLAS calls rounded it.
    func minimize(
        _ start: [Float], objective: (UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> Double,
        buffers: Buffers = Buffers(), monitor: ((Progress) -> Void)? = nil
    ) -> Result {
        let n = start.count
        // Vectors in one block, each starting on a cache line.
        // (Rows without padding lanes are read 8 floats at a time past their last value: 8 spare.)
        let stride = (n + (rows == nil ? 0 : 8) + 15) / 16 * 16
        let block = buffers.floats((5 + 2 * history) * stride)
        func vector(_ index: Int) -> UnsafeMutablePointer<Float> { block + index * stride }
        var x = vector(0), candidate = vector(1), gradient = vector(2), candidateGradient = vector(3)
        let direction = vector(4)
        // Correction pairs in a ring: slot (newest − i) mod history.
        let s = (0..<history).map { vector(5 + $0) }
        let y = (0..<history).map { vector(5 + history + $0) }
        if n > 0 { start.withUnsafeBufferPointer { x.update(from: $0.baseAddress!, count: n) } }
        var evaluations = 0
        func evaluate(_ point: UnsafeMutablePointer<Float>, _ gradient: UnsafeMutablePointer<Float>) -> Double {
            evaluations += 1
            return objective(
                UnsafeBufferPointer(start: point, count: n), UnsafeMutableBufferPointer(start: gradient, count: n))
        }
        var value = evaluate(x, gradient)
        var rho = [Double](repeating: 0, count: history)
        var yy = [Float](repeating: 0, count: history)
        var alpha = [Double](repeating: 0, count: history)
        var stored = 0, newest = -1
        let initialNorm = dt_max_abs(gradient, n)
        var iterations = 0

        while iterations < maxIterations {
            let gradientNorm = dt_max_abs(gradient, n)
            monitor?(
                Progress(
                    iteration: iterations, value: value, gradientNorm: gradientNorm, initialGradientNorm: initialNorm,
                    targetGradientNorm: gradientTolerance))
            if gradientNorm <= gradientTolerance || gradientNorm == 0 { break }
            iterations += 1
            // Two-loop recursion: direction = −H·g; `next` is the dot product the next step needs.
            var slope: Double
            if stored > 0 {
                var next = copyDot(direction, gradient, s[newest], n)
                for back in 0..<stored {
                    let i = (newest - back + history) % history
                    alpha[i] = rho[i] * Double(next)
                    if back + 1 < stored {
                        next = axpyScaleDot(
                            direction, Float(-alpha[i]), y[i], 1, s[(i - 1 + history) % history], n)
                    } else {
                        // The last pass also scales by γ = sᵀy / yᵀy of the newest pair.
                        let gamma = 1 / (rho[newest] * max(Double(yy[newest]), 1e-30))
                        let oldest = (newest - stored + 1 + history) % history
                        next = axpyScaleDot(direction, Float(-alpha[i]), y[i], Float(gamma), y[oldest], n)
                    }
                }
                for forward in 0..<stored {
                    let i = (newest - stored + 1 + forward + history) % history
                    let beta = rho[i] * Double(next)
                    if forward + 1 < stored {
                        next = axpyScaleDot(direction, Float(alpha[i] - beta), s[i], 1, y[(i + 1) % history], n)
                    } else {
                        // The last pass negates (exact) and takes the slope gᵀd.
                        next = axpyScaleDot(direction, Float(alpha[i] - beta), s[i], -1, gradient, n)
                    }
                }
                slope = Double(next)
            } else {
                // First step (or after a restart): unit length.
                slope = steepestDescent(gradient, into: direction, count: n)
            }
            if slope >= 0 {
                // Not a descent direction (numerical trouble): restart with steepest descent.
                stored = 0
                slope = steepestDescent(gradient, into: direction, count: n)
            }
            // Backtracking line search (Armijo).
            var step: Float = 1
            var newValue = value
            var accepted = false
            for _ in 0..<30 {
                self.step(candidate, x, step, direction, n)
                newValue = evaluate(candidate, candidateGradient)
                if newValue.isFinite && newValue <= value + 1e-4 * Double(step) * slope {
                    accepted = true
                    break
                }
                step *= 0.5
            }
            if !accepted { break }
            // New pair s = candidate − x, y = ∇candidate − ∇x, into the oldest slot.
            let slot = (newest + 1) % history
            var sy: Float = 0
            correctionPair(s[slot], y[slot], candidate, x, candidateGradient, gradient, n, &sy, &yy[slot])
            if Double(sy) > 1e-10 {
                newest = slot
                rho[slot] = 1 / Double(sy)
                stored = min(stored + 1, history)
            } else if stored == history {
                stored -= 1  // the rejected pair overwrote the oldest one
            }
            let improvement = (value - newValue) / max(1, abs(value))
            swap(&x, &candidate)
            swap(&gradient, &candidateGradient)
            value = newValue
            if improvement < relativeTolerance && iterations > 5 { break }
        }
        return Result(
            x: Array(UnsafeBufferPointer(start: x, count: n)), value: value, iterations: iterations,
            evaluations: evaluations)
    }

    /// `direction = −g / ‖g‖₂`; returns the slope `gᵀ·direction`.
    private func steepestDescent(
        _ gradient: UnsafeMutablePointer<Float>, into direction: UnsafeMutablePointer<Float>, count n: Int
    ) -> Double {
        let length = dot(gradient, gradient, n).squareRoot()
        direction.update(from: gradient, count: n)
        return Double(axpyScaleDot(direction, 0, direction, -1 / max(length, 1e-12), gradient, n))
    }

    // The passes on a plain vector or on rows without padding (RowVectorKernels.h), same bits.

    private func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ n: Int) -> Float {
        guard let rows else { return dt_dot(x, y, n) }
        return dt_rows_dot(x, y, rows.count, rows.width, rows.stride)
    }

    private func copyDot(
        _ target: UnsafeMutablePointer<Float>, _ source: UnsafePointer<Float>, _ other: UnsafePointer<Float>, _ n: Int
    ) -> Float {
        guard let rows else { return dt_copy_dot(target, source, other, n) }
        return dt_rows_copy_dot(target, source, other, rows.count, rows.width, rows.stride)
    }

    private func axpyScaleDot(
        _ y: UnsafeMutablePointer<Float>, _ alpha: Float, _ x: UnsafePointer<Float>, _ scale: Float,
        _ other: UnsafePointer<Float>, _ n: Int
    ) -> Float {
        guard let rows else { return dt_axpy_scale_dot(y, alpha, x, scale, other, n) }
        return dt_rows_axpy_scale_dot(y, alpha, x, scale, other, rows.count, rows.width, rows.stride)
    }

    private func step(
        _ target: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, _ step: Float,
        _ direction: UnsafePointer<Float>, _ n: Int
    ) {
        guard let rows else { return dt_step(target, x, step, direction, n) }
        dt_rows_step(target, x, step, direction, rows.count, rows.width, rows.stride)
    }

    private func correctionPair(
        _ s: UnsafeMutablePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ x1: UnsafePointer<Float>,
        _ x0: UnsafePointer<Float>, _ g1: UnsafePointer<Float>, _ g0: UnsafePointer<Float>, _ n: Int,
        _ sy: inout Float, _ yy: inout Float
    ) {
        guard let rows else { return dt_correction_pair(s, y, x1, x0, g1, g0, n, &sy, &yy) }
        dt_rows_correction_pair(s, y, x1, x0, g1, g0, rows.count, rows.width, rows.stride, &sy, &yy)
    }
}
