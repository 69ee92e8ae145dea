import Foundation

/// Which column of a ledger file holds each ``LedgerField``: the explicit mapping first (from
/// `--map invoice_id=InvoiceNumber,…` or a mapping file), then the recognised synonyms.
///
/// ```swift
/// let mapping = try ColumnMapping(parsing: "invoice_id=InvoiceNumber,amount=Total")
/// let columns = try mapping.resolve(columns: ["InvoiceNumber", "Total", "cust", "date"], file: "ar.csv")   // throws: customer_id missing
/// ```
public struct ColumnMapping: Sendable, Equatable {
    /// Explicit column for a field.
    package var explicit: [LedgerField: String]

    /// No explicit mapping: synonyms only.
    public init(explicit: [LedgerField: String] = [:]) { self.explicit = explicit }

    /// Parses `field=Column` entries separated by commas or new lines; blank lines and lines starting
    /// with `#` are ignored. - Throws: ``LedgerError/invalidMapping(_:)``.
    public init(parsing text: String) throws {
        var explicit: [LedgerField: String] = [:]
        for rawEntry in text.split(whereSeparator: { $0 == "," || $0 == "\n" || $0 == "\r" }) {
            let entry = rawEntry.trimmingCharacters(in: .whitespaces)
            if entry.isEmpty || entry.hasPrefix("#") { continue }
            guard let equals = entry.firstIndex(of: "=") else {
                throw LedgerError.invalidMapping("'\(entry)' is not field=COLUMN")
            }
            let name = entry[..<equals].trimmingCharacters(in: .whitespaces)
            let column = entry[entry.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard let field = LedgerField(rawValue: name) else {
                throw LedgerError.invalidMapping(
                    "unknown field '\(name)' (known: \(LedgerField.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard !column.isEmpty else { throw LedgerError.invalidMapping("'\(entry)' has no column name") }
            guard explicit[field] == nil else { throw LedgerError.invalidMapping("\(name) is mapped twice") }
            explicit[field] = column
        }
        self.explicit = explicit
    }

    /// Reads a mapping file (same syntax as ``init(parsing:)``). - Throws: ``LedgerError``.
    package init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw LedgerError.invalidMapping("cannot read mapping file \(path)")
        }
        try self.init(parsing: text)
    }

    /// The column for each field found among `columns`. - Throws: ``LedgerError`` when a mapped
    /// column is absent or a required field has no column.
    package func resolve(columns: [String], file: String) throws -> [LedgerField: String] {
        var byNormalised: [String: String] = [:]
        for column in columns where byNormalised[LedgerField.normalise(column)] == nil {
            byNormalised[LedgerField.normalise(column)] = column
        }
        var resolved: [LedgerField: String] = [:]
        var used = Set<String>()
        for (field, column) in explicit {
            guard columns.contains(column) || byNormalised[LedgerField.normalise(column)] != nil else {
                throw LedgerError.mappedColumnMissing(field: field, column: column, file: file)
            }
            let actual = columns.contains(column) ? column : byNormalised[LedgerField.normalise(column)]!
            resolved[field] = actual
            used.insert(actual)
        }
        // Synonyms never take a column already mapped to another field (so `--map customer_id=id`
        // keeps `id` from also becoming the invoice id).
        for field in LedgerField.allCases where resolved[field] == nil {
            for synonym in field.synonyms {
                if let column = byNormalised[LedgerField.normalise(synonym)], !used.contains(column) {
                    resolved[field] = column
                    used.insert(column)
                    break
                }
            }
        }
        for field in LedgerField.allCases where field.isRequired && resolved[field] == nil {
            throw LedgerError.missingColumn(field: field, file: file, tried: field.synonyms)
        }
        if resolved[.dueDate] == nil && resolved[.termsDays] == nil {
            throw LedgerError.missingColumn(
                field: .dueDate, file: file, tried: LedgerField.dueDate.synonyms + LedgerField.termsDays.synonyms)
        }
        return resolved
    }
}
