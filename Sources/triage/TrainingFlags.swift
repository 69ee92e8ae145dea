import ArgumentParser
@_spi(Components) import Learners
@_spi(Components) import TextFeatures

/// Training options shared by `train` and `crossvalidate`; every default is the library's.
struct TrainingFlags: ParsableArguments {
    @Option(help: "Seed: the same data and seed give a byte-identical model.")
    var seed = TrainingOptions().seed

    @Option(help: "Learner: nb, cnb or lr.")
    var algorithm: Algorithm = TrainingOptions().algorithm

    @Option(help: "Folds for probability calibration when --validation-fraction is 0 (0 = none).")
    var calibrationFolds = TrainingOptions().calibrationFolds

    @Option(
        help:
            "Share of the training data held out to choose C (lr) and fit the temperature; 0 = fixed settings, k-fold calibration."
    )
    var validationFraction = TrainingOptions().tuning?.validationFraction ?? 0

    @Option(
        help:
            "Validation macro-F1 a larger C must gain over a smaller one to be chosen (0 = the best score)."
    )
    var selectionMargin = TrainingOptions().tuning?.selectionMargin ?? 0

    @Option(
        help:
            "Logistic regression: logit adjustments τ to choose from on the validation part by macro-F1 (class scores shift by −τ·log prior; e.g. =-0.5,0,0.5,1; none = off)."
    )
    var logitAdjustment = LogitAdjustmentGrid(TrainingOptions().tuning?.logitAdjustments)

    @Option(
        help:
            "Logistic regression: share of the per-class bias offsets kept, searched on the validation part for macro-F1 (none = off)."
    )
    var classOffsets = ClassOffsetShare(TrainingOptions().tuning?.classOffsetShrinkage)

    @Option(
        help:
            "Logistic regression: choose C, the per-class offsets and the temperature on out-of-fold predictions of K stratified folds of the training data instead of one held-out part (K >= 2; about K times the search's CPU)."
    )
    var selectionFolds: Int?

    @Option(help: "Logistic regression solver: lbfgs or adagrad.")
    var solver = TrainingOptions().logisticRegression.solver

    @Option(
        name: .customLong("C"),
        help:
            "Logistic regression (lbfgs): inverse regularisation strength C (default: chosen from 1 and 10 on the validation part)."
    )
    var inverseRegularization: Float?

    @Option(help: "Logistic regression (adagrad): passes over the data.")
    var epochs = TrainingOptions().logisticRegression.epochs

    @Option(help: "Logistic regression: AdaGrad learning rate.")
    var learningRate = TrainingOptions().logisticRegression.learningRate

    @Option(help: "Logistic regression: L2 penalty.")
    var l2 = TrainingOptions().logisticRegression.l2

    @Option(help: "Class weighting: uniform or balanced (default: balanced).")
    var classWeighting: ClassWeighting?

    @Option(help: "Naive Bayes: additive smoothing α.")
    var smoothing = TrainingOptions().naiveBayes.smoothing

    @Option(name: .customLong("word-ngrams"), help: "Longest word n-gram (1–4).")
    var wordNGrams = TrainingOptions().features.wordNGrams

    @Option(name: .customLong("char-ngrams"), help: "Character n-gram lengths inside words, e.g. 3-5, or 'none'.")
    var charNGrams = CharacterNGrams(TrainingOptions().features.characterNGrams)

    @Option(help: "Term weighting: raw, log1p or binary.")
    var weighting = TrainingOptions().features.weighting

    @Option(help: "Feature space: 'vocab:MINCOUNT' or 'hash:BITS'.")
    var space = TrainingOptions().features.space

    func validate() throws {
        guard calibrationFolds >= 0 else { throw ValidationError("--calibration-folds must be >= 0") }
        guard validationFraction >= 0, validationFraction < 1 else {
            throw ValidationError("--validation-fraction must be in [0, 1)")
        }
        guard selectionMargin >= 0 else { throw ValidationError("--selection-margin must be >= 0") }
        if let selectionFolds {
            guard selectionFolds >= 2 else { throw ValidationError("--selection-folds must be >= 2") }
            guard validationFraction > 0 else {
                throw ValidationError("--selection-folds chooses settings: it needs --validation-fraction > 0")
            }
        }
        guard (1...4).contains(wordNGrams) else {
            throw ValidationError("--word-ngrams must be 1–4, got \(wordNGrams)")
        }
        // The library's own range checks, before any data is read, in the words of the flags.
        do {
            try options().validate()
        } catch let LearnerError.invalidParameter(name, reason) {
            throw ValidationError("\(Self.flags[name] ?? name) \(reason)")
        }
    }

    /// The flag that sets each library parameter whose range the library checks.
    private static let flags = [
        "inverseRegularization": "--C", "inverseRegularizations": "--C", "epochs": "--epochs",
        "learningRate": "--learning-rate", "l2": "--l2", "smoothing": "--smoothing",
        "validationFraction": "--validation-fraction", "selectionMargin": "--selection-margin",
    ]

    /// The library options these flags describe.
    func options() throws -> TrainingOptions {
        var options = TrainingOptions()
        options.seed = seed
        options.algorithm = algorithm
        options.calibrationFolds = calibrationFolds
        options.logisticRegression.solver = solver
        if validationFraction > 0 {
            options.tuning?.validationFraction = validationFraction
            options.tuning?.selectionMargin = selectionMargin
            options.tuning?.logitAdjustments = logitAdjustment.values
            options.tuning?.classOffsetShrinkage = classOffsets.value
            options.tuning?.selectionFolds = selectionFolds
            if let inverseRegularization { options.tuning?.inverseRegularizations = [inverseRegularization] }
            if let classWeighting { options.tuning?.classWeightings = [classWeighting] }
        } else {
            options.tuning = nil
        }
        if let inverseRegularization { options.logisticRegression.inverseRegularization = inverseRegularization }
        options.logisticRegression.epochs = epochs
        options.logisticRegression.learningRate = learningRate
        options.logisticRegression.l2 = l2
        if let classWeighting { options.logisticRegression.classWeighting = classWeighting }
        options.naiveBayes.smoothing = smoothing
        options.features.wordNGrams = wordNGrams
        options.features.weighting = weighting
        options.features.characterNGrams = charNGrams.lengths
        options.features.space = space
        return options
    }
}
