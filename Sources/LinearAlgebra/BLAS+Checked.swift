// The throwing variants of the BLAS calls, for shapes that come from input, and the shape checks
// that both the trapping and the throwing calls share.

extension BLAS {
    /// As ``gemm(_:_:_:_:alpha:beta:into:)``, but shapes that do not fit together throw instead of
    /// trapping (`c` is left unchanged).
    ///
    /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:expected:given:)`` when the inner
    ///   dimensions or `c`'s shape do not match.
    @_spi(Components) public static func checkedGemm(
        _ a: Matrix, _ transposeA: Transpose = .asIs,
        _ b: Matrix, _ transposeB: Transpose = .asIs,
        alpha: Float = 1, beta: Float = 0,
        into c: inout Matrix
    ) throws(LinearAlgebraError) {
        if let error = gemmShapeError(a, transposeA, b, transposeB, c) { throw error }
        gemm(a, transposeA, b, transposeB, alpha: alpha, beta: beta, into: &c)
    }

    /// As ``gemv(_:_:_:alpha:beta:into:)``, but wrong lengths throw instead of trapping.
    ///
    /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:expected:given:)`` when `x` or `y`
    ///   has the wrong length.
    @_spi(Components) public static func checkedGemv(
        _ a: Matrix, _ transposeA: Transpose = .asIs, _ x: [Float],
        alpha: Float = 1, beta: Float = 0, into y: inout [Float]
    ) throws(LinearAlgebraError) {
        if let error = gemvShapeError(a, transposeA, x, y) { throw error }
        gemv(a, transposeA, x, alpha: alpha, beta: beta, into: &y)
    }

    /// As ``axpy(alpha:_:_:)``, but different lengths throw instead of trapping.
    package static func checkedAxpy(alpha: Float, _ x: [Float], _ y: inout [Float]) throws(LinearAlgebraError) {
        if let error = axpyShapeError(x, y) { throw error }
        axpy(alpha: alpha, x, &y)
    }

    /// As ``dot(_:_:)``, but different lengths throw instead of trapping.
    package static func checkedDot(_ x: [Float], _ y: [Float]) throws(LinearAlgebraError) -> Float {
        if let error = dotShapeError(x, y) { throw error }
        return dot(x, y)
    }

    static func gemmShapeError(_ a: Matrix, _ transposeA: Transpose, _ b: Matrix, _ transposeB: Transpose, _ c: Matrix)
        -> LinearAlgebraError?
    {
        if let error = storageError(a, "gemm a") ?? storageError(b, "gemm b") ?? storageError(c, "gemm c") {
            return error
        }
        let (m, k) = transposeA == .asIs ? (a.rows, a.columns) : (a.columns, a.rows)
        let (kb, n) = transposeB == .asIs ? (b.rows, b.columns) : (b.columns, b.rows)
        guard k == kb else {
            return .shapeMismatch(
                operation: "gemm", expected: "inner dimensions equal (op(a) is \(m)×\(k))", given: "op(b) \(kb)×\(n)")
        }
        guard c.rows == m, c.columns == n else {
            return .shapeMismatch(operation: "gemm", expected: "c of shape \(m)×\(n)", given: c.shapeDescription)
        }
        return nil
    }

    static func gemvShapeError(_ a: Matrix, _ transposeA: Transpose, _ x: [Float], _ y: [Float]) -> LinearAlgebraError?
    {
        if let error = storageError(a, "gemv a") { return error }
        let (m, n) = transposeA == .asIs ? (a.rows, a.columns) : (a.columns, a.rows)
        guard x.count == n else {
            return .shapeMismatch(operation: "gemv", expected: "x of length \(n)", given: "\(x.count)")
        }
        guard y.count == m else {
            return .shapeMismatch(operation: "gemv", expected: "y of length \(m)", given: "\(y.count)")
        }
        return nil
    }

    static func axpyShapeError(_ x: [Float], _ y: [Float]) -> LinearAlgebraError? {
        x.count == y.count
            ? nil : .shapeMismatch(operation: "axpy", expected: "y of length \(x.count)", given: "\(y.count)")
    }

    static func dotShapeError(_ x: [Float], _ y: [Float]) -> LinearAlgebraError? {
        x.count == y.count
            ? nil : .shapeMismatch(operation: "dot", expected: "equal lengths (\(x.count))", given: "\(y.count)")
    }

    /// `values` is settable, so a matrix's storage can disagree with its shape; CBLAS would then
    /// read or write out of bounds.
    static func storageError(_ matrix: Matrix, _ operation: String) -> LinearAlgebraError? {
        guard !matrix.hasConsistentStorage else { return nil }
        return .shapeMismatch(
            operation: operation,
            expected: "\(matrix.rows * matrix.columns) stored values for \(matrix.shapeDescription)",
            given: "\(matrix.values.count)")
    }
}
