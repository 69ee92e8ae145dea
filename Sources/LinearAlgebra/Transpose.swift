/// Whether a matrix operand of ``BLAS/gemm(_:_:_:_:alpha:beta:into:)`` is used as stored or transposed.
///
/// ```swift
/// try BLAS.gemm(a, .transposed, b, .asIs, into: &c)   // c = aᵀ · b
/// ```
@_spi(Components) public enum Transpose: Sendable {
    /// Use the matrix as stored.
    case asIs
    /// Use the transpose of the matrix.
    case transposed
}
