/// The search behind ``Tuning``: settings of logistic regression chosen on a validation split,
/// the temperature fitted on the same held-out scores, and the final fit on all examples.
///
/// The candidates are fitted in an order that lets each L-BFGS run start near its optimum: for
/// each class weighting the `C` values from weakest to strongest regularisation, each starting
/// from the previous solution, and each weighting's first fit starting from the first weighting's
/// first solution. (Weakest first because the stopping tolerance scales with `C`: started from
/// the C=1 optimum, a C=10 fit can meet its 10× looser tolerance without moving at all.) The final fit on all the data starts from the chosen solution, so the whole
/// search costs a few times one cold fit rather than one cold fit per candidate.
enum ModelSelection {
    /// Cost of each planned stage for progress estimates, in units of one cold fit on all data.
    static func plannedCost(_ tuning: Tuning) -> [Double] {
        let count = tuning.inverseRegularizations.count * tuning.classWeightings.count
        let share = 1 - tuning.validationFraction
        return [share] + [Double](repeating: 0.5 * share, count: count - 1) + [0.4]
    }

    static func logisticRegression(
        examples: [LabeledExample], split: ValidationSplit, dimension: Int, parameters: LogisticRegression.Parameters,
        tuning: Tuning, tracker: TrainingProgressTracker
    ) throws -> (model: LogisticRegression, report: SelectionReport) {
        let labels = ClassLabels(Set(examples.map(\.label)).sorted())
        let k = labels.count
        let targets = examples.map { labels.index(of: $0.label)! }
        let position = SoftmaxObjective.frequencyOrder(of: examples, dimension: dimension)
        // Packed once: the part fitted while choosing settings is filtered from the whole.
        var full = SoftmaxObjective(
            examples: examples, targets: targets, dimension: dimension, classCount: k, position: position)
        var fitting = SoftmaxObjective(rows: split.training, of: full)
        let scaling = tuning.naiveBayesShare > 0 ? NaiveBayesScaling(share: tuning.naiveBayesShare) : nil
        var fittingFactors: [Float]?
        if let scaling {
            let factors = scaling.factors(
                examples: split.training.lazy.map { examples[$0] }, targets: split.training.map { targets[$0] },
                classCount: k, dimension: dimension)
            fitting.scaleFeatures(by: factors)
            fittingFactors = factors
        }
        var fittingCounts = [Double](repeating: 0, count: k)
        for i in split.training { fittingCounts[targets[i]] += Double(examples[i].weight) }

        let cost = plannedCost(tuning)
        var candidates: [SelectionReport.Candidate] = []
        var fits: [(model: LogisticRegression, solution: [Float], adjustment: LogitAdjustment.Report?)] = []
        // The logit adjustment uses the class frequencies of all the training data (the final
        // model's prior; the split is stratified, so the held-out part's are nearly the same).
        var all = [Double](repeating: 0, count: k)
        for (i, example) in examples.enumerated() { all[targets[i]] += Double(example.weight) }
        var firstOfFirstWeighting: [Float]?
        let buffers = LBFGS.Buffers()
        for weighting in tuning.classWeightings {
            var previous = firstOfFirstWeighting
            for c in tuning.inverseRegularizations.sorted(by: >) {
                tracker.begin(
                    "select " + SelectionReport.Candidate.settings(c, weighting), cost: cost[candidates.count])
                var model = LogisticRegression(dimension: dimension, parameters: parameters)
                model.parameters.inverseRegularization = c
                model.parameters.classWeighting = weighting
                var iterations = 0
                let monitor = tracker.solverMonitor()
                let solution = model.fitBatch(
                    fitting, labels: labels, classCounts: fittingCounts, start: previous,
                    toleranceScale: tuning.candidateToleranceScale, buffers: buffers
                ) {
                    iterations = $0.iteration
                    monitor($0)
                }
                if let fittingFactors { model.rescaleWeights(by: fittingFactors) }
                if firstOfFirstWeighting == nil { firstOfFirstWeighting = solution }
                previous = solution
                // With a logit adjustment or per-class offsets, each candidate is judged by the
                // decision rule it would ship with, chosen on the same held-out part.
                var adjustment: LogitAdjustment.Report?
                var judged = model
                if tuning.logitAdjustments != nil || tuning.classOffsetShrinkage != nil {
                    let heldOut = heldOutLogits(model, examples: examples, indices: split.validation)
                    adjustment = LogitAdjustment.choose(
                        scores: heldOut.scores, targets: heldOut.targets, classCounts: all,
                        grid: tuning.logitAdjustments ?? [0], margin: tuning.selectionMargin,
                        classOffsetShrinkage: tuning.classOffsetShrinkage)
                    judged.shiftBiases(by: adjustment!.offsets)
                }
                let scores = validationScores(judged, examples: examples, indices: split.validation)
                candidates.append(
                    SelectionReport.Candidate(
                        inverseRegularization: c, classWeighting: weighting, macroF1: scores.macroF1,
                        accuracy: scores.accuracy, logLoss: scores.logLoss, iterations: iterations))
                fits.append((model, solution, adjustment))
            }
        }
        guard !candidates.isEmpty else { throw LearnerError.emptyTrainingSet }
        let chosenIndex = choose(candidates, margin: tuning.selectionMargin)
        let best = fits[chosenIndex]
        var model = best.model
        let chosen = candidates[chosenIndex]

        // The temperature of the chosen fit after its logit adjustment, then the final fit on everything.
        let adjustment = best.adjustment
        var heldOutModel = best.model
        if let adjustment { heldOutModel.shiftBiases(by: adjustment.offsets) }
        let temperature = heldOutTemperature(heldOutModel, examples: examples, indices: split.validation)
        tracker.begin("final fit " + chosen.settings, cost: cost[cost.count - 1])
        let fullFactors = scaling?.factors(examples: examples, targets: targets, classCount: k, dimension: dimension)
        if let fullFactors { full.scaleFeatures(by: fullFactors) }
        model.fitBatch(
            full, labels: labels, classCounts: all, start: best.solution, buffers: buffers,
            monitor: tracker.solverMonitor())
        if let fullFactors { model.rescaleWeights(by: fullFactors) }
        if let adjustment { model.shiftBiases(by: adjustment.offsets) }
        model.temperature = temperature
        let report = SelectionReport(
            trainingCount: split.training.count, validationCount: split.validation.count, candidates: candidates,
            chosenIndex: chosenIndex, temperature: temperature, logitAdjustment: adjustment)
        return (model, report)
    }

    /// The index of the candidate to keep: among those whose validation macro-F1 is within `margin`
    /// of the best, the most strongly regularised (smallest `C`), then the higher score, then the
    /// earlier one. So a larger `C` has to win clearly, not by the validation part's noise.
    static func choose(_ candidates: [SelectionReport.Candidate], margin: Double) -> Int {
        MarginChoice.index(scores: candidates.map(\.macroF1), margin: margin) {
            Double(candidates[$0].inverseRegularization)
        }
    }

    /// Macro-F1 (over the classes present in `examples[indices]`), accuracy and log-loss
    /// (temperature 1) of `model` on `examples[indices]`.
    static func validationScores<C: Classifier>(_ model: C, examples: [LabeledExample], indices: [Int])
        -> (macroF1: Double, accuracy: Double, logLoss: Double)
    {
        var builder = ClassificationReport.Builder(modelLabels: model.labels.names)
        var probabilities: [Float] = []
        for i in indices {
            model.predictProbabilities(examples[i].features, into: &probabilities)
            builder.add(trueLabel: examples[i].label, probabilities: probabilities)
        }
        let report = builder.report(label: "validation")
        // Macro-F1 over the classes the validation part holds: a class too rare to have any held-out
        // example would otherwise score 0 whenever it is predicted, which penalises exactly the
        // settings (balanced weights) that learn rare classes. Wrong predictions still cost the true
        // classes their recall.
        // (Summed in class order, not dictionary order, so the choice is the same in every run.)
        let held = report.classes.compactMap { report.perClass[$0] }.filter { $0.support > 0 }
        let macroF1 = held.isEmpty ? 0 : held.map(\.f1).reduce(0, +) / Double(held.count)
        return (macroF1, report.accuracy, report.logLoss)
    }

    /// The raw scores (row-major, temperature 1) and true class indices of `examples[indices]`.
    static func heldOutLogits<C: Classifier>(_ model: C, examples: [LabeledExample], indices: [Int])
        -> (scores: [Float], targets: [Int])
    {
        var all: [Float] = []
        var targets: [Int] = []
        var scores: [Float] = []
        all.reserveCapacity(indices.count * model.labels.count)
        for i in indices {
            guard let target = model.labels.index(of: examples[i].label) else { continue }
            model.decisionScores(examples[i].features, into: &scores)
            all.append(contentsOf: scores)
            targets.append(target)
        }
        return (all, targets)
    }

    /// The temperature minimising the log-loss of the held-out `examples[indices]` under `model`.
    static func heldOutTemperature<C: Classifier>(_ model: C, examples: [LabeledExample], indices: [Int]) -> Float {
        var heldOutScores: [[Float]] = []
        var heldOutTargets: [Int] = []
        var scores: [Float] = []
        for i in indices {
            guard let target = model.labels.index(of: examples[i].label) else { continue }
            model.decisionScores(examples[i].features, into: &scores)
            heldOutScores.append(scores)
            heldOutTargets.append(target)
        }
        return TemperatureScaling.fit(scores: heldOutScores, targets: heldOutTargets)
    }
}
