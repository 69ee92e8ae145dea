/// How ``TextClassifier/train(texts:labels:labelField:options:progress:)`` chooses settings from
/// the training data itself: it holds out a stratified ``validationFraction`` of the examples
/// (``ValidationSplit``), fits logistic regression for every `C` in ``inverseRegularizations`` and
/// every weighting in ``classWeightings`` on the rest (each fit warm-started from the previous
/// solution), keeps the best macro-F1 on the held-out part, fits the probability temperature on
/// that part's scores, and refits on all examples starting from the chosen solution.
///
/// A single value in each list fixes that setting; the held-out part still calibrates.
///
/// ```swift
/// var options = TrainingOptions()
/// options.tuning?.inverseRegularizations = [10]     // fix C, still choose the weighting
/// options.tuning = nil                               // fixed settings, k-fold calibration
/// ```
package struct Tuning: Codable, Sendable, Equatable {
    /// Share of the training examples held out, in (0, 1). Default 0.1.
    package var validationFraction: Double = 0.1
    /// Candidate inverse regularisation strengths. Default `[1, 10]`.
    package var inverseRegularizations: [Float] = [1, 10]
    /// Candidate class weightings. Default uniform and balanced.
    package var classWeightings: [ClassWeighting] = [.uniform, .balanced]

    /// The defaults listed on each property.
    package init() {}

    /// Checks ranges. - Throws: ``LearnerError/invalidParameter(name:reason:)``.
    package func validate() throws {
        guard validationFraction > 0, validationFraction < 1 else {
            throw LearnerError.invalidParameter(name: "validationFraction", reason: "must be in (0, 1), got \(validationFraction)")
        }
        guard !inverseRegularizations.isEmpty, inverseRegularizations.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw LearnerError.invalidParameter(name: "inverseRegularizations", reason: "need at least one C, each > 0")
        }
        guard !classWeightings.isEmpty else {
            throw LearnerError.invalidParameter(name: "classWeightings", reason: "need at least one class weighting")
        }
    }
}
