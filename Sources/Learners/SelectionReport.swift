/// What the settings search of ``Tuning`` tried and chose, stored with the model.
///
/// ```swift
/// if let report = classifier.selection {
///     print(report.chosen.inverseRegularization, report.chosen.classWeighting, report.chosen.macroF1)
/// }
/// ```
package struct SelectionReport: Codable, Sendable, Equatable {
    /// One candidate's settings and its scores on the validation part (after its logit adjustment,
    /// when ``Tuning/logitAdjustments`` or ``Tuning/classOffsetShrinkage`` is set).
    package struct Candidate: Codable, Sendable, Equatable {
        package var inverseRegularization: Float
        package var classWeighting: ClassWeighting
        package var macroF1: Double
        package var accuracy: Double
        /// Mean log-loss at temperature 1.
        package var logLoss: Double
        /// L-BFGS iterations the fit took (warm-started after the first).
        package var iterations: Int

        /// "C=10 balanced".
        package var settings: String { Self.settings(inverseRegularization, classWeighting) }

        static func settings(_ c: Float, _ weighting: ClassWeighting) -> String {
            let number = c == c.rounded() && abs(c) < 1e6 ? String(Int(c)) : String(c)
            return "C=\(number) \(weighting.rawValue)"
        }
    }

    /// Examples fitted on and held out (with ``folds``: fitted on per fold, on average, and held
    /// out in all the folds together).
    package var trainingCount: Int
    package var validationCount: Int
    /// The number of folds whose out-of-fold predictions the candidates were judged on; absent
    /// when they were judged on one held-out part.
    package var folds: Int?
    /// Every candidate, in the order fitted.
    package var candidates: [Candidate]
    /// Index of the chosen candidate (the smallest `C` within ``Tuning/selectionMargin`` of the
    /// best macro-F1; see `ModelSelection.choose`).
    package var chosenIndex: Int
    /// Temperature fitted on the validation scores of the chosen candidate.
    package var temperature: Float
    /// The chosen candidate's decision rule: logit adjustment and per-class offsets (absent when
    /// neither ``Tuning/logitAdjustments`` nor ``Tuning/classOffsetShrinkage`` is set).
    package var logitAdjustment: LogitAdjustment.Report?

    /// The chosen candidate.
    package var chosen: Candidate { candidates[chosenIndex] }
}
