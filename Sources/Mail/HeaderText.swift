/// Turning raw header bytes into text: unfolding (RFC 5322 §2.2.3), raw 8-bit bytes and
/// RFC 2047 encoded words (`=?charset?Q|B?text?=`).
enum HeaderText {
    /// The value with its line breaks removed and outer white space trimmed. Raw 8-bit bytes are
    /// read as UTF-8 when they are valid UTF-8, else as Windows-1252 (old clients sent Latin-1).
    static func unfold(_ raw: ArraySlice<UInt8>) -> String {
        // Most fields fit on one line: no copy then.
        if !raw.contains(where: { $0 == 0x0D || $0 == 0x0A }) { return decodeRaw(trimmed(raw)) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.count)
        for byte in raw where byte != 0x0D && byte != 0x0A { bytes.append(byte) }
        return decodeRaw(trimmed(bytes[...]))
    }

    /// Unfolds and decodes the encoded words of an unstructured value (Subject, From's display name).
    static func decode(_ raw: ArraySlice<UInt8>) -> String {
        var value = raw
        if raw.contains(where: { $0 == 0x0D || $0 == 0x0A }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(raw.count)
            for byte in raw where byte != 0x0D && byte != 0x0A { bytes.append(byte) }
            value = bytes[...]
        }
        value = trimmed(value)
        guard containsEncodedWordStart(value) else { return decodeRaw(value) }
        return decodeEncodedWords(value)
    }

    static func decodeRaw(_ bytes: ArraySlice<UInt8>) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return Charset.windows1252.decode(bytes)
    }

    static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return bytes[start..<end]
    }

    private static func containsEncodedWordStart(_ bytes: ArraySlice<UInt8>) -> Bool {
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            if bytes[i] == UInt8(ascii: "="), bytes[i + 1] == UInt8(ascii: "?") { return true }
            i += 1
        }
        return false
    }

    /// Decodes every well-formed encoded word; white space between two encoded words is dropped
    /// (RFC 2047 §6.2), everything else is kept as written.
    private static func decodeEncodedWords(_ bytes: ArraySlice<UInt8>) -> String {
        var result = ""
        var literal = bytes.startIndex  // start of text not yet copied
        var lastWasEncoded = false
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            guard bytes[i] == UInt8(ascii: "="), bytes[i + 1] == UInt8(ascii: "?"),
                let (text, end) = encodedWord(bytes, at: i)
            else { i += 1; continue }
            let between = bytes[literal..<i]
            if !(lastWasEncoded && between.allSatisfy({ $0 == 0x20 || $0 == 0x09 })) {
                result += decodeRaw(between)
            }
            result += text
            lastWasEncoded = true
            literal = end
            i = end
        }
        result += decodeRaw(bytes[literal...])
        return result
    }

    /// The encoded word starting at `start` ("=?"), decoded, and the index after its "?=".
    private static func encodedWord(_ bytes: ArraySlice<UInt8>, at start: Int) -> (String, Int)? {
        // =?charset[*lang]?E?text?=  — no white space inside, at most 75 bytes by the RFC (not enforced).
        var i = start + 2
        let charsetStart = i
        while i < bytes.endIndex, bytes[i] != UInt8(ascii: "?") {
            if bytes[i] <= 0x20 { return nil }
            i += 1
        }
        guard i + 2 < bytes.endIndex, bytes[i + 2] == UInt8(ascii: "?") else { return nil }
        var charsetBytes = bytes[charsetStart..<i]
        if let star = charsetBytes.firstIndex(of: UInt8(ascii: "*")) { charsetBytes = charsetBytes[..<star] }
        let encoding = bytes[i + 1] | 0x20
        guard encoding == UInt8(ascii: "q") || encoding == UInt8(ascii: "b") else { return nil }
        let textStart = i + 3
        var j = textStart
        while j + 1 < bytes.endIndex, !(bytes[j] == UInt8(ascii: "?") && bytes[j + 1] == UInt8(ascii: "=")) {
            if bytes[j] == 0x20 || bytes[j] == 0x09 { return nil }
            j += 1
        }
        guard j + 1 < bytes.endIndex else { return nil }
        var decoded: [UInt8] = []
        let text = bytes[textStart..<j]
        do {
            if encoding == UInt8(ascii: "q") {
                try QuotedPrintable.decode(text, underscoreIsSpace: true, into: &decoded)
            } else {
                try Base64.decode(text, into: &decoded)
            }
        } catch {
            return nil  // unreachable: no limit is set
        }
        let charset = Charset.named(String(decoding: charsetBytes, as: UTF8.self))
        return (charset.decode(decoded), j + 2)
    }
}
