import Foundation

/// Finds what a dispute message refers to, in English and French: invoice and purchase-order
/// numbers, credit-note and return (RMA) references, amounts with their currency, percentages and
/// dates, each with its character span.
///
/// It is rule-based (patterns in `InvoiceReferencePatterns`), so it needs no training and explains
/// itself: every mention carries the span it was read from. Overlaps are resolved in this order:
/// amounts, percentages, references, invoices, dates.
///
/// ```swift
/// let found = InvoiceReferenceExtractor().extract("Invoice INV-2291 charges $3,200.50 instead of $2,800 (PO 55-1208).")
/// found.invoices.map(\.id)            // ["INV-2291", "55-1208"]
/// found.amounts.map(\.value)          // [3200.5, 2800]
/// found.disputedAmount?.value         // 3200.5
/// ```
public struct InvoiceReferenceExtractor: Sendable {
    /// The language rules (day/month order, cue words) follow.
    package enum Language: String, Sendable, Codable {
        case english = "en"
        case french = "fr"
    }

    public init() {}

    /// Everything found in `text`, each kind in text order.
    public func extract(_ text: String) -> ExtractedReferences {
        let language = Self.language(of: text)
        let offsets = ScalarOffsets(text)
        var taken: [TextSpan] = []
        var result = ExtractedReferences(language: language)

        func claim(_ span: TextSpan) -> Bool {
            guard !taken.contains(where: { $0.overlaps(span) }) else { return false }
            taken.append(span)
            return true
        }

        for match in text.matches(of: InvoiceReferencePatterns.amount) {
            let span = offsets.span(match.range)
            let output = match.output
            guard let numberText = (output[3].substring ?? output[5].substring).map(String.init),
                let value = MoneyFormat.number(numberText),
                let symbol = (output[2].substring ?? output[6].substring).map(String.init),
                let currency = MoneyFormat.currency(symbol)
            else { continue }
            guard claim(span) else { continue }
            let qualifier = output[7].substring.map { Self.normalisedQualifier(String($0)) }
            result.amounts.append(AmountMention(value: value, currency: currency, qualifier: qualifier, span: span))
        }
        for match in text.matches(of: InvoiceReferencePatterns.percentage) {
            guard let number = match.output[1].substring, let value = MoneyFormat.number(String(number)) else {
                continue
            }
            let span = offsets.span(match.range)
            if claim(span) { result.percentages.append(PercentageMention(value: value, span: span)) }
        }
        for (pattern, kind) in [
            (InvoiceReferencePatterns.creditNote, ReferenceMention.Kind.creditNote),
            (InvoiceReferencePatterns.prefixedCreditNote, .creditNote),
            (InvoiceReferencePatterns.returnAuthorization, .returnAuthorization),
        ] {
            for match in text.matches(of: pattern) {
                for idRange in Self.idRanges(in: text, match: match) {
                    let span = offsets.span(idRange)
                    if claim(span) {
                        result.references.append(ReferenceMention(id: String(text[idRange]), kind: kind, span: span))
                    }
                }
            }
        }
        // Prefixed ids first, so that "INV-2291" keeps its prefix rather than being read as keyword + "2291".
        for (pattern, kind) in [
            (InvoiceReferencePatterns.prefixedInvoice, InvoiceMention.Kind.invoice),
            (InvoiceReferencePatterns.keyedInvoice, .invoice),
            (InvoiceReferencePatterns.keyedOrder, .purchaseOrder),
        ] {
            for match in text.matches(of: pattern) {
                for idRange in Self.idRanges(in: text, match: match) {
                    let span = offsets.span(idRange)
                    if claim(span) {
                        result.invoices.append(InvoiceMention(id: String(text[idRange]), kind: kind, span: span))
                    }
                }
            }
        }
        result.dates = DateReader.dates(
            in: text, language: language, offsets: offsets,
            isFree: { span in
                !taken.contains(where: { $0.overlaps(span) })
            })
        result.invoices.sort { $0.span.start < $1.span.start }
        result.references.sort { $0.span.start < $1.span.start }
        result.disputedAmount = Self.disputedAmount(result.amounts, in: text, offsets: offsets, language: language)
        return result
    }

    // MARK: - Helpers

    /// The id of a keyed match (capture `id`), then any ids listed after it (`, 2292 and 2293`).
    static func idRanges(in text: String, match: Regex<AnyRegexOutput>.Match) -> [Range<String.Index>] {
        guard let first = match.output["id"]?.range else { return [] }
        // A bare number of 1–3 digits after "invoice"/"facture" is more often a quantity or the verb ("bills 220").
        func plausible(_ range: Range<String.Index>) -> Bool {
            let id = text[range]
            return id.count >= 3 && (id.count >= 4 || id.contains { !$0.isNumber })
        }
        guard plausible(first) else { return [] }
        var ranges = [first]
        var position = first.upperBound
        while let next = text[position...].prefixMatch(of: InvoiceReferencePatterns.listContinuation),
            let id = next.output["id"]?.range
        {
            guard plausible(id) else { break }
            ranges.append(id)
            position = id.upperBound
        }
        return ranges
    }

    static func normalisedQualifier(_ text: String) -> String {
        let folded = text.lowercased().replacingOccurrences(of: ".", with: "").replacingOccurrences(of: " ", with: "")
        switch folded {
        case "ht", "htva", "horstaxes", "exclvat", "exvat": return "HT"
        case "ttc", "inclvat": return "TTC"
        default:
            if folded.contains("mo") || folded.contains("mois") { return "per month" }
            if folded.contains("an") || folded.contains("y") { return "per year" }
            return text
        }
    }

    /// French when it has more French than English function words.
    static func language(of text: String) -> Language {
        var french = 0, english = 0
        for word in text.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "'" && $0 != "’" }) {
            if InvoiceReferencePatterns.frenchWords.contains(String(word)) { french += 1 }
            if InvoiceReferencePatterns.englishWords.contains(String(word)) { english += 1 }
            if word.contains("é") || word.contains("è") || word.contains("à") || word.contains("ç") { french += 1 }
        }
        return french > english ? .french : .english
    }

    /// The amount next to dispute wording: a cue ending at most 60 characters before it
    /// (`overcharged by`, `écart de`) or starting at most 25 after it (`instead of`, `en trop`); the
    /// closest wins. A single amount is the disputed one; several without a cue give `nil`.
    static func disputedAmount(_ amounts: [AmountMention], in text: String, offsets: ScalarOffsets, language: Language)
        -> AmountMention?
    {
        guard amounts.count > 1 else { return amounts.first }
        let lowered = Array(text.lowercased().unicodeScalars)
        var best: (distance: Int, amount: AmountMention)? = nil
        for amount in amounts {
            let before = String(
                String.UnicodeScalarView(
                    lowered[max(0, amount.span.start - 60)..<min(amount.span.start, lowered.count)]))
            let after = String(
                String.UnicodeScalarView(
                    lowered[min(amount.span.end, lowered.count)..<min(lowered.count, amount.span.end + 25)]))
            for (cues, penalty) in [
                (InvoiceReferencePatterns.cuesBefore, 0), (InvoiceReferencePatterns.weakCuesBefore, 10),
            ] {
                for cue in cues {
                    guard let range = before.range(of: cue, options: .backwards) else { continue }
                    let distance = before.unicodeScalars.distance(from: range.upperBound, to: before.endIndex) + penalty
                    if best == nil || distance < best!.distance { best = (distance, amount) }
                }
            }
            for cue in InvoiceReferencePatterns.cuesAfter {
                guard let range = after.range(of: cue) else { continue }
                let distance = after.unicodeScalars.distance(from: after.startIndex, to: range.lowerBound)
                if best == nil || distance < best!.distance { best = (distance, amount) }
            }
        }
        if let best { return best.amount }
        // No cue: drop the amounts introduced as the reference (agreed price, quote, contract); one left is the disputed one.
        let contested = amounts.indices.filter { i in
            // Only the words since the previous amount: "should be $85, not $95" marks $85 alone.
            let start = max(i > 0 ? amounts[i - 1].span.end : 0, amounts[i].span.start - 40)
            let before = String(String.UnicodeScalarView(lowered[start..<min(amounts[i].span.start, lowered.count)]))
            return !InvoiceReferencePatterns.referenceCues.contains { before.contains($0) }
        }
        return contested.count == 1 ? amounts[contested[0]] : nil
    }
}

/// String index → Unicode-scalar offset, computed once per text.
struct ScalarOffsets {
    private let text: String
    private var table: [String.Index: Int] = [:]

    init(_ text: String) {
        self.text = text
        var offset = 0
        var index = text.unicodeScalars.startIndex
        while index < text.unicodeScalars.endIndex {
            table[index] = offset
            offset += 1
            index = text.unicodeScalars.index(after: index)
        }
        table[text.unicodeScalars.endIndex] = offset
    }

    func offset(_ index: String.Index) -> Int {
        table[index] ?? text.unicodeScalars.distance(from: text.startIndex, to: index)
    }

    func span(_ range: Range<String.Index>) -> TextSpan {
        TextSpan(start: offset(range.lowerBound), end: offset(range.upperBound))
    }
}
