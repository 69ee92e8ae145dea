/// Errors from the feature pipeline.
///
/// ```swift
/// var c = FeatureConfiguration(); c.wordNGrams = 9
/// try c.validate()   // throws FeatureError.invalidConfiguration("wordNGrams must be 1…4, got 9")
/// ```
public enum FeatureError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A configuration value is out of range.
    case invalidConfiguration(String)
    /// Stored feature state does not fit together (e.g. IDF length ≠ dimension).
    case inconsistentState(String)

    public var description: String {
        switch self {
        case let .invalidConfiguration(message): return "invalid feature configuration: \(message)"
        case let .inconsistentState(message): return "inconsistent feature state: \(message)"
        }
    }
}
