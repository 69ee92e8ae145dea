extension Ledger {
    /// The ledger as it looked at the end of `day`: later invoices dropped, later payments undone
    /// (and their open amounts unknown again). Useful to replay or audit a past decision.
    package func asOf(_ day: CalendarDay) -> Ledger {
        var past = Ledger()
        for invoice in invoices where invoice.invoiceDate <= day {
            var copy = invoice
            if let paid = invoice.knownSettledOn, paid > day {
                copy.paidDate = nil
                copy.openAmount = nil
            }
            past.append(copy)
        }
        return past
    }

    /// A hypothetical new invoice of `customer` issued the day after `day`, of the customer's usual
    /// amount and terms: what "this payer's risk today" is measured on.
    func probeInvoice(for customer: String, after day: CalendarDay) -> Invoice? {
        let past = rows(of: customer).map { invoices[$0] }.filter { $0.invoiceDate <= day && !$0.isCreditNote }
        guard let last = past.last else { return nil }
        let recent = past.suffix(12)
        let usual = recent.reduce(0) { $0 + $1.amount } / Double(recent.count)
        let issued = day.adding(days: 1)
        return Invoice(
            customerID: customer, invoiceID: "", invoiceDate: issued, dueDate: issued.adding(days: last.termsDays),
            amount: usual, currency: last.currency, paperless: last.paperless, source: "probe")
    }
}
