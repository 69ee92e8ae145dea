/// The subject a thread is known by: reply and forward prefixes removed (`Re:`, `RE :`, `Fwd:`,
/// `TR:`, `Réf :`, `AW:`, `Re[2]:`, repeated), white space collapsed, lower-cased.
package enum SubjectNormalizer {
    static let prefixes: Set<String> = [
        "re", "fw", "fwd", "tr", "réf", "ref", "aw", "wg", "rép", "rep", "antw", "sv", "vs",
    ]

    /// True when the subject starts with a reply or forward prefix.
    package static func hasReplyPrefix(_ subject: String) -> Bool {
        strippingPrefixes(subject.lowercased()).stripped
    }

    package static func normalize(_ subject: String) -> String {
        let (rest, _) = strippingPrefixes(subject.lowercased())
        return rest.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The subject without leading prefixes, the subject text of `Subject:` only, not of what follows.
    package static func stripPrefixes(_ subject: String) -> String {
        let lower = subject.lowercased()
        let (rest, stripped) = strippingPrefixes(lower)
        guard stripped else { return subject.trimmingWhitespace().description }
        // Map back to the original case: the lower-cased text has the same scalars count for these prefixes.
        let dropped = lower.unicodeScalars.count - rest.unicodeScalars.count
        return String(String.UnicodeScalarView(subject.unicodeScalars.dropFirst(dropped))).trimmingWhitespace()
            .description
    }

    private static func strippingPrefixes(_ lower: String) -> (rest: Substring, stripped: Bool) {
        var rest = Substring(lower)
        var stripped = false
        while true {
            let trimmed = rest.drop(while: { $0 == " " || $0 == "\t" })
            guard let colon = trimmed.prefix(12).firstIndex(of: ":") else { return (trimmed, stripped) }
            var word = trimmed[..<colon].trimmingWhitespace()
            if let bracket = word.firstIndex(where: { $0 == "[" || $0 == "(" }) { word = word[..<bracket] }
            guard prefixes.contains(String(word)) else { return (trimmed, stripped) }
            rest = trimmed[trimmed.index(after: colon)...]
            stripped = true
        }
    }
}
