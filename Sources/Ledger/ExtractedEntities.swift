/// A character span `[start, end)` counted in Unicode scalars (the indices Python's `str` uses).
package struct TextSpan: Sendable, Hashable, Codable {
    package var start: Int
    package var end: Int
    package init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
    func overlaps(_ other: TextSpan) -> Bool { start < other.end && other.start < end }
}

/// An invoice or purchase-order number named in a text.
public struct InvoiceMention: Sendable, Equatable {
    package enum Kind: String, Sendable, Codable {
        case invoice
        case purchaseOrder = "purchase_order"
    }
    /// The id as written (`INV-2291`, `2024-0412`).
    public var id: String
    package var kind: Kind
    package var span: TextSpan
}

/// A credit-note or return (RMA) reference.
package struct ReferenceMention: Sendable, Equatable {
    package enum Kind: String, Sendable, Codable {
        case creditNote = "credit_note"
        case returnAuthorization = "return"
    }
    package var id: String
    package var kind: Kind
    package var span: TextSpan
}

/// An amount of money with its currency (ISO 4217 code).
public struct AmountMention: Sendable, Equatable {
    public var value: Double
    public var currency: String
    /// `HT`, `TTC`, `per month`… when written next to the amount.
    package var qualifier: String?
    package var span: TextSpan
}

/// A percentage (`15%`, `2,5 %`, `10 percent`).
package struct PercentageMention: Sendable, Equatable {
    package var value: Double
    package var span: TextSpan
}

/// A date. Fields not written are `nil`; `ambiguous` is set for numeric dates such as `3/4` whose
/// day/month order was taken from the text's language (day first in French, month first in English).
package struct DateMention: Sendable, Equatable {
    package var year: Int?
    package var month: Int
    package var day: Int
    package var ambiguous: Bool
    package var span: TextSpan

    /// `YYYY-MM-DD`, or `--MM-DD` without a year (ISO 8601's form for a recurring date).
    package var iso: String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return (year.map { String($0) } ?? "-") + "-\(m)-\(d)"
    }
}

/// Everything ``InvoiceReferenceExtractor`` found in one text.
public struct ExtractedReferences: Sendable, Equatable {
    package var language: InvoiceReferenceExtractor.Language
    public var invoices: [InvoiceMention] = []
    package var references: [ReferenceMention] = []
    public var amounts: [AmountMention] = []
    package var percentages: [PercentageMention] = []
    package var dates: [DateMention] = []
    /// The amount most likely disputed: the one next to dispute wording (overcharge, difference,
    /// écart…), else the only amount, else `nil` (several amounts and no cue: not guessed).
    public var disputedAmount: AmountMention?
}
