/// JSON string literals for the byte-level writers: the safetensors header and the `triage`
/// output formatters (`FeedbackLog` and the model manifest go through Foundation's encoders).
///
/// The text is written as UTF-8 between double quotes; `"` and `\` are backslash-escaped, newline,
/// carriage return and tab become `\n`, `\r`, `\t`, the other control characters (U+0000–U+001F)
/// become `\u00XX` with lower-case hex digits. Everything else, `/`, DEL and non-ASCII included,
/// is copied unchanged, so the output is as short as valid JSON allows and stable byte for byte.
///
/// ```swift
/// JSONString.quoted("say \"hi\"\n")        // "\"say \\\"hi\\\"\\n\""
/// var line: [UInt8] = []
/// JSONString.append("café", to: &line)     // line == Array("\"café\"".utf8)
/// ```
package enum JSONString {
    /// `text` as a quoted, escaped JSON string literal.
    package static func quoted(_ text: String) -> String {
        var bytes: [UInt8] = []
        append(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text` as a quoted, escaped JSON string literal (UTF-8) to `out`.
    package static func append(_ text: String, to out: inout [UInt8]) {
        out.append(0x22)  // "
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { appendEscaped($0, to: &out) }
        if copied == nil {
            var text = text
            text.withUTF8 { appendEscaped($0, to: &out) }
        }
        out.append(0x22)
    }

    /// The bytes `JSONEncoder` (no output formatting but sorted keys) writes for `strings`: a JSON
    /// array without white space whose strings also escape `/` as `\/`, backspace as `\b` and form
    /// feed as `\f`. A model's feature names (tens of thousands) are saved through this, several
    /// times faster than the encoder, in the same file bytes (`JSONStringTests` checks it against
    /// `JSONEncoder`).
    package static func encoderArray(_ strings: [String]) -> [UInt8] {
        var out: [UInt8] = [0x5B]  // [
        out.reserveCapacity(strings.reduce(2) { $0 + $1.utf8.count + 3 })
        for (index, text) in strings.enumerated() {
            if index > 0 { out.append(0x2C) }  // ,
            out.append(0x22)
            var text = text
            text.withUTF8 { appendEscaped($0, to: &out, likeEncoder: true) }
            out.append(0x22)
        }
        out.append(0x5D)  // ]
        return out
    }

    /// Escapes UTF-8 bytes (no quotes added). Bytes ≥ 0x80 belong to multi-byte scalars, which are
    /// copied unchanged, so working on bytes gives the same text as working on Unicode scalars.
    /// `likeEncoder` also escapes `/`, backspace and form feed as ``encoderArray(_:)`` describes.
    private static func appendEscaped(
        _ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], likeEncoder: Bool = false
    ) {
        var start = 0  // first byte not yet copied
        for index in bytes.indices {
            let byte = bytes[index]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C || (likeEncoder && byte == 0x2F) else { continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            start = index + 1
            switch byte {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])  // \"
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])  // \\
            case 0x2F: out.append(contentsOf: [0x5C, 0x2F])  // \/
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])  // \n
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])  // \r
            case 0x09: out.append(contentsOf: [0x5C, 0x74])  // \t
            case 0x08 where likeEncoder: out.append(contentsOf: [0x5C, 0x62])  // \b
            case 0x0C where likeEncoder: out.append(contentsOf: [0x5C, 0x66])  // \f
            // \u00xx
            default: out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hexDigit(byte >> 4), hexDigit(byte & 0xF)])
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
    }

    /// The strings of a JSON array of strings (`["a", "b\n"]`), or nil when `bytes` is anything
    /// else or uses what this reader leaves to `JSONDecoder`: `\u` escapes and invalid UTF-8. Reads
    /// a model's feature names (tens of thousands) several times faster than `JSONDecoder`, which
    /// callers fall back to on nil, so the result never differs from it.
    package static func decodeArray(_ bytes: [UInt8]) -> [String]? {
        // Invalid UTF-8 gives nil: inside a string, `String(validating:)` refuses it; outside, only
        // ASCII punctuation and white space are read. So the bytes are checked once, string by string.
        return bytes.withUnsafeBufferPointer { bytes in
            var reader = ArrayReader(bytes: bytes)
            return reader.strings()
        }
    }

    /// The reader behind ``decodeArray(_:)``.
    private struct ArrayReader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        var unescaped: [UInt8] = []

        mutating func skipSpace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x0A, 0x0D, 0x09: position += 1
                default: return
                }
            }
        }

        /// Consumes `byte` (after any white space); false when it is not next.
        mutating func expect(_ byte: UInt8) -> Bool {
            skipSpace()
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        mutating func strings() -> [String]? {
            guard expect(0x5B) else { return nil }  // [
            var strings: [String] = []
            if expect(0x5D) { return end() ? strings : nil }  // ]
            repeat {
                guard expect(0x22), let string = string() else { return nil }
                strings.append(string)
            } while expect(0x2C)  // ,
            return expect(0x5D) && end() ? strings : nil
        }

        mutating func end() -> Bool {
            skipSpace()
            return position == bytes.count
        }

        /// The rest of a string literal whose opening quote was read.
        mutating func string() -> String? {
            let start = position
            var union: UInt8 = 0  // every byte OR-ed: below 0x80 for an ASCII string
            while position < bytes.count {
                let byte = bytes[position]
                if byte == 0x22 {  // no escape: the bytes themselves
                    defer { position += 1 }
                    return Self.string(UnsafeBufferPointer(rebasing: bytes[start..<position]), isASCII: union < 0x80)
                }
                if byte == 0x5C { return escapedString(from: start) }
                guard byte >= 0x20 else { return nil }
                union |= byte
                position += 1
            }
            return nil
        }

        /// The string of UTF-8 `bytes`, or nil when they are not valid UTF-8. ASCII is valid as it
        /// is; anything else is validated (the generic validation is several times slower, and
        /// feature names are nearly all ASCII).
        static func string(_ bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool) -> String? {
            isASCII ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
        }

        /// A string literal with escapes, from its first byte.
        mutating func escapedString(from start: Int) -> String? {
            unescaped.removeAll(keepingCapacity: true)
            unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                switch byte {
                case 0x22:
                    return unescaped.withUnsafeBufferPointer { Self.string($0, isASCII: $0.allSatisfy { $0 < 0x80 }) }
                case 0x5C:
                    guard position < bytes.count else { return nil }
                    let escape = bytes[position]
                    position += 1
                    switch escape {
                    case 0x22, 0x5C, 0x2F: unescaped.append(escape)  // \" \\ \/
                    case 0x6E: unescaped.append(0x0A)  // \n
                    case 0x72: unescaped.append(0x0D)  // \r
                    case 0x74: unescaped.append(0x09)  // \t
                    case 0x62: unescaped.append(0x08)  // \b
                    case 0x66: unescaped.append(0x0C)  // \f
                    default: return nil  // \u and anything else: left to JSONDecoder
                    }
                case ..<0x20: return nil
                default: unescaped.append(byte)
                }
            }
            return nil
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 { value < 10 ? 0x30 + value : 0x61 + value - 10 }
}
