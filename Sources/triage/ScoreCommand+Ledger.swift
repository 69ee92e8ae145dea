import ArgumentParser
import DisputeTriage
import Foundation
import Ledger
import ModelFormat
import Records

/// `triage score --ledger FILE [--risk-model DIR] [--as-of DATE]`: customer numbers and payment risk
/// from a receivables ledger (see `LedgerContext`). Kept apart from ScoreCommand.swift so that the
/// scoring command itself only gains a few lines.
struct LedgerScoringOptions: ParsableArguments {
    @Option(
        help:
            "Receivables ledger (.csv, .jsonl): fills customer value, open balance, days past due, amount and payment risk."
    )
    var ledger: String?

    @Option(help: "Payer-risk model directory (default: trained on --ledger up to --as-of).")
    var riskModel: String?

    @Option(help: "Day of the ledger snapshot (YYYY-MM-DD; default today).")
    var asOf: String?

    @OptionGroup var columns: LedgerOptions

    /// The context, or `nil` without `--ledger`.
    func load() throws -> LedgerContext? {
        guard let ledger else { return nil }
        let book = try columns.load(ledger)
        let model = try riskModel.map { try PayerRiskModel.load(from: URL(fileURLWithPath: $0)) }
        return try LedgerContext(
            ledger: book, riskModel: model, asOf: asOf.map { try CalendarDay(parsing: $0) } ?? .today)
    }
}

extension LedgerContext {
    /// A dispute read from `record`, filled from the ledger (`customer_id` in the record names the customer).
    func attach(_ dispute: Dispute, record: Record) throws -> (Dispute, Attachment) {
        try attach(dispute, customerID: record.optionalText("customer_id"))
    }
}

extension LedgerContext.Attachment {
    /// Adds `"ledger":{…}` to a JSON object line that `ResultFormatter` wrote (replacing its closing brace).
    func append(to out: inout [UInt8]) {
        guard out.last == UInt8(ascii: "}") else { return }
        out.removeLast()
        func number(_ value: Double) -> String { String(format: "%.2f", value) }
        out.append(contentsOf: #","ledger":{"customer_id":"#.utf8)
        if let customerID { JSONString.append(customerID, to: &out) } else { out.append(contentsOf: "null".utf8) }
        if let customerSource { out.append(contentsOf: ",\"customer_from\":\"\(customerSource)\"".utf8) }
        out.append(contentsOf: #","invoices":["#.utf8)
        for (i, mention) in references.invoices.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"id":"#.utf8)
            JSONString.append(mention.id, to: &out)
            let match: String
            switch link.matches[i] {
            case let .unique(_, kind): match = kind.rawValue
            case .ambiguous: match = "ambiguous"
            case .none: match = "none"
            }
            out.append(contentsOf: ",\"match\":\"\(match)\"}".utf8)
        }
        out.append(UInt8(ascii: "]"))
        if !link.ambiguousCustomers.isEmpty {
            out.append(contentsOf: #","ambiguous_customers":["#.utf8)
            for (i, customer) in link.ambiguousCustomers.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONString.append(customer, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        if let amount = link.disputedAmount, let source = link.amountSource {
            out.append(contentsOf: ",\"amount\":\(number(amount)),\"amount_from\":\"\(source)\"".utf8)
        }
        if let c = context {
            out.append(
                contentsOf:
                    ",\"as_of\":\"\(c.asOf)\",\"customer_value\":\(number(c.customerValue)),\"open_balance\":\(number(c.openBalance)),\"open_invoices\":\(c.openCount),\"days_past_due\":\(c.daysPastDue)"
                    .utf8)
        }
        if let risk {
            out.append(
                contentsOf:
                    ",\"p_late\":\(String(format: "%.4f", risk.lateProbability)),\"expected_days_late\":\(number(risk.daysLate)),\"p_disputed\":\(String(format: "%.4f", risk.disputeProbability))"
                    .utf8)
        }
        out.append(contentsOf: "}}".utf8)
    }
}
