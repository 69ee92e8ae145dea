/// Reading written amounts: `3,200.50`, `3 200,50`, `1.750`, `1'200.50`, with currency symbols,
/// codes and words in English and French.
///
/// ```swift
/// MoneyFormat.number("3 200,50")   // 3200.5
/// MoneyFormat.number("EUR 1.750")  // nil: digits and separators only
/// MoneyFormat.currency("€")        // "EUR"
/// ```
enum MoneyFormat {
    /// Currency symbols, codes and words, by ISO code (longest first in the pattern).
    static let currencies: [(String, String)] = [
        ("US$", "USD"), ("USD", "USD"), ("C$", "CAD"), ("CA$", "CAD"), ("CAD", "CAD"), ("$", "USD"), ("dollars", "USD"),
        ("dollar", "USD"),
        ("€", "EUR"), ("EUR", "EUR"), ("euros", "EUR"), ("euro", "EUR"),
        ("£", "GBP"), ("GBP", "GBP"), ("pounds", "GBP"), ("pound", "GBP"), ("livres sterling", "GBP"),
        ("CHF", "CHF"), ("francs suisses", "CHF"), ("¥", "JPY"), ("JPY", "JPY"),
    ]

    /// ISO code of a written currency (case-insensitive for codes and words).
    static func currency(_ text: String) -> String? {
        let folded = text.lowercased()
        return currencies.first { $0.0.lowercased() == folded }?.1
    }

    /// The value of digits with separators. The last `.` or `,` is the decimal point when one kind
    /// appears once and is followed by 1–2 digits, or when both kinds appear; a single separator
    /// followed by exactly 3 digits groups thousands (`1,750` = `1.750` = 1750). Spaces and
    /// apostrophes always group thousands.
    static func number(_ text: String) -> Double? {
        let scalars = Array(text.unicodeScalars.filter { !" \u{00A0}\u{202F}'’".unicodeScalars.contains($0) })
        let separators = scalars.enumerated().filter { $0.element == "." || $0.element == "," }
        var decimalAt: Int? = nil
        if let last = separators.last {
            let kinds = Set(separators.map(\.element))
            let digitsAfter = scalars.count - last.offset - 1
            if kinds.count == 2 {
                decimalAt = last.offset
            } else if separators.count == 1 && digitsAfter != 3 {
                decimalAt = last.offset
            }
        }
        var digits = ""
        for (offset, scalar) in scalars.enumerated() {
            if offset == decimalAt {
                digits.append(".")
            } else if ("0"..."9").contains(scalar) {
                digits.unicodeScalars.append(scalar)
            } else if scalar != "." && scalar != "," {
                return nil
            }
        }
        return Double(digits)
    }
}
