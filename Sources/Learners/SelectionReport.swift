/// What the settings search of ``Tuning`` tried and chose, stored with the model.
///
/// ```swift
/// if let report = classifier.selection {
///     print(report.chosen.inverseRegularization, report.chosen.classWeighting, report.chosen.macroF1)
/// }
/// ```
public struct SelectionReport: Codable, Sendable, Equatable {
    /// One candidate's settings and its scores on the validation part.
    public struct Candidate: Codable, Sendable, Equatable {
        public var inverseRegularization: Float
        public var classWeighting: ClassWeighting
        public var macroF1: Double
        public var accuracy: Double
        /// Mean log-loss at temperature 1.
        public var logLoss: Double
        /// L-BFGS iterations the fit took (warm-started after the first).
        public var iterations: Int

        /// "C=10 balanced".
        public var settings: String { Self.settings(inverseRegularization, classWeighting) }

        static func settings(_ c: Float, _ weighting: ClassWeighting) -> String {
            let number = c == c.rounded() && abs(c) < 1e6 ? String(Int(c)) : String(c)
            return "C=\(number) \(weighting.rawValue)"
        }
    }

    /// Examples fitted on and held out.
    public var trainingCount: Int
    public var validationCount: Int
    /// Every candidate, in the order fitted.
    public var candidates: [Candidate]
    /// Index of the chosen candidate (best macro-F1; the earlier one on ties).
    public var chosenIndex: Int
    /// Temperature fitted on the validation scores of the chosen candidate.
    public var temperature: Float

    /// The chosen candidate.
    public var chosen: Candidate { candidates[chosenIndex] }
}
