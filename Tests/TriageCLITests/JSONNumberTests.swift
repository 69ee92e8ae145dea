@_spi(Components) import Learners
import Testing
@_spi(Components) import TriageTestSupport

@testable import triage

/// `JSONText.appendNumber` (``ByteWriter/writeNumber(_:digits:)``) prints rounded values without going through `String(Float)` for the
/// common case; it must print exactly what `String` prints for the rounded value (minus a trailing
/// `.0`). Checked for every scaled value up to 10⁵ in magnitude and a seeded sample of the rest of
/// the fast path's range (|scaled| < 10⁷), for 1 to 4 decimals.
@Suite struct JSONNumberTests {
    static func reference(_ value: Float, digits: Int) -> String {
        var scale: Float = 1
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(rounded)
    }

    static func written(_ value: Float, digits: Int) -> String {
        var out: [UInt8] = []
        JSONText.appendNumber(value, digits: digits, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test("fast path equals String(Float)", arguments: 1...4)
    func fastPathMatchesString(digits: Int) {
        var scale: Float = 1
        for _ in 0..<digits { scale *= 10 }
        var mismatches: [String] = []
        func check(_ scaled: Int) {
            let value = Float(scaled) / scale
            let written = Self.written(value, digits: digits)
            let expected = Self.reference(value, digits: digits)
            if written != expected, mismatches.count < 5 { mismatches.append("\(scaled): \(written) vs \(expected)") }
        }
        for scaled in -100_000...100_000 { check(scaled) }
        var generator = SplitMix64(seed: UInt64(digits))
        for _ in 0..<100_000 { check(Int.random(in: -9_999_999...9_999_999, using: &generator)) }
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test("rounding without the C library equals Float.rounded(), halves, signs and zeros included")
    func roundingEqualsRounded() {
        func same(_ x: Float) -> Bool {
            let mine = ByteWriter.roundedHalfAway(x), reference = x.rounded()
            return mine.bitPattern == reference.bitPattern || (mine.isNaN && reference.isNaN)
        }
        var mismatches: [Float] = []
        func check(_ x: Float) { if !same(x), mismatches.count < 5 { mismatches.append(x) } }
        for k in -100_000...100_000 {
            let whole = Float(k)
            for x in [whole, whole + 0.5, whole - 0.5, whole + 0.25, (whole + 0.5).nextUp, (whole + 0.5).nextDown] {
                check(x)
                check(x / 100)
            }
        }
        for x: Float in [0, -0, 0.5, -0.5, 0.49999997, -0.49999997, 8_388_607.5, 8_388_608, -8_388_608.5, 1e30, -1e30] {
            check(x)
        }
        for x: Float in [.infinity, -.infinity, .nan, .greatestFiniteMagnitude, .leastNonzeroMagnitude] { check(x) }
        var generator = SplitMix64(seed: 7)
        for _ in 0..<1_000_000 {
            let x = Float(bitPattern: UInt32.random(in: 0...UInt32.max, using: &generator))
            check(x)
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test("non-finite values are written as 0 and large values take the String path")
    func edges() {
        #expect(Self.written(.nan, digits: 2) == "0")
        #expect(Self.written(.infinity, digits: 2) == "0")
        #expect(Self.written(-0.004, digits: 2) == "0")
        #expect(Self.written(123_456.78, digits: 2) == Self.reference(123_456.78, digits: 2))
        #expect(Self.written(-35.5, digits: 2) == "-35.5")
    }
}
