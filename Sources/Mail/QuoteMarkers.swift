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

    private static let replySeparators: [StaticString] = ["original message", "message d'origine", "message original", "ursprüngliche nachricht"]
    private static let forwardSeparators: [StaticString] = [
        "forwarded message", "message transféré", "message transfere", "begin forwarded message", "début du message réexpédié",
        "debut du message reexpedie", "forwarded by", "mail transféré", "courriel transféré",
    ]
    /// Field names of an Outlook/Apple header block, lower-cased, without the colon.
    private static let fromFields: Set<String> = ["from", "de", "von", "expéditeur", "sender"]
    private static let otherFields: Set<String> = [
        "sent", "date", "to", "cc", "subject", "envoyé", "envoye", "à", "a", "objet", "sujet", "destinataire",
        "reply-to", "répondre à", "importance",
    ]

    /// The marker starting at line `index`, if any.
    static func marker(at index: Int, in body: BodyLines) -> Marker? {
        let line = body.lines[index]
        guard line.utf8.count < 400, let first = ByteSearch.firstSignificant(line) else { return nil }
        // Every marker starts with a rule character, ends with a colon or has a field name (a
        // colon near the start), or starts an attribution wrapped onto a line ending in a colon.
        let endsWithColon = ByteSearch.lastNonBlank(line) == UInt8(ascii: ":")
        let wrappedAttribution = (ByteSearch.hasPrefix(line, "on ") || ByteSearch.hasPrefix(line, "le "))
            && index + 1 < body.count && ByteSearch.lastNonBlank(body.lines[index + 1]) == UInt8(ascii: ":")
        guard first == UInt8(ascii: "-") || first == UInt8(ascii: "_") || first == UInt8(ascii: "=") || endsWithColon
            || wrappedAttribution || line.utf8.prefix(40).contains(UInt8(ascii: ":")) else { return nil }
        let key = line.cleaningKey
        if isSeparatorLine(key) {
            let isForward = forwardSeparators.contains { ByteSearch.contains(key, $0) }
            let isReply = replySeparators.contains { ByteSearch.contains(key, $0) }
            if isForward || isReply {
                // An Outlook/Apple header block often follows the separator: it goes with it.
                var end = index + 1
                while end < body.count, body.lines[end].isBlank { end += 1 }
                if let block = headerBlockLength(at: end, in: body) { end += block } else { end = index + 1 }
                return isForward ? .forwardHeader(lines: end - index) : .replyHeader(lines: end - index)
            }
        }
        if key.hasPrefix("begin forwarded message") || key.hasPrefix("début du message réexpédié") {
            var end = index + 1
            while end < body.count, body.lines[end].isBlank { end += 1 }
            if let block = headerBlockLength(at: end, in: body) { end += block } else { end = index + 1 }
            return .forwardHeader(lines: end - index)
        }
        if key.hasPrefix("_____") && key.allSatisfy({ $0 == "_" }) {
            var next = index + 1
            while next < body.count, body.lines[next].isBlank { next += 1 }
            if let block = headerBlockLength(at: next, in: body) { return .replyHeader(lines: next + block - index) }
            return nil
        }
        if let block = headerBlockLength(at: index, in: body) { return .replyHeader(lines: block) }
        if isAttribution(key) { return .attribution(lines: 1) }
        // Gmail wraps a long attribution: "On Tue, 3 Mar 2026 at 09:15, Jane Doe <" / "jane@x.example> wrote:".
        if wrappedAttribution {
            let next = body.lines[index + 1]
            if next.utf8.count < 200, !next.isBlank {
                let joined = key + " " + next.cleaningKey
                if isAttribution(joined) { return .attribution(lines: 2) }
            }
        }
        return nil
    }

    /// "On … wrote:", "Le … a écrit :", "… wrote:", "… a écrit :" (short lines only).
    static func isAttribution(_ key: String) -> Bool {
        guard key.utf8.count < 300 else { return false }
        var text = Substring(key)
        while let last = text.last, last == " " { text = text.dropLast() }
        guard text.hasSuffix(":") else { return false }
        text = text.dropLast()
        while let last = text.last, last == " " || last == "\u{A0}" { text = text.dropLast() }
        return text.hasSuffix(" wrote") || text.hasSuffix(" a écrit") || text.hasSuffix(" a ecrit") || text.hasSuffix(" writes")
            || text.hasSuffix(" schrieb")
    }

    /// A line made of dashes (or `=`/`_`) around a few words: "-----Original Message-----".
    private static func isSeparatorLine(_ key: String) -> Bool {
        key.hasPrefix("--") || key.hasPrefix("==") || key.hasPrefix("__")
    }

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

    /// The field name of a header-like line ("Sent: …", "Envoyé : …", "*From:* …"), lower-cased.
    private static func fieldName(_ line: Substring) -> String? {
        guard line.utf8.count < 1000, let colon = line.utf8.prefix(60).firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let name = line[..<colon].cleaningKey.trimmingCharacters(in: "* ")
        guard !name.isEmpty, name.utf8.count <= 20 else { return nil }
        return String(name)
    }
}
