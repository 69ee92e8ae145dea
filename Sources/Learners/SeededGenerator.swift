/// A seeded random generator (SplitMix64) with its own shuffle, so results do not depend on the
/// standard library's algorithms: the same seed shuffles the same way on every platform and version.
///
/// ```swift
/// var generator = SeededGenerator(seed: 42)
/// var order = Array(0..<10)
/// generator.shuffle(&order)
/// ```
@_spi(Components) public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator started from `seed`.
    @_spi(Components) public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    @_spi(Components) public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound` (bound > 0), by multiply-shift; tiny bias is irrelevant for shuffling.
    package mutating func next(below bound: Int) -> Int {
        Int((UInt128(next()) * UInt128(bound)) >> 64)
    }

    /// A uniform `Double` in [0, 1).
    @_spi(Components) public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Fisher–Yates shuffle.
    package mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(i, next(below: i + 1))
        }
    }
}
