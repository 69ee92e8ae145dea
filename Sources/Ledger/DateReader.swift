import Foundation

/// Dates in English and French text: `2024-03-04`, `3/4`, `04/06/2024`, `18.04.2024`, `le 18 avril`,
/// `2 July 2024`, `July 2nd`, `1er mars`.
enum DateReader {
    static let months =
        "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|"
        + "january|february|march|april|may|june|july|august|september|october|november|december|"
        + "janv|févr|fevr|sept|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|déc|dec"

    nonisolated(unsafe) static let iso = pattern(#"\b(\d{4})-(\d{1,2})-(\d{1,2})\b"#)
    nonisolated(unsafe) static let slash = pattern(#"\b(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?\b"#)
    nonisolated(unsafe) static let dotted = pattern(#"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"#)
    nonisolated(unsafe) static let dayMonth = pattern(
        #"\b(\d{1,2})(?:er|st|nd|rd|th|e)?\s+("# + months + #")\b\.?(?:,?\s+(\d{4})\b)?"#, ignoringCase: true)
    nonisolated(unsafe) static let monthDay = pattern(
        #"\b("# + months + #")\b\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4})\b)?"#, ignoringCase: true)

    /// Month number of a (possibly abbreviated) English or French month name.
    static func month(_ name: String) -> Int? {
        let folded = name.lowercased().folding(options: .diacriticInsensitive, locale: nil)
        let table: [(String, Int)] = [
            ("janv", 1), ("jan", 1), ("fev", 2), ("feb", 2), ("mars", 3), ("mar", 3), ("avr", 4), ("apr", 4),
            ("mai", 5), ("may", 5), ("juin", 6), ("jun", 6), ("juil", 7), ("jul", 7), ("aou", 8), ("aug", 8),
            ("sep", 9), ("oct", 10), ("nov", 11), ("dec", 12),
        ]
        return table.first { folded.hasPrefix($0.0) }?.1
    }

    static func dates(
        in text: String, language: InvoiceReferenceExtractor.Language, offsets: ScalarOffsets,
        isFree: (TextSpan) -> Bool
    ) -> [DateMention] {
        var found: [DateMention] = []
        func add(_ range: Range<String.Index>, year: Int?, month: Int, day: Int, ambiguous: Bool = false) {
            guard (1...12).contains(month), (1...31).contains(day),
                day <= CalendarDay.daysIn(month: month, year: year ?? 2024)
            else { return }
            let span = offsets.span(range)
            guard isFree(span), !found.contains(where: { $0.span.overlaps(span) }) else { return }
            found.append(DateMention(year: year, month: month, day: day, ambiguous: ambiguous, span: span))
        }
        func int(_ value: Substring?) -> Int? { value.flatMap { Int($0) } }
        func year(_ value: Substring?) -> Int? { int(value).map { $0 < 100 ? 2000 + $0 : $0 } }
        for m in text.matches(of: iso) {
            if let y = int(m.output[1].substring), let mo = int(m.output[2].substring),
                let d = int(m.output[3].substring)
            {
                add(m.range, year: y, month: mo, day: d)
            }
        }
        for m in text.matches(of: dayMonth) {
            if let d = int(m.output[1].substring), let name = m.output[2].substring, let mo = month(String(name)) {
                add(m.range, year: year(m.output[3].substring), month: mo, day: d)
            }
        }
        for m in text.matches(of: monthDay) {
            if let name = m.output[1].substring, let mo = month(String(name)), let d = int(m.output[2].substring) {
                add(m.range, year: year(m.output[3].substring), month: mo, day: d)
            }
        }
        for m in text.matches(of: dotted) {
            if let d = int(m.output[1].substring), let mo = int(m.output[2].substring) {
                add(m.range, year: year(m.output[3].substring), month: mo, day: d)
            }
        }
        for m in text.matches(of: slash) {
            guard let a = int(m.output[1].substring), let b = int(m.output[2].substring) else { continue }
            let y = year(m.output[3].substring)
            if a > 12 {
                add(m.range, year: y, month: b, day: a)
            } else if b > 12 {
                add(m.range, year: y, month: a, day: b)
            } else if language == .french {
                add(m.range, year: y, month: b, day: a, ambiguous: a != b)
            } else {
                add(m.range, year: y, month: a, day: b, ambiguous: a != b)
            }
        }
        return found.sorted { $0.span.start < $1.span.start }
    }
}
