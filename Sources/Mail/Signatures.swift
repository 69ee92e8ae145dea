/// Recognises signatures: the `-- ` delimiter (RFC 3676 §4.3), mobile footers ("Sent from my
/// iPhone", "Envoyé de mon iPhone"), and a closing ("Best regards,", "Cordialement,") followed by
/// a short contact block (name, title, company, phone, address).
enum Signatures {
    /// Closings, lower-cased, without trailing punctuation.
    static let closings: Set<String> = [
        "regards", "best regards", "kind regards", "warm regards", "warmest regards", "best wishes", "best", "thanks",
        "thank you", "many thanks", "thanks again", "thanks in advance", "thank you in advance", "cheers", "sincerely",
        "yours sincerely", "sincerely yours", "yours faithfully", "faithfully", "respectfully", "yours truly",
        "with thanks",
        "with regards", "all the best", "rgds", "br", "thx", "ty",
        "cordialement", "bien cordialement", "très cordialement", "tres cordialement", "cordialement vôtre",
        "salutations",
        "sincères salutations", "meilleures salutations", "salutations distinguées", "bien à vous", "bien a vous",
        "merci",
        "merci beaucoup", "merci d'avance", "merci par avance", "merci encore", "bonne journée", "bonne journee",
        "bonne soirée", "cdlt", "cdt", "amicalement", "respectueusement", "très cordialement vôtre", "à bientôt",
    ]
    /// Formal French closings are whole sentences; they start like this.
    static let closingPrefixes = [
        "veuillez agréer", "je vous prie d'agréer", "nous vous prions d'agréer", "dans l'attente de votre retour, ",
    ]

    static let mobileFooters = [
        "sent from my", "envoyé de mon", "envoye de mon", "get outlook for", "obtenir outlook pour",
        "sent from outlook",
        "envoyé à partir de", "sent from mail for", "téléchargez outlook",
    ]

    /// Lines a contact block may have after the closing.
    static let maxContactLines = 8

    /// The cheap test before ``isClosing(_:)``: short, or starting like a formal French closing.
    static func mayBeClosing(_ line: Substring) -> Bool {
        line.utf8.count <= 48 || ByteSearch.hasPrefix(line, "veuillez") || ByteSearch.hasPrefix(line, "je vous")
            || ByteSearch.hasPrefix(line, "nous vous") || ByteSearch.hasPrefix(line, "dans l")
    }

    /// Whether the line is a closing, alone or followed by a name ("Thanks, Anna").
    static func isClosing(_ key: String) -> Bool {
        guard key.utf8.count <= 160 else { return false }
        if ByteSearch.mayHaveCombiningMarks(key) {
            if closingPrefixes.contains(where: { key.hasPrefix($0) }) { return true }
        } else if closingPrefixes.contains(where: { key.utf8.starts(with: $0.utf8) }) {
            return true
        }
        var text = Substring(key)
        while let last = text.last, last == "," || last == "." || last == "!" || last == " " || last == "-" {
            text = text.dropLast()
        }
        if closings.contains(String(text)) { return true }
        // "Regards, Anna Smith" / "Merci, Jean"
        if let comma = text.firstIndex(of: ",") {
            let head = text[..<comma].trimmingWhitespace()
            let tail = text[text.index(after: comma)...].split(separator: " ")
            return closings.contains(String(head)) && tail.count <= 3 && !tail.isEmpty
        }
        return false
    }

    /// The cheap test before ``isMobileFooter(_:)``: a short line starting like one of the footers.
    static func mayBeMobileFooter(_ line: Substring) -> Bool {
        guard line.utf8.count < 120, let first = ByteSearch.firstSignificant(line) else { return false }
        return [UInt8(ascii: "s"), UInt8(ascii: "e"), UInt8(ascii: "g"), UInt8(ascii: "o"), UInt8(ascii: "t")].contains(
            ByteSearch.lower(first))
    }

    static func isMobileFooter(_ key: String) -> Bool {
        key.utf8.count < 120 && mobileFooters.contains { key.hasPrefix($0) }
    }

    static func isDelimiter(_ line: Substring) -> Bool {
        // Every delimiter starts with "-" or "—" (E2 80 94) and is at most 5 bytes long.
        guard line.utf8.count <= 5, let first = line.utf8.first, first == UInt8(ascii: "-") || first == 0xE2 else {
            return false
        }
        return line == "-- " || line == "--" || line == "—" || line == "-- \u{A0}"
    }

    /// Whether the lines from `start` to the end look like a contact block: few, short lines.
    static func isContactBlock(_ indices: ArraySlice<Int>, in body: BodyLines) -> Bool {
        guard indices.count <= maxContactLines else { return false }
        return indices.allSatisfy { body.lines[$0].utf8.count <= 90 }
    }
}
