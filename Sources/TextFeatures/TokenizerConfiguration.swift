/// How a ``Tokenizer`` normalises text. Every field has a default suited to English and French
/// business e-mail.
///
/// ```swift
/// var configuration = TokenizerConfiguration()
/// configuration.foldAccents = false   // keep "facturé" distinct from "facture"
/// let tokenizer = Tokenizer(configuration: configuration)
/// ```
package struct TokenizerConfiguration: Codable, Sendable, Equatable, Hashable {
    /// Lower-case letters (Latin, Greek and Cyrillic scripts). Default `true`.
    package var lowercase: Bool = true
    /// Strip accents from Latin letters ("facturé" → "facture", "œ" → "oe"). Default `true`.
    package var foldAccents: Bool = true
    /// Drop French elided articles and pronouns before an apostrophe ("l'article" → "article",
    /// "qu’il" → "il"). Default `true`.
    package var frenchElision: Bool = true
    /// Replace numbers, money amounts, percentages, dates, invoice/PO identifiers, e-mail
    /// addresses and URLs by class tokens such as `<money>` (see ``TokenKind``). Default `true`.
    package var classTokens: Bool = true

    /// The defaults listed on each property.
    package init() {}
}
