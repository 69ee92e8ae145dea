/// How an invoice reference found in a text matched the ledger.
///
/// ```swift
/// switch ledger.match(invoiceReference: "INV-2291") {
/// case let .unique(index, how): print(ledger.invoices[index].customerID, how)
/// case let .ambiguous(indices, _): print("\(indices.count) invoices could be meant")
/// case .none: print("not in the ledger")
/// }
/// ```
package enum InvoiceMatch: Sendable, Equatable {
    /// How close the match is: the id as written, or after normalising.
    package enum Kind: String, Sendable, Equatable, Codable {
        /// The same characters.
        case exact
        /// The same letters and digits, ignoring case, spaces and punctuation (`inv 2291` = `INV-2291`).
        case normalised
        /// The same number, ignoring letters and leading zeros (`F-002291` = `2291`).
        case number
    }

    /// One ledger row (its index in ``Ledger/invoices``).
    case unique(Int, Kind)
    /// Several rows at the first level that matched anything: reported, not guessed.
    case ambiguous([Int], Kind)
    /// No row.
    case none

    /// The matched row, when there is exactly one.
    package var index: Int? {
        if case let .unique(index, _) = self { return index }
        return nil
    }

    /// Upper-cased letters and digits only.
    package static func normalised(_ id: String) -> String {
        String(
            String.UnicodeScalarView(
                id.uppercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }))
    }

    /// The digits only, without leading zeros (`nil` when there are fewer than 3 digits: too weak a key).
    package static func numberKey(_ id: String) -> String? {
        let digits = id.unicodeScalars.filter { ("0"..."9").contains($0) }
        guard digits.count >= 3 else { return nil }
        let trimmed = String(String.UnicodeScalarView(digits.drop(while: { $0 == "0" })))
        return trimmed.isEmpty ? "0" : trimmed
    }
}
