/// The ledger fields DisputeTriage understands, with the column names recognised for each without
/// any mapping. Names are compared after lower-casing and dropping everything but letters and
/// digits, so `InvoiceNumber`, `invoice number` and `invoice_number` are the same name.
///
/// ```swift
/// LedgerField.paidDate.synonyms   // ["paid_date", "settled_date", "clear_date", …]
/// ```
public enum LedgerField: String, CaseIterable, Sendable, Codable {
    case customerID = "customer_id"
    case invoiceID = "invoice_id"
    case invoiceDate = "invoice_date"
    case dueDate = "due_date"
    case amount
    case currency
    case paidDate = "paid_date"
    case openAmount = "open_amount"
    case disputed
    /// Payment terms in days; used for the due date when there is no due-date column.
    case termsDays = "terms_days"
    /// Paper or electronic billing for this invoice (known when it is issued).
    case paperless

    /// Recognised column names, most specific first (the first one present wins).
    package var synonyms: [String] {
        switch self {
        case .customerID:
            return [
                "customer_id", "customer_number", "cust_number", "cust_id", "customer", "customer_no", "client_id",
                "client",
                "account_id", "account_number", "party_id", "party", "vendor_name", "vendor_id", "vendor", "payee",
                "customer_name",
            ]
        case .invoiceID:
            // `id` comes last: the shared ledgers carry a row id beside (ibm_ar) or instead of (cassandra_ap) an invoice number.
            return [
                "invoice_id", "invoice_number", "invoice_no", "invoice_num", "invoice", "doc_id", "document_number",
                "document_id", "id",
            ]
        case .invoiceDate:
            return [
                "invoice_date", "document_date", "doc_date", "issue_date", "issued", "posting_date", "billing_date",
                "date",
            ]
        case .dueDate:
            return ["due_date", "due_in_date", "net_due_date", "payment_due_date", "due"]
        case .amount:
            return [
                "amount", "invoice_amount", "total_amount", "amount_total", "gross_amount", "total",
                "total_open_amount", "value",
            ]
        case .currency:
            return ["currency", "invoice_currency", "currency_code", "ccy"]
        case .paidDate:
            return [
                "paid_date", "settled_date", "clear_date", "cleared_date", "payment_date", "date_paid",
                "settlement_date", "settled_on",
            ]
        case .openAmount:
            return [
                "open_amount", "outstanding", "outstanding_amount", "amount_open", "amount_outstanding",
                "remaining_amount", "balance_due",
            ]
        case .disputed:
            return ["disputed", "is_disputed", "in_dispute", "dispute"]
        case .termsDays:
            return ["terms_days", "payment_terms_days", "terms", "payment_terms"]
        case .paperless:
            return ["paperless_bill", "paperless", "billing_channel", "e_invoice", "electronic_invoice"]
        }
    }

    /// Fields a ledger must have (a due date may come from the terms instead).
    package var isRequired: Bool {
        switch self {
        case .customerID, .invoiceID, .invoiceDate, .amount: return true
        default: return false
        }
    }

    /// A column name reduced to lower-case letters and digits.
    package static func normalise(_ name: String) -> String {
        String(
            String.UnicodeScalarView(
                name.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }))
    }
}
