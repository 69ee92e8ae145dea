import CSparseKernels
@_spi(Components) import LinearAlgebra

/// Limited-memory BFGS minimisation (Nocedal & Wright, algorithm 7.4) with a backtracking Armijo
/// line search. The vector arithmetic (dots and axpys over all parameters) runs through BLAS, and
/// every buffer is allocated once, so an iteration costs one objective evaluation (rarely more)
/// plus about `4 · history` passes over the parameters.
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

    /// Vectors handed back by one run for the next of the same size: a settings search runs
    /// several fits of one problem, and each would otherwise fault in and zero about twenty fresh
    /// parameter-sized arrays (5% of fincorp's training time in a profile).
    final class Buffers {
        private var free: [[Float]] = []

        init() {}

        /// A zeroed vector of `count` floats, reused when one is free.
        func take(_ count: Int) -> [Float] {
            guard let i = free.firstIndex(where: { $0.count == count }) else {
                return [Float](repeating: 0, count: count)
            }
            var vector = free.remove(at: i)
            vector.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
            return vector
        }

        /// Returns vectors for later runs.
        func give(_ vectors: [[Float]]) { free.append(contentsOf: vectors.filter { !$0.isEmpty }) }
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

    init(history: Int = 7, maxIterations: Int = 200, gradientTolerance: Float = 0, relativeTolerance: Double = 1e-5) {
        self.history = history
        self.maxIterations = maxIterations
        self.gradientTolerance = gradientTolerance
        self.relativeTolerance = relativeTolerance
    }

    /// Minimises `objective` (which writes every gradient entry and returns the value) from
    /// `start`; `buffers` lends and takes back the working vectors.
    func minimize(
        _ start: [Float], objective: (UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> Double,
        buffers: Buffers = Buffers(), monitor: ((Progress) -> Void)? = nil
    ) -> Result {
        let n = start.count
        var evaluations = 0
        func evaluate(_ point: [Float], _ gradient: inout [Float]) -> Double {
            evaluations += 1
            return point.withUnsafeBufferPointer { p in gradient.withUnsafeMutableBufferPointer { g in objective(p, g) }
            }
        }
        var x = start
        var gradient = buffers.take(n)
        var value = evaluate(x, &gradient)
        // Correction pairs in a ring: slot (newest − i) mod history.
        var s = [[Float]](repeating: [], count: history)
        var y = [[Float]](repeating: [], count: history)
        var rho = [Double](repeating: 0, count: history)
        var stored = 0, newest = -1
        var direction = buffers.take(n)
        var candidate = buffers.take(n)
        var candidateGradient = buffers.take(n)
        var alpha = [Double](repeating: 0, count: history)
        let initialNorm = maxAbs(gradient)
        var iterations = 0

        while iterations < maxIterations {
            let gradientNorm = maxAbs(gradient)
            monitor?(
                Progress(
                    iteration: iterations, value: value, gradientNorm: gradientNorm, initialGradientNorm: initialNorm,
                    targetGradientNorm: gradientTolerance))
            if gradientNorm <= gradientTolerance || gradientNorm == 0 { break }
            iterations += 1
            // Two-loop recursion: direction = −H·g.
            copy(gradient, into: &direction)
            for back in 0..<stored {
                let i = (newest - back + history) % history
                alpha[i] = rho[i] * Double(BLAS.dot(s[i], direction))
                BLAS.axpy(alpha: Float(-alpha[i]), y[i], &direction)
            }
            if stored > 0 {
                let gamma = 1 / (rho[newest] * max(Double(BLAS.dot(y[newest], y[newest])), 1e-30))
                BLAS.scale(&direction, by: Float(gamma))
            } else {
                // First step (or after a restart): unit length.
                BLAS.scale(&direction, by: 1 / max(norm(gradient), 1e-12))
            }
            for forward in 0..<stored {
                let i = (newest - stored + 1 + forward + history) % history
                let beta = rho[i] * Double(BLAS.dot(y[i], direction))
                BLAS.axpy(alpha: Float(alpha[i] - beta), s[i], &direction)
            }
            BLAS.scale(&direction, by: -1)
            var slope = Double(BLAS.dot(gradient, direction))
            if slope >= 0 {
                // Not a descent direction (numerical trouble): restart with steepest descent.
                stored = 0
                direction = gradient
                BLAS.scale(&direction, by: -1 / max(norm(gradient), 1e-12))
                slope = Double(BLAS.dot(gradient, direction))
            }
            // Backtracking line search (Armijo).
            var step: Float = 1
            var newValue = value
            var accepted = false
            for _ in 0..<30 {
                copy(x, into: &candidate)
                BLAS.axpy(alpha: step, direction, &candidate)
                newValue = evaluate(candidate, &candidateGradient)
                if newValue.isFinite && newValue <= value + 1e-4 * Double(step) * slope {
                    accepted = true
                    break
                }
                step *= 0.5
            }
            if !accepted { break }
            // New pair s = candidate − x, y = ∇candidate − ∇x, into the oldest slot.
            let slot = (newest + 1) % history
            if s[slot].count != n {
                s[slot] = buffers.take(n)
                y[slot] = buffers.take(n)
            }
            difference(candidate, x, into: &s[slot])
            difference(candidateGradient, gradient, into: &y[slot])
            let sy = Double(BLAS.dot(s[slot], y[slot]))
            if sy > 1e-10 {
                newest = slot
                rho[slot] = 1 / sy
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
        buffers.give(s + y + [gradient, direction, candidate, candidateGradient])
        return Result(x: x, value: value, iterations: iterations, evaluations: evaluations)
    }

    /// `target = source` without reallocating `target` (same length).
    private func copy(_ source: [Float], into target: inout [Float]) {
        target.withUnsafeMutableBufferPointer { t in source.withUnsafeBufferPointer { _ = t.update(fromContentsOf: $0) }
        }
    }

    /// `target = a − b` in one pass: the same bytes as copying `a` and adding `(−1)·b` with an axpy
    /// (`−b` is exact, so that is one rounding of `a − b` with or without a fused multiply-add).
    private func difference(_ a: [Float], _ b: [Float], into target: inout [Float]) {
        target.withUnsafeMutableBufferPointer { t in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    for i in 0..<t.count { t[i] = a[i] - b[i] }
                }
            }
        }
    }

    /// ‖v‖∞ (vectorised in C: a scalar `reduce` cost a pass as slow as a BLAS call's).
    private func maxAbs(_ v: [Float]) -> Float { v.withUnsafeBufferPointer { dt_max_abs($0.baseAddress, $0.count) } }
    private func norm(_ v: [Float]) -> Float { (BLAS.dot(v, v)).squareRoot() }
}
