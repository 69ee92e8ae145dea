import Synchronization

/// A triage model shared by many tasks: any number of them score while feedback is being learned.
///
/// Scoring works on an immutable snapshot; learning applies the feedback to a private copy and then
/// publishes it in one step, so a scorer sees either the model before an update or after it, never
/// half of it. Learners are serialised, so feedback is applied in the order `learn` is called.
///
/// ```swift
/// let live = LiveTriageModel(try TriageModel.loadDefault())
/// async let ranked = live.score(disputes)
/// try live.learn(feedback)
/// ```
public final class LiveTriageModel: Sendable {
    private let current: Mutex<TriageModel>
    private let writer = Mutex<Int>(0)

    /// Shares `model`.
    public init(_ model: TriageModel) {
        current = Mutex(model)
    }

    /// The model as it is now (a cheap copy-on-write value).
    public var snapshot: TriageModel { current.withLock { $0 } }

    /// Number of feedback events learned through this object.
    package var updatesApplied: Int { writer.withLock { $0 } }

    /// Scores a batch against the current snapshot.
    public func score(_ disputes: [Dispute], explain: Bool = true) -> [TriageResult] {
        snapshot.score(disputes, explain: explain)
    }

    /// Classifies a text against the current snapshot.
    public func classify(_ text: String) -> DisputeClassification { snapshot.classify(text) }

    /// Learns one feedback event and publishes the updated model atomically.
    public func learn(_ feedback: Feedback) throws {
        try writer.withLock { count in
            var next = snapshot
            try next.learn(feedback)
            current.withLock { $0 = next }
            count += 1
        }
    }
}
