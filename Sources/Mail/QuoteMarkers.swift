/// Recognises where earlier messages start in a body, in English and French: reply attribution
/// lines ("On … wrote:", "Le … a écrit :", also wrapped over two lines as Gmail does), separator
/// lines ("-----Original Message-----", "----- Message d'origine -----", forwarding markers) and
/// Outlook header blocks (From/Sent/To/Subject, De/Envoyé/À/Objet, with Date/Cc).
enum QuoteMarkers {
    enum Marker: Equatable {
        /// An attribution over `lines` lines (1 or 2).
        case attribution(lines: Int)
        /// A reply separator line, or an Outlook header block of `lines` lines.
        case replyHeader(lines: Int)
        /// A forwarding separator line (with the forwarded header block below it, `lines` in all).
        case forwardHeader(lines: Int)
    }

    private static let replySeparators: [StaticString] = [
        "original message", "message d'origine", "message original", "ursprüngliche nachricht",
    ]
    private static let forwardSeparators: [StaticString] = [
        "forwarded message", "message transféré", "message transfere", "begin forwarded message",
        "début du message réexpédié",
        "debut du message reexpedie", "forwarded by", "mail transféré", "courriel transféré",
    ]
    /// Field names of an Outlook/Apple header block, lower-cased, without the colon.
    private static let fromFields: Set<String> = ["from", "de", "von", "expéditeur", "sender", "expÉditeur"]
    private static let otherFields: Set<String> = [
        "sent", "date", "to", "cc", "subject", "envoyé", "envoye", "à", "a", "objet", "sujet", "destinataire",
        "reply-to", "répondre à", "importance",
        // Upper-case accented letters stay as they are (the name is lower-cased for ASCII only).
        "À", "envoyÉ", "rÉpondre À",
    ]

    /// The marker starting at line `index`, if any.
    static func marker(at index: Int, in body: BodyLines) -> Marker? {
        let line = body.lines[index]
        guard line.utf8.count < 400, let first = ByteSearch.firstSignificant(line) else { return nil }
        // Cheap tests on the bytes first; the line is lower-cased only when it may be a marker:
        // a rule line, a From/De field, a line ending with a colon, or a wrapped attribution.
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "_") || first == UInt8(ascii: "=") {
            if let marker = separatorMarker(at: index, key: line.cleaningKey, in: body) { return marker }
        }
        if let block = headerBlockLength(at: index, in: body) { return .replyHeader(lines: block) }
        if ByteSearch.lastNonBlank(line) == UInt8(ascii: ":") {
            let key = line.cleaningKey
            if key.hasPrefix("begin forwarded message") || key.hasPrefix("début du message réexpédié") {
                return .forwardHeader(lines: withHeaderBlock(from: index, in: body))
            }
            if isAttribution(key) { return .attribution(lines: 1) }
        }
        // Gmail wraps a long attribution: "On Tue, 3 Mar 2026 at 09:15, Jane Doe <" / "jane@x.example> wrote:".
        if index + 1 < body.count, ByteSearch.lastNonBlank(body.lines[index + 1]) == UInt8(ascii: ":"),
            ByteSearch.hasPrefix(line, "on ") || ByteSearch.hasPrefix(line, "le ")
        {
            let next = body.lines[index + 1]
            if next.utf8.count < 200, isAttribution(line.cleaningKey + " " + next.cleaningKey) {
                return .attribution(lines: 2)
            }
        }
        return nil
    }

    /// "-----Original Message-----", "---------- Forwarded message ---------", or an Outlook rule
    /// line ("_____") above a header block.
    private static func separatorMarker(at index: Int, key: String, in body: BodyLines) -> Marker? {
        if key.hasPrefix("_____") && key.allSatisfy({ $0 == "_" }) {
            var next = index + 1
            while next < body.count, body.lines[next].isBlank { next += 1 }
            if let block = headerBlockLength(at: next, in: body) { return .replyHeader(lines: next + block - index) }
            return nil
        }
        if forwardSeparators.contains(where: { ByteSearch.contains(key, $0) }) {
            return .forwardHeader(lines: withHeaderBlock(from: index, in: body))
        }
        if replySeparators.contains(where: { ByteSearch.contains(key, $0) }) {
            return .replyHeader(lines: withHeaderBlock(from: index, in: body))
        }
        return nil
    }

    /// The marker line at `index` plus the header block below it (blank lines between), if any.
    private static func withHeaderBlock(from index: Int, in body: BodyLines) -> Int {
        var next = index + 1
        while next < body.count, body.lines[next].isBlank { next += 1 }
        guard let block = headerBlockLength(at: next, in: body) else { return 1 }
        return next + block - index
    }

    /// "On … wrote:", "Le … a écrit :", "… wrote:", "… a écrit :" (short lines only).
    static func isAttribution(_ key: String) -> Bool {
        guard key.utf8.count < 300 else { return false }
        if !ByteSearch.mayHaveCombiningMarks(key) {
            // On the bytes: Character-wise trimming and suffix tests cost more than the rest of the line's tests.
            var bytes = Substring(key).utf8[...]
            while bytes.last == 0x20 { bytes = bytes.dropLast() }
            guard bytes.last == UInt8(ascii: ":") else { return false }
            bytes = bytes.dropLast()
            while true {
                if bytes.last == 0x20 {
                    bytes = bytes.dropLast()
                } else if bytes.reversed().starts(with: [0xA0, 0xC2]) {
                    bytes = bytes.dropLast(2)
                } else {
                    break
                }
            }
            return attributionEndings.contains { bytes.reversed().starts(with: $0.utf8.reversed()) }
        }
        var text = Substring(key)
        while let last = text.last, last == " " { text = text.dropLast() }
        guard text.hasSuffix(":") else { return false }
        text = text.dropLast()
        while let last = text.last, last == " " || last == "\u{A0}" { text = text.dropLast() }
        return text.hasSuffix(" wrote") || text.hasSuffix(" a écrit") || text.hasSuffix(" a ecrit")
            || text.hasSuffix(" writes")
            || text.hasSuffix(" schrieb")
    }

    /// How attribution lines end, before the colon (``isAttribution(_:)``).
    private static let attributionEndings = [" wrote", " a écrit", " a ecrit", " writes", " schrieb"]

    /// The number of lines of an Outlook-style header block starting at `index`: a From/De field,
    /// then at least two more known fields (blank lines and wrapped values allowed between them).
    static func headerBlockLength(at index: Int, in body: BodyLines) -> Int? {
        guard index < body.count, let name = fieldName(body.lines[index]), fromFields.contains(name) else { return nil }
        var fields = 1
        var end = index + 1
        var lastField = index + 1
        var scanned = 0
        while end < body.count, scanned < 12 {
            let line = body.lines[end]
            if line.isBlank {
                if fields >= 3 { break }
            } else if let name = fieldName(line), otherFields.contains(name) {
                fields += 1
                lastField = end + 1
            } else if fields >= 3 {
                break
            }
            end += 1
            scanned += 1
        }
        return fields >= 3 ? lastField - index : nil
    }

    /// The field name of a header-like line ("Sent: …", "Envoyé : …", "*From:* …"), ASCII lower-cased
    /// (short names are small strings: no allocation, unlike a full lower-casing of the line).
    private static func fieldName(_ line: Substring) -> String? {
        ByteSearch.withBytes(line) { bytes -> String? in
            guard let colon = bytes.prefix(28).firstIndex(of: UInt8(ascii: ":")) else { return nil }
            var start = 0
            while start < colon, bytes[start] == 0x20 || bytes[start] == 0x09 || bytes[start] == UInt8(ascii: "*") {
                start += 1
            }
            var end = colon
            while end > start, [0x20, 0x09, UInt8(ascii: "*"), 0xC2, 0xA0].contains(bytes[end - 1]) { end -= 1 }
            guard end > start, end - start <= 24 else { return nil }
            return String(decoding: bytes[start..<end].map(ByteSearch.lower), as: UTF8.self)
        }
    }
}
