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

    /// Escapes UTF-8 bytes (no quotes added). Bytes ≥ 0x80 belong to multi-byte scalars, which are
    /// copied unchanged, so working on bytes gives the same text as working on Unicode scalars.
    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var start = 0  // first byte not yet copied
        for index in bytes.indices {
            let byte = bytes[index]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            start = index + 1
            switch byte {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])  // \"
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])  // \\
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])  // \n
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])  // \r
            case 0x09: out.append(contentsOf: [0x5C, 0x74])  // \t
            // \u00xx
            default: out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hexDigit(byte >> 4), hexDigit(byte & 0xF)])
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 { value < 10 ? 0x30 + value : 0x61 + value - 10 }
}
