import LinearAlgebra

/// Limited-memory BFGS minimisation (Nocedal & Wright, algorithm 7.4) with a backtracking Armijo
/// line search. The vector arithmetic (dots and axpys over all parameters) runs through BLAS.
///
/// ```swift
/// let x = LBFGS(history: 7, maxIterations: 100).minimize(start) { x, gradient in
///     // fill gradient, return f(x)
/// }
/// ```
struct LBFGS {
    /// Correction pairs kept.
    var history = 7
    /// Iteration cap.
    var maxIterations = 200
    /// Stop when ‖g‖∞ ≤ tolerance · max(1, |f|) … or when f improves less than this relatively.
    var tolerance: Double = 1e-5

    func minimize(_ start: [Float], objective: ([Float], inout [Float]) -> Double) -> [Float] {
        let n = start.count
        var x = start
        var gradient = [Float](repeating: 0, count: n)
        var value = objective(x, &gradient)
        var s: [[Float]] = []
        var y: [[Float]] = []
        var rho: [Double] = []
        var direction = [Float](repeating: 0, count: n)
        var candidate = [Float](repeating: 0, count: n)
        var candidateGradient = [Float](repeating: 0, count: n)
        var alpha = [Double](repeating: 0, count: history)

        for iteration in 0..<maxIterations {
            if maxAbs(gradient) <= Float(tolerance * max(1, abs(value)) * 1e-2) { break }
            // Two-loop recursion: direction = −H·g.
            direction = gradient
            for i in stride(from: s.count - 1, through: 0, by: -1) {
                alpha[i] = rho[i] * Double(BLAS.dot(s[i], direction))
                BLAS.axpy(alpha: Float(-alpha[i]), y[i], &direction)
            }
            if let lastS = s.last, let lastY = y.last {
                let gamma = Double(BLAS.dot(lastS, lastY)) / max(Double(BLAS.dot(lastY, lastY)), 1e-30)
                BLAS.scale(&direction, by: Float(gamma))
            } else {
                // First step: unit length.
                BLAS.scale(&direction, by: 1 / max(norm(gradient), 1e-12))
            }
            for i in 0..<s.count {
                let beta = rho[i] * Double(BLAS.dot(y[i], direction))
                BLAS.axpy(alpha: Float(alpha[i] - beta), s[i], &direction)
            }
            BLAS.scale(&direction, by: -1)
            var slope = Double(BLAS.dot(gradient, direction))
            if slope >= 0 {
                // Not a descent direction (numerical trouble): restart with steepest descent.
                s.removeAll(); y.removeAll(); rho.removeAll()
                direction = gradient
                BLAS.scale(&direction, by: -1 / max(norm(gradient), 1e-12))
                slope = Double(BLAS.dot(gradient, direction))
            }
            // Backtracking line search (Armijo).
            var step: Float = 1
            var newValue = value
            var accepted = false
            for _ in 0..<30 {
                candidate = x
                BLAS.axpy(alpha: step, direction, &candidate)
                newValue = objective(candidate, &candidateGradient)
                if newValue.isFinite && newValue <= value + 1e-4 * Double(step) * slope {
                    accepted = true
                    break
                }
                step *= 0.5
            }
            if !accepted { break }
            var sNew = candidate
            BLAS.axpy(alpha: -1, x, &sNew)
            var yNew = candidateGradient
            BLAS.axpy(alpha: -1, gradient, &yNew)
            let sy = Double(BLAS.dot(sNew, yNew))
            if sy > 1e-10 {
                if s.count == history { s.removeFirst(); y.removeFirst(); rho.removeFirst() }
                s.append(sNew)
                y.append(yNew)
                rho.append(1 / sy)
            }
            let improvement = (value - newValue) / max(1, abs(value))
            swap(&x, &candidate)
            swap(&gradient, &candidateGradient)
            value = newValue
            if improvement < tolerance && iteration > 5 { break }
        }
        return x
    }

    private func maxAbs(_ v: [Float]) -> Float { v.reduce(0) { max($0, abs($1)) } }
    private func norm(_ v: [Float]) -> Float { (BLAS.dot(v, v)).squareRoot() }
}
