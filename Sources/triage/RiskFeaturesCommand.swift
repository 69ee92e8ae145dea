import ArgumentParser
import Foundation
import Ledger

/// `triage risk features`: the causal feature rows the risk model sees, as CSV, so that other tools
/// (the scikit-learn peers in Benchmarks/peers) are measured on exactly the same inputs.
struct RiskFeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract:
            "Write the payer-risk features and outcomes of every invoice as CSV (each described with what was known on its date).",
        discussion: """
            Without --history: every settled invoice of --ledger, as `risk train` sees them. With --history: \
            every invoice of --ledger described from --history plus the rows of --ledger settled before it, \
            as `risk evaluate` sees them. Columns: row (1-based row of --ledger), invoice_id, late, days_late, \
            disputed (empty when unknown), then the features.
            """)

    @Option(help: "Ledger whose rows are described.")
    var ledger: String

    @Option(help: "Ledger known before --ledger (evaluation rows).")
    var history: String?

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    @OptionGroup var columns: LedgerOptions

    func run() throws {
        let rows = try LedgerReader.readAll(path: ledger, mapping: columns.mapping())
        var combined = try history.map { try columns.load($0) } ?? Ledger()
        let start = combined.invoices.count
        for invoice in rows { combined.append(invoice) }
        let described = LedgerTimeline.describedRows(combined) { index in
            index >= start && (history != nil || combined.invoices[index].paidDate != nil)
        }.sorted { $0.index < $1.index }
        let out = try OutputFile(path: output)
        do {
            try out.write(
                line: (["row", "invoice_id", "late", "days_late", "disputed"] + PayerFeatures.names).joined(
                    separator: ","))
            for (index, features) in described {
                let invoice = combined.invoices[index]
                var fields = [
                    String(index - start + 1),
                    "\"" + invoice.invoiceID.replacingOccurrences(of: "\"", with: "\"\"") + "\"",
                ]
                fields.append(invoice.isLate.map { $0 ? "1" : "0" } ?? "")
                fields.append(invoice.daysLate.map(String.init) ?? "")
                fields.append(invoice.disputed.map { $0 ? "1" : "0" } ?? "")
                fields += features.map { String($0) }
                try out.write(line: fields.joined(separator: ","))
            }
            try out.commit()
        } catch {
            out.discard()
            throw error
        }
    }
}
