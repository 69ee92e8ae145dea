/// A problem in an input file, located by file, line and (when known) field.
///
/// ```swift
/// // disputes.csv:14: field 'credit_score': 140 is outside 0…100
/// print(RecordError(file: "disputes.csv", line: 14, field: "credit_score", reason: "140 is outside 0…100"))
/// ```
public struct RecordError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file (as given by the user).
    public var file: String
    /// 1-based line where the record starts; 0 when the problem is with the whole file.
    public var line: Int
    /// The field concerned, if any.
    public var field: String?
    /// What is wrong.
    public var reason: String

    /// An error at `file:line` (and `field`).
    public init(file: String, line: Int, field: String? = nil, reason: String) {
        self.file = file
        self.line = line
        self.field = field
        self.reason = reason
    }

    public var description: String {
        var text = line > 0 ? "\(file):\(line): " : "\(file): "
        if let field { text += "field '\(field)': " }
        return text + reason
    }
}
