/// What a token stands for. Every kind but ``word`` is a *class token*: the tokenizer emits its
/// ``classText`` (e.g. `<money>`) instead of the characters, so "$1,234.56" and "980,00 €" generalise.
///
/// ```swift
/// Tokenizer().tokens(in: "INV-2024-0042 for $1,200") // ["<id>", "for", "<money>"]
/// ```
package enum TokenKind: UInt8, Sendable, CaseIterable {
    /// A word: letters, folded according to the configuration.
    case word
    /// A number without currency ("12", "1,234.5").
    case number
    /// A money amount: a number with a currency sign ("$1,234.56", "980,00€", "12k$") or a bare sign ("€").
    case money
    /// A percentage ("15%").
    case percent
    /// A date written with digits ("2024-03-15", "15/03/2024", "3.4.24").
    case date
    /// An identifier mixing letters and digits, or a long digit string ("INV-2024-00123", "PO#55821", "4500012345").
    case identifier
    /// An e-mail address.
    case email
    /// A URL ("https://…", "www.…").
    case url

    /// The text emitted for a class token; `nil` for ``word``.
    package var classText: StaticString? {
        switch self {
        case .word: return nil
        case .number: return "<num>"
        case .money: return "<money>"
        case .percent: return "<pct>"
        case .date: return "<date>"
        case .identifier: return "<id>"
        case .email: return "<email>"
        case .url: return "<url>"
        }
    }
}
