import DisputeTriage
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

    /// Appends `value` as ``ByteWriter/writeNumber(_:digits:)`` writes it.
    static func appendNumber(_ value: Float, digits: Int = 2, to out: inout [UInt8]) {
        ByteWriter.append(to: &out, capacity: ByteWriter.maximumNumberBytes) { $0.writeNumber(value, digits: digits) }
    }

    /// Appends the decimal digits of `value` (with a leading `-` when negative).
    static func appendInteger(_ value: Int, to out: inout [UInt8]) {
        ByteWriter.append(to: &out, capacity: ByteWriter.maximumNumberBytes) { $0.writeInteger(value) }
    }
}
