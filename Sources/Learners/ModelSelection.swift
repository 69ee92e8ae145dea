/// The search behind ``Tuning``: settings of logistic regression chosen on a validation split
/// (or on K folds' out-of-fold predictions, `ModelSelection+Folds.swift`), the temperature fitted
/// on the same held-out scores, and the final fit on all examples.
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
        let folds = tuning.selectionFolds ?? 1
        let share = tuning.selectionFolds.map { 1 - 1 / Double($0) } ?? 1 - tuning.validationFraction
        let path = [share] + [Double](repeating: 0.5 * share, count: count - 1)
        return [Double]([[Double]](repeating: path, count: folds).joined()) + [0.4]
    }

    static func logisticRegression(
        examples: [LabeledExample], split: ValidationSplit, dimension: Int, parameters: LogisticRegression.Parameters,
        tuning: Tuning, threads: Int = 1, tracker: TrainingProgressTracker
    ) throws -> (model: LogisticRegression, report: SelectionReport) {
        var problem = Problem(
            examples: examples, dimension: dimension, parameters: parameters, tuning: tuning, threads: threads)
        let cost = plannedCost(tuning)
        let buffers = LBFGS.Buffers()
        let path = problem.fitPath(rows: split.training, buffers: buffers) { index, settings in
            tracker.begin("select " + settings, cost: cost[index])
            return tracker.solverMonitor()
        }
        var candidates: [SelectionReport.Candidate] = []
        var adjustments: [LogitAdjustment.Report?] = []
        for fit in path {
            // With a logit adjustment or per-class offsets, each candidate is judged by the
            // decision rule it would ship with, chosen on the same held-out part.
            var adjustment: LogitAdjustment.Report?
            var judged = fit.model
            if tuning.logitAdjustments != nil || tuning.classOffsetShrinkage != nil {
                let heldOut = heldOutLogits(fit.model, examples: examples, indices: split.validation)
                adjustment = problem.decisionRule(scores: heldOut.scores, targets: heldOut.targets)
                judged.shiftBiases(by: adjustment!.offsets)
            }
            let scores = validationScores(judged, examples: examples, indices: split.validation)
            candidates.append(
                SelectionReport.Candidate(
                    inverseRegularization: fit.inverseRegularization, classWeighting: fit.classWeighting,
                    macroF1: scores.macroF1, accuracy: scores.accuracy, logLoss: scores.logLoss,
                    iterations: fit.iterations))
            adjustments.append(adjustment)
        }
        guard !candidates.isEmpty else { throw LearnerError.emptyTrainingSet }
        let chosenIndex = choose(candidates, margin: tuning.selectionMargin)
        let best = path[chosenIndex]
        let chosen = candidates[chosenIndex]

        // The temperature of the chosen fit after its logit adjustment, then the final fit on everything.
        let adjustment = adjustments[chosenIndex]
        var heldOutModel = best.model
        if let adjustment { heldOutModel.shiftBiases(by: adjustment.offsets) }
        let temperature = heldOutTemperature(heldOutModel, examples: examples, indices: split.validation)
        tracker.begin("final fit " + chosen.settings, cost: cost[cost.count - 1])
        let model = problem.finalFit(
            best.model, start: best.solution, adjustment: adjustment, temperature: temperature, buffers: buffers,
            monitor: tracker.solverMonitor())
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
        let heldOut = heldOutLogits(model, examples: examples, indices: indices)
        return pooledTemperature(
            heldOut.scores, targets: heldOut.targets, offsets: [Float](repeating: 0, count: model.labels.count))
    }
}
