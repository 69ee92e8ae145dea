import ArgumentParser
import Ledger

/// `--map` and `--mapping-file`: how ledger columns are named when they are not among the synonyms
/// `Ledger` recognises by itself.
struct LedgerOptions: ParsableArguments {
    @Option(
        help:
            "Ledger columns for fields, e.g. invoice_id=InvoiceNumber,customer_id=Account (fields: \(LedgerField.allCases.map(\.rawValue).joined(separator: ", ")))."
    )
    var map: String?

    @Option(help: "File of field=Column lines (# starts a comment), as --map.")
    var mappingFile: String?

    /// The explicit mapping (both sources together; a field given twice is an error).
    func mapping() throws -> ColumnMapping {
        var text = ""
        if let mappingFile {
            text +=
                try ColumnMapping(contentsOf: mappingFile).explicit.map { "\($0.key.rawValue)=\($0.value)" }.sorted()
                .joined(separator: "\n") + "\n"
        }
        if let map { text += map }
        return try ColumnMapping(parsing: text)
    }

    /// Loads a ledger file with this mapping.
    func load(_ path: String) throws -> Ledger {
        try Ledger.load(path: path, mapping: mapping())
    }
}
