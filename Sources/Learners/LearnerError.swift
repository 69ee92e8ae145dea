/// Errors from training, updating or restoring a learner.
///
/// ```swift
/// try model.fit([])   // throws LearnerError.emptyTrainingSet
/// ```
public enum LearnerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `fit` was called with no examples.
    case emptyTrainingSet
    /// Every training example has the same label: a classifier needs at least two classes.
    case singleClass(field: String, label: String)
    /// A feature index is outside the model's dimension.
    case featureOutOfRange(index: Int, dimension: Int)
    /// A feature value is NaN or infinite, or negative where the model needs counts (naive Bayes).
    case invalidFeatureValue(index: Int, value: Float, reason: String)
    /// An example's weight is negative, NaN or infinite.
    case invalidWeight(Float)
    /// A label the model has never seen (e.g. when removing an example).
    case unknownLabel(String)
    /// A parameter is out of range.
    case invalidParameter(name: String, reason: String)
    /// Saved state does not fit together.
    case inconsistentState(String)

    public var description: String {
        switch self {
        case .emptyTrainingSet: return "cannot fit on an empty training set"
        case let .singleClass(field, label):
            return "field '\(field)': every example has the label '\(label)'; a classifier needs at least 2 classes"
        case let .featureOutOfRange(index, dimension):
            return "feature index \(index) is outside the model's dimension \(dimension)"
        case let .invalidFeatureValue(index, value, reason): return "feature \(index) has value \(value): \(reason)"
        case let .invalidWeight(weight): return "example weight must be finite and >= 0, got \(weight)"
        case let .unknownLabel(label): return "unknown label '\(label)'"
        case let .invalidParameter(name, reason): return "invalid parameter \(name): \(reason)"
        case let .inconsistentState(message): return "inconsistent model state: \(message)"
        }
    }
}
