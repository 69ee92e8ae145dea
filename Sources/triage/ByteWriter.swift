import SystemSupport

/// Writes output bytes through a pointer into scratch space that is then appended to a byte array
/// at once: the hot output path's writer. A line's fixed keys, numbers and explanation words cost
/// a few stores each, instead of an array append (capacity and uniqueness checks, a copy call) per
/// piece.
///
/// ```swift
/// var line: [UInt8] = []
/// ByteWriter.append(to: &line, capacity: 64) { writer in
///     writer.write(#","priority":"#)
///     writer.writeNumber(35.514)   // 35.51
/// }
/// ```
struct ByteWriter {
    private var position: UnsafeMutablePointer<UInt8>
    private let end: UnsafeMutablePointer<UInt8>

    /// The widest number ``writeNumber(_:digits:)`` or ``writeInteger(_:)`` writes (sign, 19 digits,
    /// point, or `String(Float)`'s longest form).
    static let maximumNumberBytes = 24

    private init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        position = buffer.baseAddress!
        end = position + buffer.count
    }

    /// Runs `body` with a writer over `capacity` bytes of scratch space (on the stack unless large),
    /// then appends what it wrote to `out`. Writing more than `capacity` bytes stops the program.
    static func append(to out: inout [UInt8], capacity: Int, _ body: (inout ByteWriter) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(capacity, 1)) { scratch in
            var writer = ByteWriter(scratch)
            body(&writer)
            let start = scratch.baseAddress!
            out.append(contentsOf: UnsafeBufferPointer(start: start, count: writer.position - start))
        }
    }

    private mutating func reserve(_ count: Int) -> UnsafeMutablePointer<UInt8> {
        precondition(end - position >= count, "ByteWriter: capacity exceeded")
        defer { position += count }
        return position
    }

    mutating func write(_ byte: UInt8) { reserve(1).initialize(to: byte) }

    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        copy(source, bytes.count)
    }

    /// Writes a literal's UTF-8 bytes.
    mutating func write(_ text: StaticString) { copy(text.utf8Start, text.utf8CodeUnitCount) }

    /// Copies `count` bytes (``copyShortBytes(from:to:count:)``: short pieces without a call).
    @inline(__always)
    private mutating func copy(_ source: UnsafePointer<UInt8>, _ count: Int) {
        copyShortBytes(from: source, to: reserve(count), count: count)
    }

    /// Lets `body` write up to `maximum` bytes at the position and moves past the number it
    /// returns (for writers in other modules, such as a name table's word lists).
    mutating func write(upTo maximum: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        let start = reserve(maximum)
        let written = body(start)
        precondition(written >= 0 && written <= maximum, "ByteWriter: wrote \(written) of \(maximum) bytes")
        position = start + written
    }

    /// Writes `value` rounded to `digits` decimals (finite input assumed; non-finite becomes 0),
    /// as the integer when the rounded value is whole and otherwise as `String(Float)` prints it
    /// (the shortest decimal that reads back as the same `Float`).
    mutating func writeNumber(_ value: Float, digits: Int = 2) {
        guard value.isFinite else {
            write(UInt8(ascii: "0"))
            return
        }
        let scale = Self.scale(digits)
        let scaled = Self.roundedHalfAway(value * scale)
        // With at most 4 decimals and |scaled| < 10^7 (|value| < 100,000 for 2 decimals), the Float
        // nearest to scaled / 10^digits is whole exactly when `scaled` is a multiple of 10^digits
        // (half an ulp of the quotient is below 10^-digits), and otherwise that decimal, with its
        // trailing zeros dropped, is exactly what String(Float) prints (TriageCLITests/JSONNumberTests
        // checks every |scaled| ≤ 10^5 and a seeded sample of the rest). So integers do the work.
        guard digits <= 4, scaled.magnitude < 10_000_000 else {
            let rounded = scaled / scale
            if rounded == Self.roundedHalfAway(rounded) {
                writeInteger(Int(rounded))
            } else {
                var text = String(rounded)
                text.withUTF8 { write($0) }
            }
            return
        }
        let units = Int(scaled.magnitude)
        // Constant divisors for the usual 2 and 4 decimals (a multiply instead of a division).
        let (whole, fraction) =
            switch digits {
            case 2: units.quotientAndRemainder(dividingBy: 100)
            case 4: units.quotientAndRemainder(dividingBy: 10_000)
            default: units.quotientAndRemainder(dividingBy: Int(scale))
            }
        if scaled < 0 && units != 0 { write(UInt8(ascii: "-")) }
        writeDigits(UInt(whole))
        guard fraction != 0 else { return }
        write(UInt8(ascii: "."))
        if digits == 2 {
            // One or two places: "5" for 50 hundredths, "05" for 5.
            let (tens, ones) = fraction.quotientAndRemainder(dividingBy: 10)
            let target = reserve(ones == 0 ? 1 : 2)
            target[0] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: tens)
            if ones != 0 { target[1] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: ones) }
            return
        }
        var rest = fraction
        var places = digits
        while rest % 10 == 0 {
            rest /= 10
            places -= 1
        }
        let start = reserve(places)
        for place in stride(from: places - 1, through: 0, by: -1) {
            start[place] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
    }

    /// 10^digits, as a Float (exact for the digits used).
    @inline(__always)
    private static func scale(_ digits: Int) -> Float {
        switch digits {
        case 2: return 100
        case 4: return 10_000
        default:
            var scale: Float = 1
            for _ in 0..<digits { scale *= 10 }
            return scale
        }
    }

    /// Writes the decimal digits of `value` (with a leading `-` when negative).
    mutating func writeInteger(_ value: Int) {
        if value < 0 { write(UInt8(ascii: "-")) }
        writeDigits(value.magnitude)
    }

    private mutating func writeDigits(_ value: UInt) {
        // Most numbers written are scores and points below 100.
        if value < 10 {
            write(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value))
            return
        }
        if value < 100 {
            let (tens, ones) = value.quotientAndRemainder(dividingBy: 10)
            let target = reserve(2)
            target[0] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: tens)
            target[1] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: ones)
            return
        }
        var count = 1
        var rest = value / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        let start = reserve(count)
        var magnitude = value
        for place in stride(from: count - 1, through: 0, by: -1) {
            start[place] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
        }
    }

    /// `x.rounded()` (to nearest, halves away from zero, sign kept) without the C library call: the
    /// integer part by truncation, which is exact, then one step up when the exact fraction is ≥ ½.
    @inline(__always)
    static func roundedHalfAway(_ x: Float) -> Float {
        let magnitude = x.magnitude
        guard magnitude < 8_388_608 else { return x.rounded() }  // ≥ 2²³: whole already (or not finite)
        let whole = Float(Int32(magnitude))
        return Float(signOf: x, magnitudeOf: magnitude - whole >= 0.5 ? whole + 1 : whole)
    }
}
