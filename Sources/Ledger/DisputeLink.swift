/// What a dispute's invoice references resolve to in a ledger: one ``InvoiceMatch`` per invoice
/// mention, the customer when every resolved invoice belongs to the same one, and the disputed
/// amount (from the text, else the single matched invoice's open or full amount).
///
/// ```swift
/// let link = DisputeLink(InvoiceReferenceExtractor().extract(text), ledger: ledger)
/// link.customerID        // nil when no invoice matched or the matches disagree (see ambiguousCustomers)
/// ```
package struct DisputeLink: Sendable, Equatable {
    /// One per ``ExtractedReferences/invoices`` entry, in the same order.
    package var matches: [InvoiceMatch]
    /// The customer of every uniquely matched invoice, when they agree.
    package var customerID: String?
    /// Several customers among the matches (reported, not guessed).
    package var ambiguousCustomers: [String]
    /// The disputed amount: the text's, else the one matched invoice's amount.
    package var disputedAmount: Double?
    /// Where ``disputedAmount`` came from: `text` or `ledger`.
    package var amountSource: String?
    /// Ledger rows of the uniquely matched invoices.
    package var matchedRows: [Int] { matches.compactMap(\.index) }

    package init(_ found: ExtractedReferences, ledger: Ledger) {
        matches = found.invoices.map { ledger.match(invoiceReference: $0.id) }
        let rows = matches.compactMap(\.index)
        let customers = Array(Set(rows.map { ledger.invoices[$0].customerID })).sorted()
        customerID = customers.count == 1 ? customers[0] : nil
        ambiguousCustomers = customers.count > 1 ? customers : []
        if let amount = found.disputedAmount {
            disputedAmount = amount.value
            amountSource = "text"
        } else if Set(rows).count == 1 {
            disputedAmount = ledger.invoices[rows[0]].amount
            amountSource = "ledger"
        } else {
            disputedAmount = nil
            amountSource = nil
        }
    }
}
