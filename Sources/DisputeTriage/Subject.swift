/// What a dispute is about. The raw values are the label ids used in training data and output.
///
/// ```swift
/// Subject(rawValue: "duplicate_billing")?.x12AdjustmentReasonCodes   // ["19"]
/// Subject(x12AdjustmentReasonCode: "54")                              // .freight
/// ```
public enum Subject: String, CaseIterable, Codable, Sendable {
    /// Price or rate differs from the quote, contract, price list or PO.
    case pricing
    /// Billed quantity differs from what was received; short shipment.
    case quantity
    /// Goods damaged, defective, spoiled or of poor quality.
    case damagedGoods = "damaged_goods"
    /// Wrong product or specification delivered.
    case wrongItem = "wrong_item"
    /// Nothing received, or the service was never performed; proof of delivery asked.
    case notDelivered = "not_delivered"
    /// Invoiced twice.
    case duplicateBilling = "duplicate_billing"
    /// Already paid; payment not applied; remittance sent.
    case alreadyPaid = "already_paid"
    /// Sales tax or VAT wrong, exemption certificate, reverse charge.
    case tax
    /// Shipping, freight, fuel surcharge, handling.
    case freight
    /// Trade promotion, rebate, allowance, volume or early-payment discount not honoured.
    case promotion
    /// Goods returned; credit note not issued or not applied.
    case returnsCredit = "returns_credit"
    /// Not ordered, no valid PO, cancelled order, terminated contract.
    case unauthorized
    /// Late fees, interest, penalties, payment terms.
    case termsFees = "terms_fees"
    /// Services performed badly, SLA breach, incomplete work.
    case serviceQuality = "service_quality"
    /// Missing or incorrect PO number, invoice copy, billing entity or address, supplier forms.
    case documentation
}
