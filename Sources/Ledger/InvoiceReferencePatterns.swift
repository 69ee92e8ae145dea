/// The patterns behind ``InvoiceReferenceExtractor`` (English and French).
enum InvoiceReferencePatterns {
    /// An id after a keyword: letters and digits with inner `-`, `_`, `/` or `.`, holding a digit
    /// within its first seven characters.
    static let id = #"(?=[A-Za-z]{0,6}[-_/]?\d)[A-Za-z0-9](?:[A-Za-z0-9]|[-_/.](?=[A-Za-z0-9]))*"#
    /// `n°`, `no.`, `number`, `#`… between a keyword and its id.
    static let marker =
        #"(?:(?:concern(?:ée|é|ées|és|ed)|in question|n[°ºo]s?\.?|nos?\.|nr\.?|num(?:ber|éro|ero)?s?|ref(?:erence)?\.?|#)\s*)?[:#]?\s*"#
    static let number = #"(?:\d{1,3}(?:[ \u{00A0}\u{202F}.,'’]\d{3})+(?:[.,]\d{1,2})?(?!\d)|\d+(?:[.,]\d{1,2})?(?!\d))"#
    static let prefixCurrency = #"(US\$|USD|CA\$|C\$|CAD|EUR|GBP|CHF|JPY|€|\$|£|¥)"#
    static let suffixCurrency =
        #"(€|\$|£|¥|USD|EUR|GBP|CHF|CAD|JPY|euros?\b|dollars?\b|pounds?\b|livres sterling\b|francs suisses\b)(?![ \u{00A0}]?\d)"#
    static let qualifier =
        #"(?:[ \u{00A0}\u{202F}]?(HT\b|TTC\b|H\.T\.|HTVA\b|hors taxes\b|excl\.? VAT\b|incl\.? VAT\b|ex VAT\b|/\s?(?:month|mo|mois|an|year|yr)\b|per month\b|par mois\b|per year\b|par an\b))?"#
    static let space = #"[ \u{00A0}\u{202F}]?"#

    /// Captures: 2 symbol and 3 number (currency first), or 5 number and 6 symbol; 7 qualifier.
    nonisolated(unsafe) static let amount = pattern(
        "(?:(" + prefixCurrency + space + "(" + number + "))|((" + number + ")" + space + suffixCurrency + "))"
            + qualifier)
    nonisolated(unsafe) static let percentage = pattern(
        #"(\d+(?:[.,]\d+)?)\s?(?:%|percent\b|per cent\b|pour cent\b|pourcents?\b)"#, ignoringCase: true)

    nonisolated(unsafe) static let keyedInvoice = pattern(
        #"\b(?:invoices?|inv\.?|bills?|factures?|fact\.?|fac\.?)\s*[-_]?"# + marker + "(?<id>" + id + ")",
        ignoringCase: true)
    nonisolated(unsafe) static let keyedOrder = pattern(
        #"\b(?:P\.O\.|PO|purchase\s+orders?|bons?\s+de\s+commande|commandes?|orders?|BC)\s*"# + marker + "(?<id>" + id
            + ")", ignoringCase: true)
    nonisolated(unsafe) static let prefixedInvoice = pattern(
        #"\b(?<id>(?:INV|FAC|FACT|FA|F|BILL)[-_/]?\d{3,}(?:[-/][0-9A-Z]+)*)\b"#)
    nonisolated(unsafe) static let creditNote = pattern(
        #"\b(?:credit\s+notes?|credit\s+memos?|avoirs?|notes?\s+de\s+crédit)\s*"# + marker + "(?<id>" + id + ")",
        ignoringCase: true)
    nonisolated(unsafe) static let prefixedCreditNote = pattern(
        #"\b(?<id>(?:CN|CR|CM|AV|NC)[-_/]?\d[0-9A-Z]*(?:[-/][0-9A-Z]+)*)\b"#)
    nonisolated(unsafe) static let returnAuthorization = pattern(
        #"\b(?:RMA|RA|return\s+(?:authori[sz]ation|number|ref(?:erence)?)|bons?\s+de\s+retour|(?:numéro|autorisation)\s+de\s+retour|retour)\s*"#
            + marker + "(?<id>" + id + ")", ignoringCase: true)
    /// `, 2292`, `and INV-2293`, `et 4471` after a keyed id.
    nonisolated(unsafe) static let listContinuation = pattern(
        #"\s*(?:,|and|et|&|or|ou|à|to|through)\s*(?:n[°ºo]\.?\s*|#\s*)?(?<id>"# + id + ")", ignoringCase: true)

    /// Words just before the contested amount (`overcharged by $40`, `un écart de 120 €`).
    static let cuesBefore = [
        "overcharg", "overbill", "over-bill", "difference", "discrepan", "disputed", "dispute", "disputing", "refund",
        "credit of",
        "credit for", "extra", "surcharge", "too much", "short-paid", "short paid", "deduct", "withhold", "withheld",
        "contest",
        "not owed", "wrongly", "incorrect", "charged us", "billed us", "charged", "billed", "challenge", "reimburse",
        "écart", "différence", "trop perçu", "trop-perçu", "rembours", "avoir de", "contestons", "contesté",
        "contester", "litige",
        "surfactur", "déduire", "retenons", "indûment", "erron", "facturé", "facturés", "réclamons", "supplément",
    ]
    /// Verbs that introduce the billed amount: a weaker hint than the cues above (they count 10 characters farther).
    static let weakCuesBefore = ["charges", "shows", "bills", "debited", "indique", "prélevé", "débité", "s'élève à"]
    /// Words before an amount that is the reference, not the contested one (`the agreed price was $2,800`).
    static let referenceCues = [
        "agreed", "quote", "quoted", "contract", "catalogue", "catalog", "po total", "po was for", "was for", "offer",
        "should be",
        "convenu", "devis", "contrat", "offre", "prévoit", "prévoyait", "au lieu de", "instead of", "budget",
    ]
    /// Words just after the contested amount (`$3,200 instead of $2,800`, `450 € facturés deux fois`).
    static let cuesAfter = [
        "instead of", "rather than", "twice", "double", "too much", "extra", "overcharg", "in excess", "not owed",
        "wrong",
        "au lieu de", "deux fois", "en trop", "en double", "de trop", "non dû", "indûment", "erron",
    ]

    static let frenchWords: Set<String> = [
        "le", "la", "les", "de", "des", "du", "une", "un", "nous", "vous", "est", "pour", "avec", "facture",
        "notre", "votre", "sur", "pas", "et", "au", "aux", "merci", "bonjour", "qui", "que", "d'un", "l'avoir",
    ]
    static let englishWords: Set<String> = [
        "the", "and", "we", "you", "is", "for", "with", "invoice", "our", "your", "on", "not", "to",
        "of", "please", "thanks", "hi", "hello", "was", "were", "this", "that", "it",
    ]
}

/// A compiled pattern with simple word boundaries: `\b` falls between a letter and an apostrophe,
/// so `l'avoir` and `d'avoir` start a word at `avoir` (Unicode's default rules keep them one word).
func pattern(_ source: String, ignoringCase: Bool = false) -> Regex<AnyRegexOutput> {
    // The sources are the constant patterns above, checked by the tests: a failure is a programming error.
    // swift-format-ignore: NeverUseForceTry
    let regex = try! Regex(source).wordBoundaryKind(.simple)
    return ignoringCase ? regex.ignoresCase() : regex
}
