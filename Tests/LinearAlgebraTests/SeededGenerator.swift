@_spi(Components) import Learners
@_spi(Components) import LinearAlgebra
@_spi(Components) import TriageTestSupport

typealias SeededGenerator = SplitMix64

extension SplitMix64 {
    /// A `rows × columns` matrix of uniform values in -2…2.
    mutating func matrix(rows: Int, columns: Int) -> Matrix {
        var m = Matrix(rows: rows, columns: columns)
        m.storage = floats(rows * columns)
        return m
    }
}

/// Whether `actual` is within a rounding budget of the double-precision `expected`, scaled by the
/// magnitude of the terms that were summed (so large sums get a proportionally larger tolerance).
func isClose(_ actual: Float, _ expected: Double, magnitude: Double, terms: Int) -> Bool {
    let tolerance = Double(terms + 2) * 1e-6 * magnitude + 1e-30
    return abs(Double(actual) - expected) <= tolerance
}
