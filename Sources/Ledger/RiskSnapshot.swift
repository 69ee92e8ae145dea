/// Every open invoice and every customer of a ledger on one day, with their payer risk:
/// what `triage risk score` prints and what dispute scoring reads for a customer's payment risk.
///
/// ```swift
/// let snapshot = RiskSnapshot(ledger: ledger, model: model, asOf: try CalendarDay(parsing: "2013-09-08"))
/// for line in snapshot.customers { print(line.context.customerID, line.risk.lateProbability) }
/// ```
public struct RiskSnapshot: Sendable {
    /// An invoice open on the day, with the risk predicted on its invoice date.
    package struct OpenInvoice: Sendable {
        package var invoice: Invoice
        package var openAmount: Double
        package var daysPastDue: Int
        package var risk: PayerRisk
    }

    /// A customer's context on the day and the risk of a new invoice of their usual amount and terms.
    public struct Customer: Sendable {
        public var context: CustomerContext
        public var risk: PayerRisk
    }

    package var asOf: CalendarDay
    /// By customer, then invoice date.
    package var openInvoices: [OpenInvoice]
    /// By customer id (customers with an invoice on or before the day).
    public var customers: [Customer]

    /// Computes the snapshot with only what was known at the end of `asOf`.
    public init(ledger: Ledger, model: PayerRiskModel, asOf: CalendarDay) {
        self.asOf = asOf
        var past = ledger.asOf(asOf)
        let open = Set(
            past.invoices.indices.filter {
                !past.invoices[$0].isCreditNote && past.invoices[$0].openAmount(on: asOf) > 0
            })
        var probes: [String: Int] = [:]
        for customer in past.customers {
            if let probe = past.probeInvoice(for: customer, after: asOf) {
                probes[customer] = past.invoices.count
                past.append(probe)
            }
        }
        let probeRows = Set(probes.values)
        var risks: [Int: PayerRisk] = [:]
        LedgerTimeline.replay(
            past, describe: { open.contains($0) || probeRows.contains($0) },
            handle: { event in
                if case let .described(index, row) = event { risks[index] = model.predict(row) }
            })
        var openInvoices: [OpenInvoice] = []
        var customers: [Customer] = []
        for customer in past.customers {
            for index in past.rows(of: customer) where open.contains(index) {
                let invoice = past.invoices[index]
                openInvoices.append(
                    OpenInvoice(
                        invoice: invoice, openAmount: invoice.openAmount(on: asOf),
                        daysPastDue: max(0, invoice.dueDate.days(to: asOf)), risk: risks[index]!))
            }
            if let probe = probes[customer], let context = past.context(for: customer, asOf: asOf) {
                customers.append(Customer(context: context, risk: risks[probe]!))
            }
        }
        self.openInvoices = openInvoices
        self.customers = customers
    }
}
