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
        let evaluate = { (theta: UnsafeBufferPointer<Float>, gradient: UnsafeMutableBufferPointer<Float>) in
            problem.evaluate(
                theta, gradient: gradient, inverseRegularization: c, classWeights: weightsForClasses,
                scratch: scratch)
        }
        let perExample = monitor.map { report in
            { (progress: LBFGS.Progress) in
                var perExample = progress
                perExample.value /= scale
                report(perExample)
            }
        }
        guard let rows = PaddedRows(fitting: problem) else {
            let result = optimizer.minimize(initial, objective: evaluate, buffers: buffers, monitor: perExample)
            finishBatchFit(problem, solution: result.x)
            return result.x
        }
        // Fitted without the padding lanes; each evaluation reads a padded copy (64-byte aligned, so
        // in place) and the gradient is unpadded after it.
        optimizer.rows = rows
        let n = problem.parameterCount
        let raw = UnsafeMutableRawPointer.allocate(byteCount: 2 * n * MemoryLayout<Float>.stride, alignment: 64)
        defer { raw.deallocate() }
        let paddedTheta = raw.bindMemory(to: Float.self, capacity: 2 * n)
        let paddedGradient = paddedTheta + n
        paddedTheta.initialize(repeating: 0, count: 2 * n)
        let result = optimizer.minimize(
            rows.removingPadding(initial),
            objective: { theta, gradient in
                rows.pad(theta.baseAddress!, into: paddedTheta)
                let value = evaluate(
                    UnsafeBufferPointer(start: paddedTheta, count: n),
                    UnsafeMutableBufferPointer(start: paddedGradient, count: n))
                rows.removePadding(paddedGradient, into: gradient.baseAddress!)
                return value
            },
            buffers: buffers, monitor: perExample)
        let solution = rows.padding(result.x)
        finishBatchFit(problem, solution: solution)
        return solution
    }

    /// Takes the weights and biases from `solution` and starts the AdaGrad memory at 1.
    private mutating func finishBatchFit(_ problem: SoftmaxObjective, solution: [Float]) {
        (weights, bias) = problem.unpack(solution)
        let k = labels.count
        squaredGradients = [Float](repeating: 1, count: dimension * k)
        biasSquaredGradients = [Float](repeating: 1, count: k)
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
