/// One ledger row: an invoice (or a credit note, with a negative amount) and, once known, how it
/// was settled.
///
/// `paidDate`, `openAmount` and `disputed` are outcomes: the risk features of an invoice never
/// read its own, and read other invoices' only once they are known (see ``knownSettledOn``).
///
/// ```swift
/// let invoice = try Invoice(customerID: "C-1", invoiceID: "INV-2291", invoiceDate: CalendarDay(parsing: "2024-03-01"),
///                           dueDate: CalendarDay(parsing: "2024-03-31"), amount: 1_200)
/// invoice.daysLate   // nil: not settled yet
/// ```
package struct Invoice: Sendable, Equatable {
    package var customerID: String
    package var invoiceID: String
    package var invoiceDate: CalendarDay
    package var dueDate: CalendarDay
    /// Amount billed; negative for a credit note.
    package var amount: Double
    package var currency: String?
    /// When it was paid (settled); `nil` while open.
    package var paidDate: CalendarDay?
    /// Amount still open at the time of the export (partial payments); `nil` when not given.
    package var openAmount: Double?
    /// Whether the customer disputed it; `nil` when the ledger does not say.
    package var disputed: Bool?
    /// Paper (`false`) or electronic (`true`) billing, when known.
    package var paperless: Bool?
    /// Where it came from, for messages (`file:line`).
    package var source: String

    /// An invoice as given (``LedgerReader`` validates file rows before building one).
    package init(
        customerID: String, invoiceID: String, invoiceDate: CalendarDay, dueDate: CalendarDay, amount: Double,
        currency: String? = nil, paidDate: CalendarDay? = nil, openAmount: Double? = nil, disputed: Bool? = nil,
        paperless: Bool? = nil, source: String = ""
    ) {
        self.customerID = customerID
        self.invoiceID = invoiceID
        self.invoiceDate = invoiceDate
        self.dueDate = dueDate
        self.amount = amount
        self.currency = currency
        self.paidDate = paidDate
        self.openAmount = openAmount
        self.disputed = disputed
        self.paperless = paperless
        self.source = source
    }

    /// A credit note (negative amount).
    package var isCreditNote: Bool { amount < 0 }

    /// Payment terms in days.
    package var termsDays: Int { invoiceDate.days(to: dueDate) }

    /// The day its settlement is known: the paid date, but never before the invoice exists (a few
    /// ledgers record prepayments dated before the invoice).
    package var knownSettledOn: CalendarDay? { paidDate.map { max($0, invoiceDate) } }

    /// Days paid after the due date (0 when on time); `nil` while unpaid.
    package var daysLate: Int? { paidDate.map { max(0, dueDate.days(to: $0)) } }

    /// Paid after the due date; `nil` while unpaid.
    package var isLate: Bool? { daysLate.map { $0 > 0 } }

    /// The amount open on `day`: nothing before it is issued, the whole amount until it is paid,
    /// then what the export says is still open (partial payments).
    package func openAmount(on day: CalendarDay) -> Double {
        guard invoiceDate <= day else { return 0 }
        if let paid = knownSettledOn, paid <= day { return openAmount ?? 0 }
        return paidDate == nil ? (openAmount ?? amount) : amount
    }

    /// Whether any amount is open on `day`.
    package func isOpen(on day: CalendarDay) -> Bool { openAmount(on: day) != 0 }
}
