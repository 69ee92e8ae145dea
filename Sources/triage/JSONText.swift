import ModelFormat

/// Minimal JSON text building for the hot output path: values are appended as UTF-8 to a byte
/// buffer that is reused line after line (JSONEncoder, or a String per value, per record is too
/// slow for scoring hundreds of thousands of disputes). Strings are escaped by
/// ``ModelFormat/JSONString``; TriageCLITests checks the result against `JSONEncoder`.
enum JSONText {
    static func appendArray(_ items: [String], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONString.append(item, to: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// Appends `value` rounded to `digits` decimals (finite input assumed; non-finite becomes 0),
    /// as the integer when the rounded value is whole and otherwise as `String(Float)` prints it
    /// (the shortest decimal that reads back as the same `Float`).
    static func appendNumber(_ value: Float, digits: Int = 2, to out: inout [UInt8]) {
        guard value.isFinite else {
            out.append(UInt8(ascii: "0"))
            return
        }
        var scale: Float = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = (value * scale).rounded()
        let rounded = scaled / scale
        if rounded == rounded.rounded() {
            appendInteger(Int(rounded), to: &out)
            return
        }
        // `rounded` is the Float nearest to the decimal scaled / 10^digits. With at most 4 decimals
        // and |scaled| < 10^7 (|value| < 100,000 for 2 decimals) that decimal, with its trailing
        // zeros dropped, is exactly what String(rounded) prints (TriageCLITests/JSONNumberTests
        // checks every |scaled| ≤ 10^5 and a seeded sample of the rest). Other values take the
        // String path.
        guard digits <= 4, scaled.magnitude < 10_000_000 else {
            out.append(contentsOf: String(rounded).utf8)
            return
        }
        if scaled < 0 { out.append(UInt8(ascii: "-")) }
        var divisor = 1
        for _ in 0..<digits { divisor *= 10 }
        let units = Int(scaled.magnitude)
        appendInteger(units / divisor, to: &out)
        out.append(UInt8(ascii: "."))
        var fraction = units % divisor  // not 0: the value is not whole
        var places = digits
        while fraction % 10 == 0 {
            fraction /= 10
            places -= 1
        }
        let end = out.count + places
        out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: places))
        var position = end
        while fraction > 0 {
            position -= 1
            out[position] = UInt8(ascii: "0") + UInt8(fraction % 10)
            fraction /= 10
        }
    }

    /// Appends the decimal digits of `value` (with a leading `-` when negative).
    static func appendInteger(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = out.count
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        out[start...].reverse()
    }
}
