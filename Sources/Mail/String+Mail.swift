/// Small text helpers the Mail module uses on header values and lines.
extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> Substring {
        // Most lines start and end with an ASCII letter: decided on two bytes, no Unicode lookup.
        let bytes = Substring(self).utf8
        if let first = bytes.first, let last = bytes.last, Self.isPlainASCII(first), Self.isPlainASCII(last) {
            return Substring(self)
        }
        let scalars = Substring(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return Substring("") }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return Substring(scalars[first...last])
    }

    /// ASCII and not white space (nor a control character, which may count as one).
    @inline(__always)
    static func isPlainASCII(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }
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
        fastCleaningKey() ?? unicodeCleaningKey
    }

    /// ``cleaningKey`` for any text, through Unicode lower-casing and trimming.
    var unicodeCleaningKey: String {
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
        while let first = trimmed.first, first == "*" || first == "_" && !trimmed.hasPrefix("___") {
            trimmed = trimmed.dropFirst()
        }
        return String(trimmed)
    }

    /// ``cleaningKey`` on the bytes in one pass, for lines of ASCII and Latin-1 letters and common
    /// punctuation (nearly all lines of English and French mail): Unicode lower-casing cost more
    /// than all the pattern tests. Nil for other text, which takes the Unicode path.
    func fastCleaningKey() -> String? {
        var bytes = Substring(self).utf8[...]
        while let first = bytes.first, first == 0x20 || first == 0x09 || (first >= 0x0A && first <= 0x0D) {
            bytes = bytes.dropFirst()
        }
        while let last = bytes.last, last == 0x20 || last == 0x09 || (last >= 0x0A && last <= 0x0D) {
            bytes = bytes.dropLast()
        }
        // Emphasis markers as ``cleaningKey`` drops them: `*` always, `_` unless a `___` rule starts.
        while let first = bytes.first,
            first == UInt8(ascii: "*") || first == UInt8(ascii: "_") && !bytes.starts(with: "___".utf8)
        {
            bytes = bytes.dropFirst()
        }
        // Written straight into the String's storage: the key is never longer than the line.
        var declined = false
        let key = String(
            unsafeUninitializedCapacity: bytes.count,
            initializingUTF8With: { out in
                var count = 0
                func append(_ byte: UInt8) { out[count] = byte; count += 1 }
                var index = bytes.startIndex
                while index < bytes.endIndex {
                    let byte = bytes[index]
                    if byte < 0x80 {
                        guard byte >= 0x20 || byte == 0x09 else { declined = true; return 0 }
                        append(ByteSearch.lower(byte))
                        index = bytes.index(after: index)
                        continue
                    }
                    let next = bytes.index(after: index)
                    guard next < bytes.endIndex else { declined = true; return 0 }
                    let second = bytes[next]
                    switch byte {
                    case 0xC3:  // U+00C0–U+00FF: À–Þ (not ×) lower-case to à–þ
                        append(byte)
                        append(second >= 0x80 && second <= 0x9E && second != 0x97 ? second + 0x20 : second)
                        index = bytes.index(after: next)
                    case 0xC2:  // U+0080–U+00BF: no case; NO-BREAK SPACE becomes a space, NEL is white space
                        guard second != 0x85 else { declined = true; return 0 }
                        if second == 0xA0 { append(0x20) } else { append(byte); append(second) }
                        index = bytes.index(after: next)
                    case 0xE2 where second == 0x80 || second == 0x82:  // general punctuation, currency signs: no case
                        let third = bytes.index(after: next)
                        guard third < bytes.endIndex else { declined = true; return 0 }
                        let last = bytes[third]
                        // White space in U+2000–U+200A, U+2028, U+2029, U+202F: left to the Unicode path.
                        guard second == 0x82 || !(last <= 0x8A || last == 0xA8 || last == 0xA9 || last == 0xAF) else {
                            declined = true; return 0
                        }
                        if second == 0x80 && last == 0x99 {
                            append(UInt8(ascii: "'"))
                        } else {
                            append(byte); append(second); append(last)
                        }
                        index = bytes.index(after: third)
                    default:
                        declined = true
                        return 0
                    }
                }
                // A no-break space at either end became a space that the Unicode path trims.
                if count > 0 && (out[0] == 0x20 || out[count - 1] == 0x20) { declined = true; return 0 }
                return count
            })
        return declined ? nil : key
    }
}

extension String {
    /// Lower-cased; on the bytes when the text is ASCII (header tokens nearly always are).
    func asciiLowercased() -> String {
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return lowercased() }
        return String(decoding: utf8.map(ByteSearch.lower), as: UTF8.self)
    }

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
