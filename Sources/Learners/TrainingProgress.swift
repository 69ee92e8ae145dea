#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How far training has got, for progress displays (`triage train` draws a bar from it).
///
/// ```swift
/// let classifier = try TextClassifier.train(texts: texts, labels: labels, labelField: "intent",
///                                           options: TrainingOptions()) { progress in
///     print(progress.stage, Int(progress.fraction * 100), progress.loss ?? .nan)
/// }
/// ```
@_spi(Components) public struct TrainingProgress: Sendable, Equatable {
    /// What is running, e.g. `"features"`, `"select C=10 balanced"`, `"final fit"`.
    @_spi(Components) public var stage: String
    /// Estimated share of the whole training done, 0…1; never decreases.
    @_spi(Components) public var fraction: Double
    /// The solver's current objective per example (weighted log-loss plus penalty), while one runs.
    @_spi(Components) public var loss: Double?
}

/// Turns stage boundaries and solver iterations into one ``TrainingProgress`` stream. Each stage
/// has a planned cost; inside an L-BFGS fit the share done is estimated from how far the gradient
/// norm has fallen towards its stopping tolerance on a log scale, which tracks iterations well
/// for these convex problems.
final class TrainingProgressTracker {
    private let report: ((TrainingProgress) -> Void)?
    private let total: Double
    private var done = 0.0
    private var current = (stage: "", cost: 0.0)
    private var reported = 0.0

    /// `plannedCost` is the sum of the costs that ``begin(_:cost:)`` will be given.
    init(plannedCost: Double, report: ((TrainingProgress) -> Void)?) {
        self.total = max(plannedCost, 1e-9)
        self.report = report
    }

    /// Closes the running stage and starts `stage`.
    func begin(_ stage: String, cost: Double) {
        done += current.cost
        current = (stage, cost)
        emit(within: 0, loss: nil)
    }

    /// Ends the last stage.
    func finish() {
        done += current.cost
        current.cost = 0
        emit(within: 0, loss: nil)
    }

    /// An L-BFGS monitor that reports the running stage.
    func solverMonitor() -> (LBFGS.Progress) -> Void {
        { [self] progress in
            var within = 0.0
            let start = Double(progress.initialGradientNorm), now = Double(progress.gradientNorm)
            let target = Double(progress.targetGradientNorm)
            if start > target, now > 0, target > 0 {
                within = log(start / now) / log(start / target)
            }
            emit(within: min(max(within, 0), 1), loss: progress.value)
        }
    }

    private func emit(within: Double, loss: Double?) {
        guard let report else { return }
        reported = max(reported, min(1, (done + within * current.cost) / total))
        report(TrainingProgress(stage: current.stage, fraction: reported, loss: loss))
    }
}
