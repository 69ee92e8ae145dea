/// Recognises confidentiality and environment notices, in English and French, by the phrases
/// they are made of. A paragraph (lines between blank lines) holding one of them is a notice.
enum Disclaimers {
    static let phrases: [StaticString] = [
        // English
        "this e-mail and any attachment", "this email and any attachment", "this message and any attachment",
        "this e-mail message and any", "this email message and any", "if you are not the intended recipient",
        "if you have received this e-mail in error", "if you have received this email in error",
        "if you have received this message in error", "intended only for the use", "intended solely for the",
        "is intended only for", "may contain confidential", "contains confidential information",
        "confidential and may be privileged",
        "privileged and confidential", "confidentiality notice", "please consider the environment before printing",
        "think before you print",
        // French
        "ce message et toutes les pièces jointes", "ce message et les pièces jointes",
        "ce message et ses pièces jointes",
        "ce courriel et ses pièces jointes", "ce courriel et les pièces jointes",
        "ce courriel et toutes les pièces jointes",
        "ce message est confidentiel", "ce courriel est confidentiel", "si vous n'êtes pas le destinataire",
        "si vous n'etes pas le destinataire", "si vous avez reçu ce message par erreur",
        "si vous avez reçu ce courriel par erreur",
        "sont confidentiels et établis", "à l'intention exclusive", "à l'attention exclusive",
        "toute utilisation ou diffusion non autorisée", "pensez à l'environnement avant d'imprimer",
        "merci de penser à l'environnement", "avant d'imprimer ce", "avis de confidentialité",
    ]

    /// Headings that stand alone above a notice.
    static let headings: Set<String> = [
        "disclaimer", "confidentiality notice", "legal notice", "avertissement", "avis de confidentialité",
        "confidentialité",
        "confidential", "confidentiel", "important notice", "mention légale", "mentions légales",
    ]

    /// Every phrase holds one of these (lower-case): a paragraph without any is not a notice, which
    /// is checked on the raw bytes before the paragraph is lower-cased for the phrases.
    static let anchors = ByteSearch.NeedleSet([
        "confidenti", "intended", "recipient", "destinataire", "environ", "attachment", "pièces jointes", "in error",
        "erreur", "print", "imprimer", "exclusive", "autoris", "message and any",
    ])

    static func mayBeNotice(_ line: Substring) -> Bool {
        ByteSearch.containsAny(line, anchors)
    }

    /// The phrases by first byte: one pass over a paragraph instead of one per phrase.
    static let phraseSet = ByteSearch.NeedleSet(phrases)

    static func isNotice(_ paragraphKey: String) -> Bool {
        ByteSearch.containsAny(paragraphKey, phraseSet)
    }

    static func isHeading(_ key: String) -> Bool {
        var text = Substring(key)
        while let last = text.last, last == ":" || last == " " || last == "*" { text = text.dropLast() }
        return headings.contains(String(text))
    }
}
