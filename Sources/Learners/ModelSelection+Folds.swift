@_spi(Components) import LinearAlgebra
import SystemSupport

extension ModelSelection {
    /// The settings search on K folds (``Tuning/selectionFolds``) instead of one held-out part: for
    /// each fold, the path of candidates is fitted on the other folds and its held-out logits are
    /// kept; each candidate is then judged on the pooled out-of-fold logits of every held-out row
    /// (after its own decision rule, chosen on the same pooled logits), the temperature is fitted on
    /// the chosen candidate's pooled logits, and the final fit on all examples starts from the chosen
    /// candidate's solution of the last fold.
    ///
    /// Every fold's path starts cold. Started from the previous fold's solution, which was fitted on
    /// this fold's held-out rows, the loose candidate tolerance stops near that solution and the
    /// held-out scores leak (fincorp, 5 folds: C=10's out-of-fold macro-F1 0.658 against 0.633 cold,
    /// temperature 1.01 against 0.66), for no saving (336 against 344 iterations). The folds run in
    /// order, so the same seed gives the same bytes.
    static func logisticRegression(
        examples: [LabeledExample], folds: StratifiedFolds, dimension: Int, parameters: LogisticRegression.Parameters,
        tuning: Tuning, threads: Int = 1, tracker: TrainingProgressTracker
    ) throws -> (model: LogisticRegression, report: SelectionReport) {
        var problem = Problem(
            examples: examples, dimension: dimension, parameters: parameters, tuning: tuning, threads: threads)
        let k = problem.labels.count
        let heldOut = folds.heldOut
        guard !heldOut.isEmpty else { throw LearnerError.emptyTrainingSet }
        // Where each held-out example's logits go in the pooled arrays (row order).
        var slot = [Int](repeating: -1, count: examples.count)
        for (position, i) in heldOut.enumerated() { slot[i] = position }
        let cost = plannedCost(tuning)
        let buffers = LBFGS.Buffers()

        var pooled: [[Float]] = []
        var iterations: [Int] = []
        var lastFold: [Problem.Fit] = []
        var fitted = 0
        for f in 0..<folds.count {
            let validation = folds.validation(f)
            guard !validation.isEmpty else { continue }
            let path = problem.fitPath(rows: folds.training(f), buffers: buffers) {
                index, settings in
                tracker.begin("select \(settings), fold \(f + 1)/\(folds.count)", cost: cost[fitted + index])
                return tracker.solverMonitor()
            }
            fitted += path.count
            if pooled.isEmpty {
                pooled = [[Float]](repeating: [Float](repeating: 0, count: heldOut.count * k), count: path.count)
                iterations = [Int](repeating: 0, count: path.count)
            }
            for (j, fit) in path.enumerated() {
                let logits = heldOutLogits(fit.model, examples: examples, indices: validation).scores
                for (n, i) in validation.enumerated() {
                    pooled[j].replaceSubrange(slot[i] * k..<(slot[i] + 1) * k, with: logits[n * k..<(n + 1) * k])
                }
                iterations[j] += fit.iterations
            }
            lastFold = path
        }
        let targets = heldOut.map { problem.targets[$0] }
        var candidates: [SelectionReport.Candidate] = []
        var adjustments: [LogitAdjustment.Report?] = []
        for (j, fit) in lastFold.enumerated() {
            var adjustment: LogitAdjustment.Report?
            if tuning.logitAdjustments != nil || tuning.classOffsetShrinkage != nil {
                adjustment = problem.decisionRule(scores: pooled[j], targets: targets)
            }
            let offsets = adjustment?.offsets ?? [Float](repeating: 0, count: k)
            let scores = pooledScores(pooled[j], targets: targets, offsets: offsets)
            candidates.append(
                SelectionReport.Candidate(
                    inverseRegularization: fit.inverseRegularization, classWeighting: fit.classWeighting,
                    macroF1: scores.macroF1, accuracy: scores.accuracy, logLoss: scores.logLoss,
                    iterations: iterations[j]))
            adjustments.append(adjustment)
        }
        guard !candidates.isEmpty else { throw LearnerError.emptyTrainingSet }
        let chosenIndex = choose(candidates, margin: tuning.selectionMargin)
        let adjustment = adjustments[chosenIndex]
        let temperature = pooledTemperature(
            pooled[chosenIndex], targets: targets, offsets: adjustment?.offsets ?? [Float](repeating: 0, count: k))
        let best = lastFold[chosenIndex]
        tracker.begin("final fit " + candidates[chosenIndex].settings, cost: cost[cost.count - 1])
        let model = problem.finalFit(
            best.model, start: best.solution, adjustment: adjustment, temperature: temperature, buffers: buffers,
            monitor: tracker.solverMonitor())
        // Each fold fits on all the examples but its own held-out rows: report the mean.
        let fittedPerFold = (folds.count * examples.count - heldOut.count + folds.count / 2) / folds.count
        var report = SelectionReport(
            trainingCount: fittedPerFold, validationCount: heldOut.count, candidates: candidates,
            chosenIndex: chosenIndex, temperature: temperature, logitAdjustment: adjustment)
        report.folds = folds.count
        return (model, report)
    }

    /// Macro-F1 (over the classes present in `targets`), accuracy and log-loss (temperature 1) of
    /// the predictions `argmax(scores + offsets)`, for row-major `scores`.
    static func pooledScores(_ scores: [Float], targets: [Int], offsets: [Float])
        -> (macroF1: Double, accuracy: Double, logLoss: Double)
    {
        let k = offsets.count
        var correct = 0
        var loss = 0.0
        var row = [Float](repeating: 0, count: k)
        for (n, target) in targets.enumerated() {
            for c in 0..<k { row[c] = scores[n * k + c] + offsets[c] }
            var best = 0
            for c in 1..<max(k, 1) where row[c] > row[best] { best = c }
            if best == target { correct += 1 }
            loss += Double(StableMath.logSumExp(row) - row[target])
        }
        let count = Double(max(targets.count, 1))
        let macroF1 = LogitAdjustment.macroF1(scores: scores, targets: targets, offsets: offsets)
        return (macroF1, Double(correct) / count, loss / count)
    }

    /// The temperature minimising the log-loss of row-major `scores + offsets` with true classes `targets`.
    static func pooledTemperature(_ scores: [Float], targets: [Int], offsets: [Float]) -> Float {
        let k = offsets.count
        let rows = targets.indices.map { n in (0..<k).map { scores[n * k + $0] + offsets[$0] } }
        return TemperatureScaling.fit(scores: rows, targets: targets)
    }
}
