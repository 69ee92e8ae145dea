import Ledger

/// Fills a dispute's customer numbers from a receivables ledger: the customer (the dispute's
/// `customer_id`, else the customer of the invoices its text names), the customer value, open
/// balance and days past due as of a day, the disputed amount (from the text, else the named
/// invoice) and the payment risk P(late) of a new invoice for that customer. Numbers given in the
/// dispute itself always win.
///
/// ```swift
/// let ledger = try Ledger.load(path: "invoices.csv")
/// let context = try LedgerContext(ledger: ledger, asOf: try CalendarDay(parsing: "2013-09-08"))   // trains a risk model on the ledger
/// let (filled, attachment) = try context.attach(dispute, customerID: nil)
/// let results = try model.score([filled])            // explanation now has a payment_risk factor
/// print(attachment.customerID ?? "unknown customer", attachment.context?.openBalance ?? 0)
/// ```
public struct LedgerContext: Sendable {
    package let ledger: Ledger
    package let riskModel: PayerRiskModel
    package let asOf: CalendarDay
    private let customerRisk: [String: PayerRisk]
    private let extractor = InvoiceReferenceExtractor()

    /// What the ledger contributed to one dispute.
    public struct Attachment: Sendable {
        /// The customer, and how it was found: `field` (the dispute's customer_id) or `invoice` (its text).
        public var customerID: String?
        package var customerSource: String?
        /// The invoice references found in the text and what they matched.
        package var link: DisputeLink
        package var references: ExtractedReferences
        public var context: CustomerContext?
        public var risk: PayerRisk?
    }

    /// A context on `asOf`, with `riskModel` or (when `nil`) a model trained on the ledger itself.
    public init(ledger: Ledger, riskModel: PayerRiskModel? = nil, asOf: CalendarDay) throws {
        self.ledger = ledger
        self.asOf = asOf
        let model = try riskModel ?? PayerRiskModel.train(on: ledger.asOf(asOf))
        self.riskModel = model
        var risks: [String: PayerRisk] = [:]
        for customer in RiskSnapshot(ledger: ledger, model: model, asOf: asOf).customers {
            risks[customer.context.customerID] = customer.risk
        }
        self.customerRisk = risks
    }

    /// The dispute with missing numbers filled from the ledger, and what was found.
    public func attach(_ dispute: Dispute, customerID: String?) throws -> (Dispute, Attachment) {
        let references = extractor.extract(dispute.text)
        let link = DisputeLink(references, ledger: ledger)
        let known = customerID.flatMap { ledger.rows(of: $0).isEmpty ? nil : $0 }
        let customer = known ?? link.customerID
        let context = customer.flatMap { ledger.context(for: $0, asOf: asOf) }
        let risk = customer.flatMap { customerRisk[$0] }
        let fromLedger = try DisputeFacts(
            amount: link.disputedAmount.map { abs($0) }, customerValue: context?.customerValue,
            openBalance: context?.openBalance, daysPastDue: context.map { Double($0.daysPastDue) },
            paymentRisk: risk.map { min(max($0.lateProbability, 0), 1) })
        let filled = try Dispute(id: dispute.id, text: dispute.text, facts: dispute.facts.filling(from: fromLedger))
        let attachment = Attachment(
            customerID: customer, customerSource: known != nil ? "field" : (customer != nil ? "invoice" : nil),
            link: link, references: references, context: context, risk: risk)
        return (filled, attachment)
    }
}
