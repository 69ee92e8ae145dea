/// Whether a thread's subject line says anything its text does not. The subject is scored with
/// the text because it often names the invoice; when every word of it is already in the text
/// ("Invoice #8801" above "… invoices 8801 and 8802 include sales tax"), prepending it only
/// counts those words twice, which moves a text near a severity boundary across it.
enum SubjectCoverage {
    /// Words that only say "number" before an identifier: "Invoice #8801", "Facture n° 9012",
    /// "Invoice no. 12", "Rechnung Nr. 5".
    static let numberSigns: Set<String> = ["n", "no", "nº", "nr", "num", "number", "numéro", "numero"]

    /// True when each word of `subject` (reply prefixes already removed) occurs in one of
    /// `texts`, ignoring case, a plural `s`, and number signs in front of an identifier.
    static func isCovered(_ subject: String, by texts: [String]) -> Bool {
        let tokens = subject.split(whereSeparator: \.isWhitespace)
        var needed: [String] = []
        for (index, token) in tokens.enumerated() {
            let words = Self.words(token)
            let beforeIdentifier = index + 1 < tokens.count && tokens[index + 1].contains(where: \.isNumber)
            if beforeIdentifier && words.count <= 1 && words.allSatisfy(numberSigns.contains) { continue }
            needed.append(contentsOf: words)
        }
        guard !needed.isEmpty else { return true }
        var present = Set<String>()
        for text in texts { present.formUnion(words(text)) }
        return needed.allSatisfy(present.contains)
    }

    /// Runs of letters and digits, lower-cased, a final `s` dropped from words of four letters or more
    /// (so "invoices" matches "invoice", and "INV-2281" gives "inv", "2281").
    static func words(_ text: some StringProtocol) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { word in
            word.count >= 4 && word.last == "s" ? String(word.dropLast()) : String(word)
        }
    }
}
