@_spi(Components) import LinearAlgebra

/// Small dense fits through the BLAS layer: logistic regression by Newton's method, ridge regression,
/// and least absolute deviation regression by iteratively reweighted least squares. All are deterministic:
/// no random start, a fixed iteration order, and a Cholesky solve of the (features+1)² system.
///
/// ```swift
/// let w = try DenseFit.logistic(x, labels: y, l2: 1)     // x: N × F with a column of ones last
/// ```
enum DenseFit {
    /// Weights minimising Σ log-loss + l2/2 · ‖w‖² (the last column, the intercept, is not penalised).
    static func logistic(_ x: Matrix, labels: [Float], sampleWeights: [Float]? = nil, l2: Float, iterations: Int = 50)
        throws -> [Float]
    {
        let n = x.rows, f = x.columns
        var w = [Float](repeating: 0, count: f)
        var z = [Float](repeating: 0, count: n)
        for _ in 0..<iterations {
            BLAS.gemv(x, .asIs, w, into: &z)
            var residual = [Float](repeating: 0, count: n)
            var curvature = [Float](repeating: 0, count: n)
            for i in 0..<n {
                let p = StableMath.sigmoid(z[i])
                let s = sampleWeights?[i] ?? 1
                residual[i] = s * (p - labels[i])
                curvature[i] = s * max(p * (1 - p), 1e-6)
            }
            var gradient = [Float](repeating: 0, count: f)
            BLAS.gemv(x, .transposed, residual, into: &gradient)
            for j in 0..<(f - 1) { gradient[j] += l2 * w[j] }
            var hessian = try weightedGram(x, curvature)
            for j in 0..<(f - 1) { hessian[j, j] += l2 }
            hessian[f - 1, f - 1] += 1e-4
            let step = try choleskySolve(hessian, gradient)
            var largest: Float = 0
            for j in 0..<f {
                w[j] -= step[j]
                largest = max(largest, abs(step[j]))
            }
            if largest < 1e-5 { break }
        }
        return w
    }

    /// Weights minimising Σ (y − x·w)² + l2 · ‖w‖² (the last column, the intercept, is not penalised).
    static func ridge(_ x: Matrix, targets: [Float], l2: Float) throws -> [Float] {
        let f = x.columns
        var gram = try weightedGram(x, [Float](repeating: 1, count: x.rows))
        for j in 0..<(f - 1) { gram[j, j] += l2 }
        gram[f - 1, f - 1] += 1e-4
        var right = [Float](repeating: 0, count: f)
        BLAS.gemv(x, .transposed, targets, into: &right)
        return try choleskySolve(gram, right)
    }

    /// Weights minimising Σ |y − x·w| + l2/2 · ‖w‖² (IRLS with residuals floored at `floor`).
    static func leastAbsolute(
        _ x: Matrix, targets: [Float], sampleWeights: [Float]? = nil, l2: Float, floor: Float = 0.05,
        iterations: Int = 100
    ) throws -> [Float] {
        let n = x.rows, f = x.columns
        var weights = sampleWeights ?? [Float](repeating: 1, count: n)
        var w = [Float](repeating: 0, count: f)
        var fitted = [Float](repeating: 0, count: n)
        for _ in 0..<iterations {
            var gram = try weightedGram(x, weights)
            for j in 0..<(f - 1) { gram[j, j] += l2 }
            gram[f - 1, f - 1] += 1e-4
            var weightedTargets = [Float](repeating: 0, count: n)
            for i in 0..<n { weightedTargets[i] = weights[i] * targets[i] }
            var right = [Float](repeating: 0, count: f)
            BLAS.gemv(x, .transposed, weightedTargets, into: &right)
            let next = try choleskySolve(gram, right)
            var change: Float = 0
            for j in 0..<f { change = max(change, abs(next[j] - w[j])) }
            w = next
            BLAS.gemv(x, .asIs, w, into: &fitted)
            for i in 0..<n { weights[i] = (sampleWeights?[i] ?? 1) / max(abs(targets[i] - fitted[i]), floor) }
            if change < 1e-4 { break }
        }
        return w
    }

    /// Xᵀ · diag(s) · X as one `sgemm` of the row-scaled matrix with itself.
    static func weightedGram(_ x: Matrix, _ s: [Float]) throws -> Matrix {
        var scaled = x
        scaled.storage.withUnsafeMutableBufferPointer { values in
            for i in 0..<x.rows {
                let root = s[i].squareRoot()
                for j in 0..<x.columns { values[i * x.columns + j] *= root }
            }
        }
        var gram = Matrix(rows: x.columns, columns: x.columns)
        BLAS.gemm(scaled, .transposed, scaled, .asIs, into: &gram)
        return gram
    }

    /// Solves `a · x = b` for a symmetric positive definite `a` (Cholesky, in Double for stability).
    static func choleskySolve(_ a: Matrix, _ b: [Float]) throws -> [Float] {
        let n = a.rows
        var l = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var sum = Double(a[i, j])
                for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
                if i == j {
                    // A tiny ridge keeps a constant feature (zero variance) from breaking the factorisation.
                    l[i * n + i] = max(sum, 1e-9).squareRoot()
                } else {
                    l[i * n + j] = sum / l[j * n + j]
                }
            }
        }
        var y = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var sum = Double(b[i])
            for k in 0..<i { sum -= l[i * n + k] * y[k] }
            y[i] = sum / l[i * n + i]
        }
        var x = [Double](repeating: 0, count: n)
        for i in stride(from: n - 1, through: 0, by: -1) {
            var sum = y[i]
            for k in (i + 1)..<n { sum -= l[k * n + i] * x[k] }
            x[i] = sum / l[i * n + i]
        }
        return x.map { Float($0) }
    }
}
