/// Small text helpers the Mail module uses on header values and lines.
extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> Substring {
        let scalars = Substring(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return Substring("") }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return Substring(scalars[first...last])
    }
}

extension StringProtocol {
    /// The text without leading and trailing characters that are in `set`.
    func trimmingCharacters(in set: String) -> Substring {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return text
    }
}

extension StringProtocol {
    /// True when the line holds only white space.
    var isBlank: Bool {
        // Decided by the first byte that is not an ASCII blank, in most lines the first one.
        guard let byte = utf8.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return true }
        return byte >= 0x80 && unicodeScalars.allSatisfy(\.properties.isWhitespace)
    }

    func droppingTrailingBlanks() -> Substring {
        var text = Substring(self)
        while let last = text.unicodeScalars.last, last.properties.isWhitespace { text = text.dropLast() }
        return text
    }

    /// Lower-cased, trimmed, typographic apostrophes and non-breaking spaces made plain, leading
    /// `*`/`_` emphasis (from HTML bold) dropped: the form the cleaning patterns are written for.
    var cleaningKey: String {
        var key = self.lowercased()
        // U+2019 is E2 80 99 and U+00A0 is C2 A0 in UTF-8: look for their last bytes first.
        if key.utf8.contains(where: { $0 == 0x99 || $0 == 0xA0 }) {
            var plain = String.UnicodeScalarView()
            for scalar in key.unicodeScalars {
                plain.append(scalar == "\u{2019}" ? "'" : scalar == "\u{A0}" ? " " : scalar)
            }
            key = String(plain)
        }
        var trimmed = key.trimmingWhitespace()
        while let first = trimmed.first, first == "*" || first == "_" && !trimmed.hasPrefix("___") { trimmed = trimmed.dropFirst() }
        return String(trimmed)
    }
}

extension String {
    /// CR LF and lone CR replaced by LF, on the bytes (CR and LF never occur inside a multi-byte
    /// UTF-8 sequence, so the text stays valid).
    func replacingCRLF() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var previousCR = false
        for byte in utf8 {
            if byte == 0x0D { out.append(0x0A); previousCR = true; continue }
            if byte == 0x0A && previousCR { previousCR = false; continue }
            previousCR = false
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
