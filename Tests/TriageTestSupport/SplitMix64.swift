@_spi(Components) import Learners

/// SplitMix64, the library's own seeded generator, so every random shape, value and fuzz input in
/// the tests is reproducible from its seed.
package typealias SplitMix64 = SeededGenerator

extension SeededGenerator {
    /// `count` uniform values in `range`.
    package mutating func floats(_ count: Int, in range: ClosedRange<Float> = -2...2) -> [Float] {
        (0..<count).map { _ in Float.random(in: range, using: &self) }
    }
}
