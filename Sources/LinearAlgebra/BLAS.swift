import COpenBLAS

/// Dense linear algebra through OpenBLAS's CBLAS interface, with shapes checked before the call.
///
/// Every function validates its arguments and throws ``LinearAlgebraError`` rather than letting
/// CBLAS read out of bounds.
///
/// ```swift
/// let a = try Matrix(rows: 2, columns: 2, values: [1, 2, 3, 4])
/// var c = Matrix(rows: 2, columns: 2)
/// try BLAS.gemm(a, .asIs, a, .asIs, into: &c)   // c = a·a
/// ```
public enum BLAS {
    /// `c = alpha · op(a) · op(b) + beta · c` (single precision).
    ///
    /// - Parameters:
    ///   - alpha: scale of the product (default 1).
    ///   - beta: scale of the existing `c` (default 0: `c` is overwritten).
    /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:expected:given:)`` when the inner
    ///   dimensions or `c`'s shape do not match.
    public static func gemm(
        _ a: Matrix, _ transposeA: Transpose = .asIs,
        _ b: Matrix, _ transposeB: Transpose = .asIs,
        alpha: Float = 1, beta: Float = 0,
        into c: inout Matrix
    ) throws {
        try checkStorage(a, "gemm a")
        try checkStorage(b, "gemm b")
        try checkStorage(c, "gemm c")
        let (m, k) = transposeA == .asIs ? (a.rows, a.columns) : (a.columns, a.rows)
        let (kb, n) = transposeB == .asIs ? (b.rows, b.columns) : (b.columns, b.rows)
        guard k == kb else {
            throw LinearAlgebraError.shapeMismatch(
                operation: "gemm", expected: "inner dimensions equal (op(a) is \(m)×\(k))", given: "op(b) \(kb)×\(n)")
        }
        guard c.rows == m, c.columns == n else {
            throw LinearAlgebraError.shapeMismatch(operation: "gemm", expected: "c of shape \(m)×\(n)", given: c.shapeDescription)
        }
        if m == 0 || n == 0 { return }
        if k == 0 {
            // BLAS leaves c untouched for k == 0 only when beta == 1; apply beta ourselves.
            for i in c.values.indices { c.values[i] = beta == 0 ? 0 : beta * c.values[i] }
            return
        }
        a.values.withUnsafeBufferPointer { pa in
            b.values.withUnsafeBufferPointer { pb in
                c.values.withUnsafeMutableBufferPointer { pc in
                    cblas_sgemm(
                        CblasRowMajor, transposeA.cblas, transposeB.cblas,
                        blasint(m), blasint(n), blasint(k), alpha,
                        pa.baseAddress, blasint(max(a.columns, 1)),
                        pb.baseAddress, blasint(max(b.columns, 1)),
                        beta, pc.baseAddress, blasint(max(n, 1)))
                }
            }
        }
    }

    /// `y = alpha · op(a) · x + beta · y`.
    /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:expected:given:)`` when `x` or `y` has the wrong length.
    public static func gemv(
        _ a: Matrix, _ transposeA: Transpose = .asIs, _ x: [Float],
        alpha: Float = 1, beta: Float = 0, into y: inout [Float]
    ) throws {
        try checkStorage(a, "gemv a")
        let (m, n) = transposeA == .asIs ? (a.rows, a.columns) : (a.columns, a.rows)
        guard x.count == n else {
            throw LinearAlgebraError.shapeMismatch(operation: "gemv", expected: "x of length \(n)", given: "\(x.count)")
        }
        guard y.count == m else {
            throw LinearAlgebraError.shapeMismatch(operation: "gemv", expected: "y of length \(m)", given: "\(y.count)")
        }
        if m == 0 { return }
        if n == 0 {
            for i in y.indices { y[i] = beta == 0 ? 0 : beta * y[i] }
            return
        }
        a.values.withUnsafeBufferPointer { pa in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    cblas_sgemv(
                        CblasRowMajor, transposeA.cblas, blasint(a.rows), blasint(a.columns), alpha,
                        pa.baseAddress, blasint(max(a.columns, 1)), px.baseAddress, 1, beta, py.baseAddress, 1)
                }
            }
        }
    }

    /// `y = alpha · x + y`.
    package static func axpy(alpha: Float, _ x: [Float], _ y: inout [Float]) throws {
        guard x.count == y.count else {
            throw LinearAlgebraError.shapeMismatch(operation: "axpy", expected: "y of length \(x.count)", given: "\(y.count)")
        }
        if x.isEmpty { return }
        x.withUnsafeBufferPointer { px in
            y.withUnsafeMutableBufferPointer { py in
                cblas_saxpy(blasint(x.count), alpha, px.baseAddress, 1, py.baseAddress, 1)
            }
        }
    }

    /// The dot product `x · y`.
    package static func dot(_ x: [Float], _ y: [Float]) throws -> Float {
        guard x.count == y.count else {
            throw LinearAlgebraError.shapeMismatch(operation: "dot", expected: "equal lengths (\(x.count))", given: "\(y.count)")
        }
        if x.isEmpty { return 0 }
        return x.withUnsafeBufferPointer { px in
            y.withUnsafeBufferPointer { py in cblas_sdot(blasint(x.count), px.baseAddress, 1, py.baseAddress, 1) }
        }
    }

    /// `x = alpha · x`.
    package static func scale(_ x: inout [Float], by alpha: Float) {
        if x.isEmpty { return }
        let n = x.count
        x.withUnsafeMutableBufferPointer { px in cblas_sscal(blasint(n), alpha, px.baseAddress, 1) }
    }
}

extension BLAS {
    static func checkStorage(_ matrix: Matrix, _ operation: String) throws {
        guard matrix.hasConsistentStorage else {
            throw LinearAlgebraError.shapeMismatch(
                operation: operation, expected: "\(matrix.rows * matrix.columns) stored values for \(matrix.shapeDescription)",
                given: "\(matrix.values.count)")
        }
    }
}

extension Transpose {
    var cblas: CBLAS_TRANSPOSE { self == .asIs ? CblasNoTrans : CblasTrans }
}
