import ArgumentParser
import Foundation
import Ledger
import ModelFormat
import Records

/// `triage extract`: invoice numbers, amounts, percentages, dates and credit-note / return references
/// in dispute texts, optionally linked to a ledger.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract:
            "Find the invoices, amounts, percentages, dates and credit-note/return references a dispute names (English and French).",
        discussion: """
            One JSON line per record: {"id", "language", "invoices": [{"id", "kind", "span"}], "amounts": [{"value", "currency", \
            "qualifier", "span"}], "percentages", "dates": [{"date", "ambiguous", "span"}], "references", "disputed_amount"}. \
            Spans are [start, end) in Unicode scalars. With --ledger each invoice also gets "match" (exact, normalised, \
            number, ambiguous or none) and the record gets "customer_id" when every matched invoice has the same customer \
            ("ambiguous_customers" otherwise).
            Example: triage extract --data TrainingData/sample_disputes.jsonl --ledger invoices.csv
            """)

    @Option(help: "Disputes (.csv, .jsonl): id and text.")
    var data: String

    @Option(help: "Output format (jsonl).")
    var format: String = "jsonl"

    @Option(help: "Ledger to link the invoices to.")
    var ledger: String?

    @Option(help: "Text field name.")
    var textField = "text"

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    @OptionGroup var columns: LedgerOptions

    func validate() throws {
        guard format == "jsonl" else { throw ValidationError("--format must be jsonl") }
    }

    func run() throws {
        let book = try ledger.map { try columns.load($0) }
        let extractor = InvoiceReferenceExtractor()
        let reader = try RecordReader(path: data)
        let out = try OutputFile(path: output)
        do {
            while let record = try reader.next() {
                let text = try record.requiredText(textField)
                let id = try record.optionalText("id") ?? "line-\(record.line)"
                let found = extractor.extract(text)
                let link = book.map { DisputeLink(found, ledger: $0) }
                try out.writeLine { ExtractionFormatter.append(id: id, found, link: link, ledger: book, to: &$0) }
            }
            try out.commit()
        } catch {
            out.discard()
            throw error
        }
    }
}
