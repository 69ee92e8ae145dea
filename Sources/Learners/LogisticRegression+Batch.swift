/// Full-batch L-BFGS training on a packed ``SoftmaxObjective``, with warm starts: the model
/// selection fits one problem for several `C` and class weightings, each starting from the
/// previous solution, and the final fit on all the data starts from the chosen one.
extension LogisticRegression {
    /// Stop when the largest gradient entry of the per-example mean objective (scikit-learn's
    /// scaling: our objective divided by `C · Σ weights`) is below this, as scikit-learn's `tol`.
    static let gradientTolerance = 1e-4
    /// … or when one iteration improves the objective by less than this fraction.
    static let relativeTolerance = 1e-6

    /// Fits `C · Σ wᵢ·CE + ½‖W‖²` on `problem` (whose targets index `labels`) from `start`, a
    /// solution of an earlier call on a problem with the same dimension and classes, or from zero.
    /// `monitor` sees every iteration with the objective as a per-example mean. Afterwards the
    /// AdaGrad memory starts at 1 so the first online updates take moderate steps from the optimum.
    /// `toleranceScale` loosens both tolerances (a fit that only has to rank settings on a
    /// validation part need not be as exact as the final one). Fits that share `buffers` reuse the
    /// solver's working vectors.
    /// Returns the solution in the problem's padded layout (a warm start for the next call).
    @discardableResult
    mutating func fitBatch(
        _ problem: SoftmaxObjective, labels: ClassLabels, classCounts: [Double], start: [Float]? = nil,
        toleranceScale: Double = 1, buffers: LBFGS.Buffers = LBFGS.Buffers(),
        monitor: ((LBFGS.Progress) -> Void)? = nil
    ) -> [Float] {
        precondition(problem.dimension == dimension && problem.classCount == labels.count)
        self.labels = labels
        let weightsForClasses = parameters.classWeighting.weights(counts: classCounts)
        classWeights = weightsForClasses
        let c = parameters.inverseRegularization
        let scale = Double(c) * max(problem.totalWeight(classWeights: weightsForClasses), 1e-12)
        var optimizer = LBFGS(
            history: 7, maxIterations: parameters.maxIterations,
            gradientTolerance: Float(Self.gradientTolerance * toleranceScale * scale),
            relativeTolerance: Self.relativeTolerance * toleranceScale)
        let initial = start ?? [Float](repeating: 0, count: problem.parameterCount)
        let scratch = problem.allocateScratch()
        defer { SoftmaxObjective.deallocate(scratch) }
        let perExample = monitor.map { report in
            { (progress: LBFGS.Progress) in
                var perExample = progress
                perExample.value /= scale
                report(perExample)
            }
        }
        // Without the padding lanes where they are a large share (``PaddedRows``): the same bits.
        let rows = PaddedRows(fitting: problem)
        optimizer.rows = rows
        let result = optimizer.minimize(
            rows?.removingPadding(initial) ?? initial,
            objective: { theta, gradient in
                problem.evaluate(
                    theta, gradient: gradient, inverseRegularization: c, classWeights: weightsForClasses,
                    scratch: scratch, unpadded: rows != nil)
            },
            buffers: buffers, monitor: perExample)
        let solution = rows?.padding(result.x) ?? result.x
        (weights, bias) = problem.unpack(solution)
        let k = labels.count
        squaredGradients = [Float](repeating: 1, count: dimension * k)
        biasSquaredGradients = [Float](repeating: 1, count: k)
        return solution
    }

    /// Multiplies the weights of feature `j` by `factors[j]`: a model fitted on features scaled by
    /// `factors` then scores unscaled features the same (see ``NaiveBayesScaling``).
    mutating func rescaleWeights(by factors: [Float]) {
        let k = labels.count
        for j in 0..<dimension {
            for c in 0..<k { weights[j * k + c] *= factors[j] }
        }
    }
}
