/// The learning algorithms a ``TextClassifier`` can use.
///
/// ```swift
/// var options = TrainingOptions()
/// options.algorithm = .complementNaiveBayes
/// ```
@_spi(Components) public enum Algorithm: String, Codable, Sendable, CaseIterable {
    /// Multinomial naive Bayes (`nb`).
    case naiveBayes = "nb"
    /// Complement naive Bayes (`cnb`).
    case complementNaiveBayes = "cnb"
    /// Multinomial logistic regression (`lr`), the default.
    case logisticRegression = "lr"
}
