/// Invoices grouped by customer, with as-of queries that use only what was known on the day asked.
///
/// ```swift
/// let ledger = try Ledger.load(path: "invoices.csv")                     // synonyms recognised
/// let asOf = try CalendarDay(parsing: "2013-06-30")
/// if let context = ledger.context(for: "3993-QUNVJ", asOf: asOf) {
///     print(context.customerValue, context.openBalance, context.daysPastDue, context.history.lateShare ?? 0)
/// }
/// ```
public struct Ledger: Sendable {
    /// Every row, in the order added.
    package private(set) var invoices: [Invoice] = []
    /// Row indices per customer, sorted by invoice date (then order added).
    private var byCustomer: [String: [Int]] = [:]
    private var exactIDs: [String: [Int]] = [:]
    private var normalisedIDs: [String: [Int]] = [:]
    private var numberIDs: [String: [Int]] = [:]

    /// An empty ledger.
    package init() {}

    /// A ledger of `invoices`.
    package init<S: Sequence>(_ invoices: S) where S.Element == Invoice {
        for invoice in invoices { append(invoice) }
    }

    /// Streams a CSV/JSONL ledger file in. - Throws: `RecordError` (`file:line: field 'x': reason`) or ``LedgerError``.
    public static func load(path: String, mapping: ColumnMapping = ColumnMapping()) throws -> Ledger {
        var ledger = Ledger()
        let reader = try LedgerReader(path: path, mapping: mapping)
        while let invoice = try reader.next() { ledger.append(invoice) }
        return ledger
    }

    /// Adds one row (e.g. a new invoice, or a settled copy of an open one: see ``settle(_:paidOn:openAmount:)``).
    package mutating func append(_ invoice: Invoice) {
        let index = invoices.count
        invoices.append(invoice)
        Self.insertByDate(index, into: &byCustomer[invoice.customerID, default: []], invoices: invoices)
        exactIDs[invoice.invoiceID, default: []].append(index)
        normalisedIDs[InvoiceMatch.normalised(invoice.invoiceID), default: []].append(index)
        if let key = InvoiceMatch.numberKey(invoice.invoiceID) { numberIDs[key, default: []].append(index) }
    }

    /// Keeps a customer's rows sorted by invoice date, in place; appends usually arrive in date order,
    /// so this is one comparison per row.
    private static func insertByDate(_ index: Int, into rows: inout [Int], invoices: [Invoice]) {
        var position = rows.count
        while position > 0 && invoices[rows[position - 1]].invoiceDate > invoices[index].invoiceDate { position -= 1 }
        rows.insert(index, at: position)
    }

    /// Records the payment of row `index` (online: the risk model learns from it from the next day on).
    package mutating func settle(_ index: Int, paidOn day: CalendarDay, openAmount: Double? = nil) {
        invoices[index].paidDate = day
        invoices[index].openAmount = openAmount
    }

    /// Customer ids, sorted.
    public var customers: [String] { byCustomer.keys.sorted() }

    /// Row indices of `customer`, by invoice date.
    package func rows(of customer: String) -> [Int] { byCustomer[customer] ?? [] }

    /// The latest invoice date in the ledger (`nil` when empty).
    package var lastInvoiceDate: CalendarDay? { invoices.map(\.invoiceDate).max() }

    /// The customer's context on `asOf` (`nil` for an unknown customer). Invoices issued after
    /// `asOf` are ignored, and a payment counts only on or before `asOf`.
    public func context(for customer: String, asOf: CalendarDay) -> CustomerContext? {
        guard let rows = byCustomer[customer] else { return nil }
        var value = 0.0, balance = 0.0, openAmount = 0.0
        var openCount = 0
        var oldest: Invoice? = nil
        var settled: [Invoice] = []
        for index in rows {
            let invoice = invoices[index]
            guard invoice.invoiceDate <= asOf else { break }
            if !invoice.isCreditNote && asOf.days(to: invoice.invoiceDate) > -365 { value += invoice.amount }
            let open = invoice.openAmount(on: asOf)
            balance += open
            if !invoice.isCreditNote && open > 0 {
                openCount += 1
                openAmount += open
                if oldest == nil || invoice.dueDate < oldest!.dueDate { oldest = invoice }
            }
            if let known = invoice.knownSettledOn, known <= asOf { settled.append(invoice) }
        }
        var history = PaymentHistory()
        for invoice in settled.sorted(by: {
            ($0.knownSettledOn!, $0.invoiceDate) < ($1.knownSettledOn!, $1.invoiceDate)
        }) {
            history.record(invoice)
        }
        return CustomerContext(
            customerID: customer, asOf: asOf, customerValue: value, openBalance: balance, openCount: openCount,
            openAmount: openAmount, daysPastDue: oldest.map { max(0, $0.dueDate.days(to: asOf)) } ?? 0,
            oldestOpenInvoiceID: oldest?.invoiceID, history: history)
    }

    /// The rows an invoice reference names: exact id first, then the normalised id, then the bare
    /// number. The first level with any match decides; several rows there are ``InvoiceMatch/ambiguous(_:_:)``.
    package func match(invoiceReference reference: String) -> InvoiceMatch {
        let levels: [(InvoiceMatch.Kind, [Int]?)] = [
            (.exact, exactIDs[reference]),
            (.normalised, normalisedIDs[InvoiceMatch.normalised(reference)]),
            (.number, InvoiceMatch.numberKey(reference).flatMap { numberIDs[$0] }),
        ]
        for (kind, rows) in levels {
            guard let rows, !rows.isEmpty else { continue }
            return rows.count == 1 ? .unique(rows[0], kind) : .ambiguous(rows, kind)
        }
        return .none
    }
}
