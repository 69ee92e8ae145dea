/// Problems with a ledger or its column mapping that are not tied to one row (row problems are
/// `Records.RecordError`s naming `file:line: field 'x'`).
///
/// ```swift
/// print(LedgerError.missingColumn(field: .dueDate, file: "ar.csv", tried: ["due_date", "due"]))
/// // ar.csv: no column for due_date (tried due_date, due; map one with --map due_date=COLUMN)
/// ```
public enum LedgerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A date that is not `YYYY-MM-DD` (or another accepted form) or does not exist.
    case invalidDate(String)
    /// A required field has no column in the file.
    case missingColumn(field: LedgerField, file: String, tried: [String])
    /// A mapping entry is malformed or names an unknown field.
    case invalidMapping(String)
    /// A mapped column is not in the file.
    case mappedColumnMissing(field: LedgerField, column: String, file: String)

    public var description: String {
        switch self {
        case let .invalidDate(text):
            return "'\(text)' is not a valid date (expected YYYY-MM-DD)"
        case let .missingColumn(field, file, tried):
            return
                "\(file): no column for \(field.rawValue) (tried \(tried.joined(separator: ", ")); map one with --map \(field.rawValue)=COLUMN)"
        case let .invalidMapping(reason):
            return "invalid column mapping: \(reason)"
        case let .mappedColumnMissing(field, column, file):
            return "\(file): column '\(column)' mapped to \(field.rawValue) is not in the file"
        }
    }
}
