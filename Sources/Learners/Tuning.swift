/// How ``TextClassifier/train(texts:labels:labelField:options:progress:)`` chooses settings from
/// the training data itself: it holds out a stratified ``validationFraction`` of the examples
/// (``ValidationSplit``), fits logistic regression for every `C` in ``inverseRegularizations`` and
/// every weighting in ``classWeightings`` on the rest (each fit warm-started from the previous
/// solution), keeps the best macro-F1 on the held-out part (after each candidate's per-class bias
/// offsets, ``classOffsetShrinkage``), fits the probability temperature on that part's scores, and
/// refits on all examples starting from the chosen solution, adding the chosen offsets to its biases. The features
/// fed to logistic regression are scaled by naive-Bayes log-count ratios (``naiveBayesShare``).
///
/// The defaults were chosen by 5-fold cross-validation on the training splits of the four
/// benchmark tasks (Benchmarks/results/training.md): balanced class weights only (uniform weights
/// never won by more than 0.003 on validation and lost 0.08 on fr_insurance_reviews' test split),
/// looser tolerances for the candidates (same choices, half the cost), a naive-Bayes share of
/// 0.25 (+0.001 to +0.018 macro-F1), a selection margin of 0.005 (cfpb +0.008, the other tasks
/// unchanged) and per-class offsets with a quarter kept (+0.0005 to +0.028; round 5).
///
/// A single value in each list fixes that setting; the held-out part still calibrates.
///
/// ```swift
/// var options = TrainingOptions()
/// options.tuning?.inverseRegularizations = [10]     // fix C (the held-out part still calibrates)
/// options.tuning?.classWeightings = [.uniform, .balanced]  // choose the weighting too
/// options.tuning = nil                               // fixed settings, k-fold calibration
/// ```
package struct Tuning: Codable, Sendable, Equatable {
    /// Share of the training examples held out, in (0, 1). Default 0.1.
    package var validationFraction: Double = 0.1
    /// Candidate inverse regularisation strengths. Default `[1, 10]`.
    package var inverseRegularizations: [Float] = [1, 10]
    /// Candidate class weightings. Default balanced only: the target metric is macro-F1, and the
    /// validation part is too small to tell the weightings apart on rare classes.
    package var classWeightings: [ClassWeighting] = [.balanced]
    /// How much looser the candidates' solver tolerances are than the final fit's (they only
    /// rank settings; the final fit starts from the chosen one). Default 3.
    package var candidateToleranceScale: Double = 3
    /// Share of naive-Bayes log-count-ratio feature scaling mixed with none (see
    /// ``NaiveBayesScaling``), in [0, 1]; 0 = unscaled features. Default 0.25.
    package var naiveBayesShare: Float = 0.25
    /// The chosen candidate is the most strongly regularised (smallest `C`) whose validation
    /// macro-F1 is within this margin of the best one's, so a larger `C` has to win by more than
    /// the margin. On a 10% validation part equally good settings differ by a few thousandths,
    /// and taking the larger `C` on such noise cost cfpb 0.008 in cross-validation. Default 0.005
    /// (0.01 also lost 0.0035 on the dispute model's subject by flipping a fold won by 0.006);
    /// 0 = the best score (the smaller `C` on exact ties).
    package var selectionMargin: Double = 0.005
    /// Candidate logit adjustments τ (see ``LogitAdjustment``): each candidate's class scores are
    /// shifted by `−τ · log π_c` with the τ of best held-out macro-F1 (within ``selectionMargin``,
    /// the one closest to the first listed), candidates are compared after their shift, and the
    /// temperature is fitted after it. `nil` (the default) = no adjustment; a single value fixes τ.
    package var logitAdjustments: [Float]? = nil
    /// Per-class bias offsets searched on the held-out part for macro-F1 after the logit
    /// adjustment (``ClassOffsetSearch``), and the share of them kept, in (0, 1]; `nil` = none.
    /// Candidates are compared after their offsets. Default 0.25: under 5-fold cross-validation it
    /// gained on all four benchmark tasks (+0.0005 to +0.028 macro-F1), where a share of 1 lost.
    package var classOffsetShrinkage: Float? = 0.25
    /// Choose `C`, the decision rule and the temperature on the out-of-fold predictions of this many
    /// stratified folds of the training data (``StratifiedFolds``; each candidate fitted once per
    /// fold on the other folds) instead of one held-out part of ``validationFraction``; at least 2.
    /// `nil` (the default) = one held-out part. About K times the search's CPU, for K times as many
    /// held-out predictions.
    package var selectionFolds: Int? = nil

    /// The defaults listed on each property.
    package init() {}

    /// Checks ranges. - Throws: ``LearnerError/invalidParameter(name:reason:)``.
    package func validate() throws {
        guard validationFraction > 0, validationFraction < 1 else {
            throw LearnerError.invalidParameter(
                name: "validationFraction", reason: "must be in (0, 1), got \(validationFraction)")
        }
        guard !inverseRegularizations.isEmpty, inverseRegularizations.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw LearnerError.invalidParameter(name: "inverseRegularizations", reason: "need at least one C, each > 0")
        }
        guard !classWeightings.isEmpty else {
            throw LearnerError.invalidParameter(name: "classWeightings", reason: "need at least one class weighting")
        }
        guard candidateToleranceScale.isFinite, candidateToleranceScale >= 1 else {
            throw LearnerError.invalidParameter(
                name: "candidateToleranceScale", reason: "must be >= 1, got \(candidateToleranceScale)")
        }
        guard naiveBayesShare.isFinite, (0...1).contains(naiveBayesShare) else {
            throw LearnerError.invalidParameter(
                name: "naiveBayesShare", reason: "must be in [0, 1], got \(naiveBayesShare)")
        }
        guard selectionMargin.isFinite, selectionMargin >= 0 else {
            throw LearnerError.invalidParameter(
                name: "selectionMargin", reason: "must be >= 0, got \(selectionMargin)")
        }
        if let classOffsetShrinkage {
            guard classOffsetShrinkage.isFinite, classOffsetShrinkage > 0, classOffsetShrinkage <= 1 else {
                throw LearnerError.invalidParameter(
                    name: "classOffsetShrinkage", reason: "must be in (0, 1], got \(classOffsetShrinkage)")
            }
        }
        if let selectionFolds {
            guard selectionFolds >= 2 else {
                throw LearnerError.invalidParameter(
                    name: "selectionFolds", reason: "must be at least 2, got \(selectionFolds)")
            }
        }
        if let logitAdjustments {
            guard !logitAdjustments.isEmpty, logitAdjustments.allSatisfy({ $0.isFinite && abs($0) <= 10 }) else {
                throw LearnerError.invalidParameter(
                    name: "logitAdjustments", reason: "need at least one τ, each finite and within [-10, 10]")
            }
        }
    }

    private enum CodingKeys: String, CodingKey {
        case validationFraction, inverseRegularizations, classWeightings, candidateToleranceScale, naiveBayesShare
        case selectionMargin, logitAdjustments, classOffsetShrinkage, selectionFolds
    }

    /// Writes every setting; the decision-rule settings and the folds only when set, so a manifest never
    /// claims a setting its model was not trained with.
    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(validationFraction, forKey: .validationFraction)
        try container.encode(inverseRegularizations, forKey: .inverseRegularizations)
        try container.encode(classWeightings, forKey: .classWeightings)
        try container.encode(candidateToleranceScale, forKey: .candidateToleranceScale)
        try container.encode(naiveBayesShare, forKey: .naiveBayesShare)
        try container.encode(selectionMargin, forKey: .selectionMargin)
        try container.encodeIfPresent(logitAdjustments, forKey: .logitAdjustments)
        try container.encodeIfPresent(classOffsetShrinkage, forKey: .classOffsetShrinkage)
        try container.encodeIfPresent(selectionFolds, forKey: .selectionFolds)
    }

    /// Reads settings saved by any version: models trained before a setting existed read back the
    /// value they were trained with (tolerance scale 1, no naive-Bayes scaling, no selection margin,
    /// no logit adjustment, no per-class offsets, one held-out part).
    package init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        validationFraction = try container.decode(Double.self, forKey: .validationFraction)
        inverseRegularizations = try container.decode([Float].self, forKey: .inverseRegularizations)
        classWeightings = try container.decode([ClassWeighting].self, forKey: .classWeightings)
        candidateToleranceScale = try container.decodeIfPresent(Double.self, forKey: .candidateToleranceScale) ?? 1
        naiveBayesShare = try container.decodeIfPresent(Float.self, forKey: .naiveBayesShare) ?? 0
        selectionMargin = try container.decodeIfPresent(Double.self, forKey: .selectionMargin) ?? 0
        logitAdjustments = try container.decodeIfPresent([Float].self, forKey: .logitAdjustments)
        classOffsetShrinkage = try container.decodeIfPresent(Float.self, forKey: .classOffsetShrinkage)
        selectionFolds = try container.decodeIfPresent(Int.self, forKey: .selectionFolds)
    }
}
