/// A structured header value with parameters, as in Content-Type and Content-Disposition:
/// `value; name=token; name="quoted string"`, with RFC 2231 extended parameters
/// (`name*=charset'lang'%XX…`, continuations `name*0=`, `name*1*=`) and RFC 2047 encoded words
/// inside quoted values (which many clients send although the RFC forbids it).
package struct HeaderParameters: Sendable, Equatable {
    /// The part before the first `;`, lower-cased and trimmed (`text/plain`, `attachment`).
    package let value: String
    /// Parameters by lower-cased name, decoded.
    package let parameters: [String: String]

    package init(_ header: String) {
        // Parsed as bytes: the syntax is ASCII, and Character-by-Character parsing of every
        // Content-Type was a tenth of the time to read a message.
        let bytes = Array(header.utf8)
        let segments = HeaderParameters.split(bytes)
        value = HeaderParameters.lowercasedString(
            HeaderParameters.trimmed(HeaderParameters.stripComments(bytes[segments[0]])))
        var plain: [String: String] = [:]
        // RFC 2231 pieces: name -> [(section, encoded?, text)]
        var pieces: [String: [(section: Int, encoded: Bool, text: String)]] = [:]
        for range in segments.dropFirst() {
            let segment = bytes[range]
            guard let equals = segment.firstIndex(of: UInt8(ascii: "=")) else { continue }
            var name = HeaderParameters.lowercasedString(HeaderParameters.trimmed(segment[..<equals]))
            var text = HeaderParameters.trimmed(segment[(equals + 1)...])
            let quoted = text.first == UInt8(ascii: "\"")
            if quoted { text = HeaderParameters.unquote(text) }
            guard !name.isEmpty else { continue }
            guard name.utf8.contains(UInt8(ascii: "*")) else {
                if plain[name] == nil { plain[name] = quoted ? HeaderText.decode(text) : HeaderText.decodeRaw(text) }
                continue
            }
            var encoded = false
            if name.hasSuffix("*") { encoded = true; name.removeLast() }
            var section = 0
            if let star = name.firstIndex(of: "*") {
                guard let number = Int(name[name.index(after: star)...]), number >= 0, number < 1000 else { continue }
                section = number
                name = String(name[..<star])
            }
            pieces[name, default: []].append((section, encoded, HeaderText.decodeRaw(text)))
        }
        for (name, parts) in pieces {
            plain[name] = HeaderParameters.join(parts.sorted { $0.section < $1.section })
        }
        parameters = plain
    }

    /// RFC 2231: the first section may start with `charset'language'`; encoded sections are %-escaped bytes.
    private static func join(_ parts: [(section: Int, encoded: Bool, text: String)]) -> String {
        var bytes: [UInt8] = []
        var charset = Charset.utf8
        for (index, part) in parts.enumerated() {
            var text = Substring(part.text)
            if part.encoded && index == 0 {
                let fields = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                if fields.count == 3 {
                    charset = Charset.named(String(fields[0]))
                    text = fields[2]
                }
            }
            guard part.encoded else { bytes.append(contentsOf: text.utf8); continue }
            let utf8 = Array(text.utf8)
            var i = 0
            while i < utf8.count {
                if utf8[i] == UInt8(ascii: "%"), i + 2 < utf8.count,
                    let high = QuotedPrintable.hexValue(utf8[i + 1]), let low = QuotedPrintable.hexValue(utf8[i + 2])
                {
                    bytes.append(high << 4 | low)
                    i += 3
                } else {
                    bytes.append(utf8[i])
                    i += 1
                }
            }
        }
        return charset.decode(bytes)
    }

    /// The ranges between `;`s outside quoted strings (at least one).
    private static func split(_ bytes: [UInt8]) -> [Range<Int>] {
        var segments: [Range<Int>] = []
        var start = 0
        var inQuotes = false
        var escaped = false
        for (index, byte) in bytes.enumerated() {
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") && inQuotes {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if byte == UInt8(ascii: ";") && !inQuotes {
                segments.append(start..<index)
                start = index + 1
            }
        }
        segments.append(start..<bytes.count)
        return segments
    }

    /// The content of a quoted string (`"a \"b\""` → `a "b"`); an unterminated one runs to the end.
    private static func unquote(_ text: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var result: [UInt8] = []
        var escaped = false
        for byte in text.dropFirst() {
            if escaped {
                result.append(byte); escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                break
            } else {
                result.append(byte)
            }
        }
        return result[...]
    }

    /// Removes RFC 5322 comments `( … )` (nested) from a token.
    private static func stripComments(_ text: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard text.contains(UInt8(ascii: "(")) else { return text }
        var result: [UInt8] = []
        var depth = 0
        for byte in text {
            if byte == UInt8(ascii: "(") {
                depth += 1
            } else if byte == UInt8(ascii: ")") && depth > 0 {
                depth -= 1
            } else if depth == 0 {
                result.append(byte)
            }
        }
        return result[...]
    }

    /// Without leading and trailing spaces, tabs and line breaks.
    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var start = bytes.startIndex
        var end = bytes.endIndex
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return bytes[start..<end]
    }

    private static func lowercasedString(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.map(ByteSearch.lower), as: UTF8.self)
    }
}
