import Ledger
import ModelFormat

/// The JSON line `triage extract` writes for one record.
enum ExtractionFormatter {
    static func append(
        id: String, _ found: ExtractedReferences, link: DisputeLink?, ledger: Ledger?, to out: inout [UInt8]
    ) {
        func span(_ s: TextSpan) -> String { "[\(s.start),\(s.end)]" }
        func number(_ value: Double) -> String {
            value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        }
        func text(_ value: String) { JSONString.append(value, to: &out) }
        out.append(contentsOf: #"{"id":"#.utf8)
        text(id)
        out.append(contentsOf: ",\"language\":\"\(found.language.rawValue)\",\"invoices\":[".utf8)
        for (i, invoice) in found.invoices.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"id":"#.utf8)
            text(invoice.id)
            out.append(contentsOf: ",\"kind\":\"\(invoice.kind.rawValue)\",\"span\":\(span(invoice.span))".utf8)
            if let link, let ledger {
                switch link.matches[i] {
                case let .unique(row, kind):
                    out.append(contentsOf: ",\"match\":\"\(kind.rawValue)\",\"ledger_invoice_id\":".utf8)
                    text(ledger.invoices[row].invoiceID)
                    out.append(contentsOf: #","customer_id":"#.utf8)
                    text(ledger.invoices[row].customerID)
                case let .ambiguous(rows, kind):
                    out.append(
                        contentsOf: ",\"match\":\"ambiguous\",\"match_level\":\"\(kind.rawValue)\",\"candidates\":["
                            .utf8)
                    for (j, row) in rows.enumerated() {
                        if j > 0 { out.append(UInt8(ascii: ",")) }
                        text(ledger.invoices[row].invoiceID)
                    }
                    out.append(UInt8(ascii: "]"))
                case .none:
                    out.append(contentsOf: #","match":"none""#.utf8)
                }
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: "],\"amounts\":[".utf8)
        for (i, amount) in found.amounts.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: "{\"value\":\(number(amount.value)),\"currency\":\"\(amount.currency)\"".utf8)
            if let qualifier = amount.qualifier {
                out.append(contentsOf: #","qualifier":"#.utf8)
                text(qualifier)
            }
            out.append(contentsOf: ",\"span\":\(span(amount.span))}".utf8)
        }
        out.append(contentsOf: "],\"percentages\":[".utf8)
        out.append(
            contentsOf: found.percentages.map { "{\"value\":\(number($0.value)),\"span\":\(span($0.span))}" }.joined(
                separator: ","
            ).utf8)
        out.append(contentsOf: "],\"dates\":[".utf8)
        out.append(
            contentsOf: found.dates.map {
                "{\"date\":\"\($0.iso)\",\"ambiguous\":\($0.ambiguous),\"span\":\(span($0.span))}"
            }.joined(separator: ",").utf8)
        out.append(contentsOf: "],\"references\":[".utf8)
        for (i, reference) in found.references.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"id":"#.utf8)
            text(reference.id)
            out.append(contentsOf: ",\"kind\":\"\(reference.kind.rawValue)\",\"span\":\(span(reference.span))}".utf8)
        }
        out.append(contentsOf: "],\"disputed_amount\":".utf8)
        if let amount = link?.disputedAmount {
            out.append(contentsOf: "{\"value\":\(number(amount)),\"source\":\"\(link!.amountSource!)\"}".utf8)
        } else if let amount = found.disputedAmount {
            out.append(
                contentsOf:
                    "{\"value\":\(number(amount.value)),\"currency\":\"\(amount.currency)\",\"span\":\(span(amount.span))}"
                    .utf8)
        } else {
            out.append(contentsOf: "null".utf8)
        }
        if let link {
            out.append(contentsOf: #","customer_id":"#.utf8)
            if let customer = link.customerID { text(customer) } else { out.append(contentsOf: "null".utf8) }
            if !link.ambiguousCustomers.isEmpty {
                out.append(contentsOf: #","ambiguous_customers":"#.utf8)
                out.append(UInt8(ascii: "["))
                for (j, customer) in link.ambiguousCustomers.enumerated() {
                    if j > 0 { out.append(UInt8(ascii: ",")) }
                    text(customer)
                }
                out.append(UInt8(ascii: "]"))
            }
        }
        out.append(UInt8(ascii: "}"))
    }
}
