import Synchronization

/// One ``ProgressDisplay`` for parts of a command that may run at once on several threads (the
/// labels of `triage train`, the folds of `triage crossvalidate`): the share shown is the mean of
/// the parts' shares, the detail the latest report's, prefixed with its part's name.
///
/// ```swift
/// let progress = SharedProgress(label: "subject, severity", parts: ["subject", "severity"], quiet: false)
/// progress.update(part: 1, 0.5, detail: "loss 0.31")   // "… 25% … severity: loss 0.31"
/// progress.finish()
/// ```
final class SharedProgress: Sendable {
    private struct State {
        let display: ProgressDisplay
        var shares: [Double]
    }

    private let names: [String]
    private let state: Mutex<State>

    init(label: String, parts names: [String], quiet: Bool) {
        self.names = names
        state = Mutex(State(display: ProgressDisplay(label: label, quiet: quiet), shares: names.map { _ in 0 }))
    }

    /// Part `part` (an index into `parts`) is `fraction` (0…1) done.
    func update(part: Int, _ fraction: Double, detail: String) {
        state.withLock { state in
            state.shares[part] = fraction
            let done = state.shares.reduce(0, +) / Double(max(state.shares.count, 1))
            state.display.update(done, detail: names.count > 1 ? "\(names[part]): \(detail)" : detail)
        }
    }

    /// Ends the display (see ``ProgressDisplay/finish(detail:)``).
    func finish(detail: String = "done") {
        state.withLock { $0.display.finish(detail: detail) }
    }
}
