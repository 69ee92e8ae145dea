import Records

/// Streams ``Invoice``s from a CSV or JSONL ledger through `Records.RecordReader`, recognising
/// column synonyms (``LedgerField/synonyms``) and an optional explicit ``ColumnMapping``.
///
/// A bad row stops the read with `file:line: field 'column': reason` (a `Records.RecordError`),
/// naming the column as it is spelled in the file.
///
/// ```swift
/// let reader = try LedgerReader(path: "../shared/data/ibm_ar/train.csv")
/// while let invoice = try reader.next() { print(invoice.invoiceID, invoice.daysLate ?? -1) }
/// ```
package final class LedgerReader {
    private let records: RecordReader
    private let mapping: ColumnMapping
    /// Resolved columns (CSV: from the header; JSONL: from each record's keys).
    private var columns: [LedgerField: String]? = nil
    private var jsonlKeys: [String] = []

    /// Opens `path` (format from the extension). - Throws: `RecordError` when it cannot be opened.
    package init(path: String, mapping: ColumnMapping = ColumnMapping()) throws {
        self.records = try RecordReader(path: path)
        self.mapping = mapping
    }

    /// The next invoice, or `nil` at the end. - Throws: `RecordError` for a bad row, ``LedgerError``
    /// when a required column cannot be found (also in the header of a CSV file without rows).
    package func next() throws -> Invoice? {
        guard let record = try records.next() else {
            if columns == nil, let header = records.columns {
                columns = try mapping.resolve(columns: header, file: records.file)
            }
            return nil
        }
        let resolved: [LedgerField: String]
        if let known = columns, records.format == .csv {
            resolved = known
        } else {
            let keys = records.columns ?? record.orderedFields.map(\.name).sorted()
            if let known = columns, keys == jsonlKeys {
                resolved = known
            } else {
                resolved = try mapping.resolve(columns: keys, file: records.file)
                jsonlKeys = keys
            }
            columns = resolved
        }
        return try Self.invoice(from: record, columns: resolved)
    }

    /// Reads a whole file into memory (the rows stay in file order).
    package static func readAll(path: String, mapping: ColumnMapping = ColumnMapping()) throws -> [Invoice] {
        let reader = try LedgerReader(path: path, mapping: mapping)
        var invoices: [Invoice] = []
        while let invoice = try reader.next() { invoices.append(invoice) }
        return invoices
    }

    static func invoice(from record: Record, columns: [LedgerField: String]) throws -> Invoice {
        func text(_ field: LedgerField) throws -> String? {
            guard let column = columns[field] else { return nil }
            return try record.optionalText(column)?.trimmingCharacters(in: .whitespaces)
        }
        func required(_ field: LedgerField) throws -> String {
            guard let value = try text(field), !value.isEmpty else {
                throw record.error(columns[field] ?? field.rawValue, "missing (\(field.rawValue) is required)")
            }
            return value
        }
        func day(_ field: LedgerField) throws -> CalendarDay? {
            guard let value = try text(field), !value.isEmpty else { return nil }
            do { return try CalendarDay(parsing: value) } catch { throw record.error(columns[field]!, "\(error)") }
        }
        func number(_ field: LedgerField) throws -> Double? {
            guard let column = columns[field] else { return nil }
            return try record.optionalNumber(column)
        }
        let customer = try required(.customerID)
        let invoiceID = try required(.invoiceID)
        guard let invoiceDate = try day(.invoiceDate) else {
            throw record.error(columns[.invoiceDate]!, "missing (invoice_date is required)")
        }
        guard let amount = try number(.amount) else {
            throw record.error(columns[.amount]!, "missing (amount is required)")
        }
        var due = try day(.dueDate)
        if due == nil, let terms = try number(.termsDays) {
            guard terms >= 0, terms <= 3650, terms == terms.rounded() else {
                throw record.error(columns[.termsDays]!, "\(terms) is not a whole number of days in 0…3650")
            }
            due = invoiceDate.adding(days: Int(terms))
        }
        guard let dueDate = due else {
            throw record.error(
                columns[.dueDate] ?? columns[.termsDays]!, "missing (a due date or payment terms is required)")
        }
        guard dueDate >= invoiceDate else {
            throw record.error(columns[.dueDate]!, "due date \(dueDate) is before the invoice date \(invoiceDate)")
        }
        let open = try number(.openAmount)
        if let open, amount >= 0 ? !(0...amount).contains(open) : !(amount...0).contains(open) {
            throw record.error(columns[.openAmount]!, "open amount \(open) is outside 0…\(amount) (the invoice amount)")
        }
        var paperless: Bool? = nil
        if let value = try text(.paperless), !value.isEmpty {
            switch value.lowercased() {
            case "electronic", "paperless", "e-invoice", "email", "edi", "true", "yes", "1", "y": paperless = true
            case "paper", "post", "mail", "false", "no", "0", "n": paperless = false
            default: throw record.error(columns[.paperless]!, "'\(value)' is not paper/electronic")
            }
        }
        let currency = try text(.currency).flatMap { $0.isEmpty ? nil : $0.uppercased() }
        return Invoice(
            customerID: customer, invoiceID: invoiceID, invoiceDate: invoiceDate, dueDate: dueDate, amount: amount,
            currency: currency, paidDate: try day(.paidDate), openAmount: open,
            disputed: try columns[.disputed].flatMap { try record.optionalBool($0) }, paperless: paperless,
            source: "\(record.file):\(record.line)")
    }
}
