/// Errors from the dispute domain: invalid dispute data, a model that lacks what triage needs, or
/// unknown labels in feedback.
///
/// ```swift
/// _ = try DisputeFacts(creditScore: 140)   // throws .invalidValue(field: "credit_score", …)
/// ```
public enum DisputeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A numeric field is NaN, infinite or out of range.
    case invalidValue(field: String, value: Double, reason: String)
    /// The dispute text is empty or blank.
    case emptyText
    /// The text is longer than the configured limit (bytes).
    case textTooLong(bytes: Int, limit: Int)
    /// The model has no classifier for a label field triage needs.
    case missingClassifier(String)
    /// A label that is not in the taxonomy (e.g. a typo in feedback).
    case unknownLabel(field: String, label: String, allowed: [String])
    /// Appending to the feedback log failed; nothing after the failing write was learned from it.
    case feedbackLogFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidValue(field, value, reason): return "field '\(field)': \(value) is invalid (\(reason))"
        case .emptyText: return "field 'text': is empty"
        case let .textTooLong(bytes, limit): return "field 'text': \(bytes) bytes exceeds the \(limit)-byte limit"
        case let .missingClassifier(field):
            return "the model has no '\(field)' classifier (train one with --label \(field))"
        case let .unknownLabel(field, label, allowed):
            return "field '\(field)': unknown label '\(label)' (allowed: \(allowed.joined(separator: ", ")))"
        case let .feedbackLogFailed(path, reason): return "cannot append to the feedback log \(path): \(reason)"
        }
    }
}
