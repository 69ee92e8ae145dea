import LinearAlgebra

/// SplitMix64: a tiny deterministic generator so every random shape and value is reproducible.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func floats(_ count: Int, in range: ClosedRange<Float> = -2...2) -> [Float] {
        (0..<count).map { _ in Float.random(in: range, using: &self) }
    }

    mutating func matrix(rows: Int, columns: Int) -> Matrix {
        var m = Matrix(rows: rows, columns: columns)
        m.values = floats(rows * columns)
        return m
    }
}

/// Whether `actual` is within a rounding budget of the double-precision `expected`, scaled by the
/// magnitude of the terms that were summed (so large sums get a proportionally larger tolerance).
func isClose(_ actual: Float, _ expected: Double, magnitude: Double, terms: Int) -> Bool {
    let tolerance = Double(terms + 2) * 1e-6 * magnitude + 1e-30
    return abs(Double(actual) - expected) <= tolerance
}
