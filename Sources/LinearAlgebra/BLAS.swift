import COpenBLAS

/// Dense linear algebra through OpenBLAS's CBLAS interface, with shapes checked before the call.
///
/// Shapes that do not fit together are a programming error, so ``gemm(_:_:_:_:alpha:beta:into:)``
/// and the others stop the program with a message naming the shapes (`precondition`) rather than
/// let CBLAS read out of bounds. When the shapes come from input (a file, a request), check them
/// first with the throwing variants (``checkedGemm(_:_:_:_:alpha:beta:into:)``, …), which throw
/// ``LinearAlgebraError`` instead.
///
/// ```swift
/// let a = try Matrix(rows: 2, columns: 2, values: [1, 2, 3, 4])
/// var c = Matrix(rows: 2, columns: 2)
/// BLAS.gemm(a, .asIs, a, .asIs, into: &c)   // c = a·a
/// ```
@_spi(Components) public enum BLAS {
    /// `c = alpha · op(a) · op(b) + beta · c` (single precision).
    ///
    /// - Parameters:
    ///   - a: the left factor.
    ///   - transposeA: whether to use `a` or its transpose.
    ///   - b: the right factor.
    ///   - transposeB: whether to use `b` or its transpose.
    ///   - alpha: scale of the product (default 1).
    ///   - beta: scale of the existing `c` (default 0: `c` is overwritten).
    ///   - c: the result, of shape `op(a).rows × op(b).columns`.
    ///
    /// - Precondition: the inner dimensions agree and `c` is `op(a).rows × op(b).columns`.
    @_spi(Components) public static func gemm(
        _ a: Matrix, _ transposeA: Transpose = .asIs,
        _ b: Matrix, _ transposeB: Transpose = .asIs,
        alpha: Float = 1, beta: Float = 0,
        into c: inout Matrix
    ) {
        if let error = gemmShapeError(a, transposeA, b, transposeB, c) { preconditionFailure(error.description) }
        let (m, k) = transposeA == .asIs ? (a.rows, a.columns) : (a.columns, a.rows)
        let n = transposeB == .asIs ? b.columns : b.rows
        if m == 0 || n == 0 { return }
        if k == 0 {
            // BLAS leaves c untouched for k == 0 only when beta == 1; apply beta ourselves.
            for i in c.storage.indices { c.storage[i] = beta == 0 ? 0 : beta * c.storage[i] }
            return
        }
        a.values.withUnsafeBufferPointer { pa in
            b.values.withUnsafeBufferPointer { pb in
                c.storage.withUnsafeMutableBufferPointer { pc in
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
    ///
    /// - Precondition: `x` has `op(a).columns` entries and `y` has `op(a).rows`.
    @_spi(Components) public static func gemv(
        _ a: Matrix, _ transposeA: Transpose = .asIs, _ x: [Float],
        alpha: Float = 1, beta: Float = 0, into y: inout [Float]
    ) {
        if let error = gemvShapeError(a, transposeA, x, y) { preconditionFailure(error.description) }
        let (m, n) = transposeA == .asIs ? (a.rows, a.columns) : (a.columns, a.rows)
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
    ///
    /// - Precondition: `x` and `y` have the same length.
    package static func axpy(alpha: Float, _ x: [Float], _ y: inout [Float]) {
        if let error = axpyShapeError(x, y) { preconditionFailure(error.description) }
        if x.isEmpty { return }
        x.withUnsafeBufferPointer { px in
            y.withUnsafeMutableBufferPointer { py in
                cblas_saxpy(blasint(x.count), alpha, px.baseAddress, 1, py.baseAddress, 1)
            }
        }
    }

    /// The dot product `x · y`.
    ///
    /// - Precondition: `x` and `y` have the same length.
    package static func dot(_ x: [Float], _ y: [Float]) -> Float {
        if let error = dotShapeError(x, y) { preconditionFailure(error.description) }
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

extension Transpose {
    var cblas: CBLAS_TRANSPOSE { self == .asIs ? CblasNoTrans : CblasTrans }
}
