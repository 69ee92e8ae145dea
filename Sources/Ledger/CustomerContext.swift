/// What the ledger says about one customer as of a day, using only what was known that day.
///
/// ```swift
/// let context = ledger.context(for: "3993-QUNVJ", asOf: try CalendarDay(parsing: "2013-06-30"))!
/// print(context.customerValue, context.openBalance, context.daysPastDue)
/// ```
public struct CustomerContext: Sendable, Equatable {
    public var customerID: String
    package var asOf: CalendarDay
    /// Amount billed over the trailing 12 months (365 days up to and including `asOf`; credit notes not counted).
    public var customerValue: Double
    /// Sum of everything open on `asOf`, credit notes included (negative = credit on account).
    public var openBalance: Double
    /// Invoices (not credit notes) open on `asOf`, and their open amount.
    package var openCount: Int
    package var openAmount: Double
    /// Days past due of the oldest open invoice (0 when nothing is overdue).
    public var daysPastDue: Int
    /// The oldest open invoice (by due date), if any.
    package var oldestOpenInvoiceID: String?
    /// Invoices settled on or before `asOf`.
    package var history: PaymentHistory

    /// Days from the last payment to `asOf` (`nil` when the customer never paid).
    package var daysSinceLastPayment: Int? { history.lastPayment.map { $0.days(to: asOf) } }
}
