/// Input file formats, chosen from the file extension.
///
/// ```swift
/// try RecordFormat(path: "disputes.ndjson")   // .jsonl
/// ```
public enum RecordFormat: String, Sendable, CaseIterable {
    /// Comma-separated values with a header row (RFC 4180 quoting; newlines allowed inside quotes).
    case csv
    /// One JSON object per line (`.jsonl` or `.ndjson`).
    case jsonl

    /// The format for `path`'s extension.

    /// - Throws: ``RecordError`` for other extensions.
    public init(path: String) throws {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") {
            self = .csv
        } else if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") {
            self = .jsonl
        } else {
            throw RecordError(file: path, line: 0, reason: "unknown file type: use .csv, .jsonl or .ndjson")
        }
    }
}
