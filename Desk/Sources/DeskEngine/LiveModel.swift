import DeskCore
import DisputeTriage
import Synchronization

/// The model a desk scores with, and how far into the feedback log it has learned.
public struct ModelState: Sendable {
    public var model: TriageModel
    /// Events 1…appliedSeq are applied, each exactly once, in order.
    public var appliedSeq: Int64
    /// Fingerprint prefix of the model the log was first applied to.
    public var base: String
    /// Events applied by this process (replay included).
    public var updates: Int

    /// `<base>.<appliedSeq>`: the same on every replica that holds the same model.
    public var version: String { "\(base).\(appliedSeq)" }
}

/// The live model: scorers read an immutable snapshot; the learner publishes a new state in one step.
final class LiveModel: Sendable {
    private let state: Mutex<ModelState>

    init(_ initial: ModelState) { state = Mutex(initial) }

    var snapshot: ModelState { state.withLock { $0 } }

    func publish(_ next: ModelState) { state.withLock { $0 = next } }
}
