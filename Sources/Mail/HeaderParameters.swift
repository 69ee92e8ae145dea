/// A structured header value with parameters, as in Content-Type and Content-Disposition:
/// `value; name=token; name="quoted string"`, with RFC 2231 extended parameters
/// (`name*=charset'lang'%XX…`, continuations `name*0=`, `name*1*=`) and RFC 2047 encoded words
/// inside quoted values (which many clients send although the RFC forbids it).
public struct HeaderParameters: Sendable, Equatable {
    /// The part before the first `;`, lower-cased and trimmed (`text/plain`, `attachment`).
    public let value: String
    /// Parameters by lower-cased name, decoded.
    public let parameters: [String: String]

    public init(_ header: String) {
        let segments = HeaderParameters.split(header)
        value = HeaderParameters.stripComments(segments.first ?? "").trimmingWhitespace().lowercased()
        var plain: [String: String] = [:]
        // RFC 2231 pieces: name -> [(section, encoded?, text)]
        var pieces: [String: [(section: Int, encoded: Bool, text: String)]] = [:]
        for segment in segments.dropFirst() {
            guard let equals = segment.firstIndex(of: "=") else { continue }
            var name = segment[..<equals].trimmingWhitespace().lowercased()
            var text = segment[segment.index(after: equals)...].trimmingWhitespace()
            let quoted = text.hasPrefix("\"")
            if quoted { text = HeaderParameters.unquote(text) }
            guard !name.isEmpty else { continue }
            guard name.contains("*") else {
                if plain[name] == nil { plain[name] = quoted ? HeaderText.decode(Array(text.utf8)[...]) : String(text) }
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
            pieces[name, default: []].append((section, encoded, String(text)))
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
                   let high = QuotedPrintable.hexValue(utf8[i + 1]), let low = QuotedPrintable.hexValue(utf8[i + 2]) {
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

    /// Splits at `;` outside quoted strings.
    private static func split(_ header: String) -> [Substring] {
        var segments: [Substring] = []
        var start = header.startIndex
        var inQuotes = false
        var escaped = false
        var index = header.startIndex
        while index < header.endIndex {
            let character = header[index]
            if escaped { escaped = false }
            else if character == "\\" && inQuotes { escaped = true }
            else if character == "\"" { inQuotes.toggle() }
            else if character == ";" && !inQuotes {
                segments.append(header[start..<index])
                start = header.index(after: index)
            }
            index = header.index(after: index)
        }
        segments.append(header[start...])
        return segments
    }

    /// The content of a quoted string (`"a \"b\""` → `a "b"`); an unterminated one runs to the end.
    private static func unquote(_ text: Substring) -> Substring {
        var result = ""
        var escaped = false
        for character in text.dropFirst() {
            if escaped { result.append(character); escaped = false }
            else if character == "\\" { escaped = true }
            else if character == "\"" { break }
            else { result.append(character) }
        }
        return Substring(result)
    }

    /// Removes RFC 5322 comments `( … )` (nested) from a token.
    private static func stripComments(_ text: Substring) -> Substring {
        guard text.contains("(") else { return text }
        var result = ""
        var depth = 0
        for character in text {
            if character == "(" { depth += 1 }
            else if character == ")" && depth > 0 { depth -= 1 }
            else if depth == 0 { result.append(character) }
        }
        return Substring(result)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> Substring {
        let scalars = Substring(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return Substring("") }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return Substring(scalars[first...last])
    }
}
