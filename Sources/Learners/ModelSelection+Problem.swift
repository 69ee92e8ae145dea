extension ModelSelection {
    /// What both settings searches (one held-out part, or K folds) share: the examples packed once,
    /// their classes, the naive-Bayes scaling, the warm-started path of candidates fitted on a part
    /// of the rows, the decision rule chosen on held-out logits, and the final fit on every row.
    struct Problem {
        let examples: [LabeledExample]
        let labels: ClassLabels
        let targets: [Int]
        let parameters: LogisticRegression.Parameters
        let tuning: Tuning
        let scaling: NaiveBayesScaling?
        /// Weighted class counts of all the examples: the final model's prior, which the logit
        /// adjustment uses (the held-out parts are stratified, so theirs are nearly the same).
        let classCounts: [Double]
        /// Every example, packed once; the parts fitted while choosing settings are filtered from it.
        private var full: SoftmaxObjective

        /// One fitted candidate of the path.
        struct Fit {
            var inverseRegularization: Float
            var classWeighting: ClassWeighting
            /// Scores unscaled features (its weights rescaled when naive-Bayes scaling is on).
            var model: LogisticRegression
            /// The solver's solution in the packed layout of the scaled part: a warm start.
            var solution: [Float]
            var iterations: Int
        }

        /// `threads`: what each evaluation of the solver is split over (see ``SoftmaxObjective/threads``).
        init(
            examples: [LabeledExample], dimension: Int, parameters: LogisticRegression.Parameters, tuning: Tuning,
            threads: Int = 1
        ) {
            self.examples = examples
            self.parameters = parameters
            self.tuning = tuning
            labels = ClassLabels(Set(examples.map(\.label)).sorted())
            let labels = labels
            targets = examples.map { labels.index(of: $0.label)! }
            let position = SoftmaxObjective.frequencyOrder(of: examples, dimension: dimension)
            full = SoftmaxObjective(
                examples: examples, targets: targets, dimension: dimension, classCount: labels.count,
                position: position)
            full.threads = threads
            scaling = tuning.naiveBayesShare > 0 ? NaiveBayesScaling(share: tuning.naiveBayesShare) : nil
            var counts = [Double](repeating: 0, count: labels.count)
            for (i, example) in examples.enumerated() { counts[targets[i]] += Double(example.weight) }
            classCounts = counts
        }

        var dimension: Int { full.dimension }

        /// Fits every candidate on `examples[rows]` (`rows` increasing): for each class weighting the
        /// `C` values from largest to smallest, each from the previous solution, each weighting's first
        /// fit from the first weighting's first solution, and the very first from zero.
        /// `begin(index, settings)` is called before each fit and returns its solver monitor.
        func fitPath(
            rows: [Int], buffers: LBFGS.Buffers,
            begin: (Int, String) -> (LBFGS.Progress) -> Void
        ) -> [Fit] {
            let k = labels.count
            var fitting = SoftmaxObjective(rows: rows, of: full)
            var fittingFactors: [Float]?
            if let scaling {
                let factors = scaling.factors(
                    examples: rows.lazy.map { examples[$0] }, targets: rows.map { targets[$0] }, classCount: k,
                    dimension: dimension)
                fitting.scaleFeatures(by: factors)
                fittingFactors = factors
            }
            var fittingCounts = [Double](repeating: 0, count: k)
            for i in rows { fittingCounts[targets[i]] += Double(examples[i].weight) }

            var fits: [Fit] = []
            var firstOfFirstWeighting: [Float]?
            for weighting in tuning.classWeightings {
                var previous = firstOfFirstWeighting
                for c in tuning.inverseRegularizations.sorted(by: >) {
                    let monitor = begin(fits.count, SelectionReport.Candidate.settings(c, weighting))
                    var model = LogisticRegression(dimension: dimension, parameters: parameters)
                    model.parameters.inverseRegularization = c
                    model.parameters.classWeighting = weighting
                    var iterations = 0
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
                    fits.append(
                        Fit(
                            inverseRegularization: c, classWeighting: weighting, model: model, solution: solution,
                            iterations: iterations))
                }
            }
            return fits
        }

        /// The logit adjustment and per-class offsets of ``Tuning`` chosen on held-out `scores`
        /// (row-major, temperature 1) with true class indices `targets`.
        func decisionRule(scores: [Float], targets: [Int]) -> LogitAdjustment.Report {
            LogitAdjustment.choose(
                scores: scores, targets: targets, classCounts: classCounts, grid: tuning.logitAdjustments ?? [0],
                margin: tuning.selectionMargin, classOffsetShrinkage: tuning.classOffsetShrinkage)
        }

        /// `chosen`'s settings fitted on every example from `start`, with the decision rule's offsets
        /// added to its biases and `temperature` set.
        mutating func finalFit(
            _ chosen: LogisticRegression, start: [Float], adjustment: LogitAdjustment.Report?, temperature: Float,
            buffers: LBFGS.Buffers, monitor: @escaping (LBFGS.Progress) -> Void
        ) -> LogisticRegression {
            var model = chosen
            let fullFactors = scaling?.factors(
                examples: examples, targets: targets, classCount: labels.count, dimension: dimension)
            if let fullFactors { full.scaleFeatures(by: fullFactors) }
            model.fitBatch(
                full, labels: labels, classCounts: classCounts, start: start, buffers: buffers, monitor: monitor)
            if let fullFactors { model.rescaleWeights(by: fullFactors) }
            if let adjustment { model.shiftBiases(by: adjustment.offsets) }
            model.temperature = temperature
            return model
        }
    }
}
