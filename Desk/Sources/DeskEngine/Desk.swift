import DeskCore
import DisputeTriage
import Foundation
import Logging
import Synchronization

/// The desk's operations, independent of HTTP: score and store disputes, take collectors' feedback
/// into the log and the live model, serve the worklist, publish model versions.
///
/// Learning is strictly in log order: the model applies event `seq` only when it has applied
/// `seq - 1`, so every process that applies the same log holds the same model, bit for bit.
public final class Desk: Sendable {
    public let store: any DeskStore
    let live: LiveModel
    let policyState: Mutex<ActionPolicy>
    let logger: Logger
    let metrics = DeskMetrics()
    /// One learner at a time (applying, snapshotting).
    let learning = AsyncLock()
    /// One rescoring pass at a time.
    let rescoring = AsyncLock()
    /// One model fingerprint computation at a time.
    let fingerprinting = AsyncLock()
    let rescoredVersion = Mutex<String>("")
    /// Where and when this process last published a model version.
    let lastSnapshot = Mutex<(seq: Int64, time: ContinuousClock.Instant)>((0, .now))
    let fingerprintCache = Mutex<(version: String, sha: String)>(("", ""))
    let scratchDirectory: URL
    /// Publish a model version after this many new events.
    public let snapshotEvery: Int64
    /// ... or when this much time has passed since the last one and the model moved.
    public let snapshotInterval: Duration = .seconds(300)
    /// Whether this process publishes model versions. Always true on SQLite (one process); on
    /// PostgreSQL only the replica that holds the publisher lock (``setPublisher(_:)``).
    let publisher = Mutex<Bool>(true)
    /// How this desk learns (see ``LearningMode``).
    public let mode: LearningMode
    let wakeSignal = WakeSignal()

    /// How replicas keep their models equal.
    public enum LearningMode: String, Sendable, CaseIterable {
        /// Every replica applies the log itself (needs bit-identical arithmetic: same build, same CPU kernels).
        case replay
        /// Only the publisher applies the log; the others load each published version.
        case follow
    }

    /// A desk on `store` that starts from the newest published model version, or from `baseModel`
    /// when none is published, and replays the rest of the log.
    public static func start(
        store: any DeskStore, baseModel: TriageModel, policy: ActionPolicy, scratchDirectory: URL,
        snapshotEvery: Int64 = 200, mode: LearningMode = .replay, publisher: Bool = true,
        logger: Logger = Logger(label: "desk")
    ) async throws -> Desk {
        try await store.migrate()
        try FileManager.default.createDirectory(at: scratchDirectory, withIntermediateDirectories: true)
        var state: ModelState
        if let published = try await store.latestModelVersion() {
            let model = try Self.model(from: published.files, scratch: scratchDirectory)
            let base = String(published.version.split(separator: ".").first ?? "")
            state = ModelState(model: model, appliedSeq: published.appliedSeq, base: base, updates: 0)
            logger.info("starting from published model version", metadata: ["version": "\(published.version)"])
        } else {
            let sha = try baseModel.weightsSHA256()
            state = ModelState(model: baseModel, appliedSeq: 0, base: String(sha.prefix(12)), updates: 0)
        }
        let desk = Desk(
            store: store, state: state, policy: policy, scratchDirectory: scratchDirectory,
            snapshotEvery: snapshotEvery, mode: mode, logger: logger)
        desk.setPublisher(publisher)
        desk.lastSnapshot.withLock { $0.seq = state.appliedSeq }
        try await desk.catchUp()
        return desk
    }

    init(
        store: any DeskStore, state: ModelState, policy: ActionPolicy, scratchDirectory: URL, snapshotEvery: Int64,
        mode: LearningMode, logger: Logger
    ) {
        self.mode = mode
        self.store = store
        self.live = LiveModel(state)
        self.policyState = Mutex(policy)
        self.scratchDirectory = scratchDirectory
        self.snapshotEvery = snapshotEvery
        self.logger = logger
    }

    public var policy: ActionPolicy { policyState.withLock { $0 } }

    public func setPolicy(_ policy: ActionPolicy) { policyState.withLock { $0 = policy } }

    public var modelState: ModelState { live.snapshot }

    public var isPublisher: Bool { publisher.withLock { $0 } }

    /// Called by the PostgreSQL coordinator when this replica gains or loses the publisher lock.
    public func setPublisher(_ value: Bool) {
        let changed = publisher.withLock { old in
            defer { old = value }
            return old != value
        }
        if changed { logger.info("publisher role", metadata: ["publisher": "\(value)"]) }
    }

    /// New feedback was logged somewhere: apply it soon.
    public func wake() { wakeSignal.signal() }

    /// Waits for a wake-up or `timeout`.
    public func waitForWork(upTo timeout: Duration) async { await wakeSignal.wait(upTo: timeout) }

    // MARK: Scoring

    /// Scores `incoming` with the live model and stores what is new. Disputes whose id is already
    /// stored come back as stored (not rescored): posting is idempotent on the dispute id. Another
    /// dispute under a stored id is a 409, never answered with the stored one's triage.
    public func submit(_ incoming: [IncomingDispute], now: Date = Date()) async throws -> [StoredDispute] {
        let state = live.snapshot
        // Retries of known disputes are the common case for an idempotent endpoint: skip their scoring.
        let known = try await store.disputes(ids: incoming.map(\.dispute.id))
        try Self.checkRetries(incoming, stored: known)
        let fresh = incoming.filter { known[$0.dispute.id] == nil }
        let scores = score(fresh.map(\.dispute), state: state)
        let disputes = zip(fresh, scores).map { item, score in
            StoredDispute(
                id: item.dispute.id, customerID: item.customerID, invoices: item.invoices, text: item.dispute.text,
                facts: item.dispute.facts, receivedAt: (item.receivedAt ?? now).timeIntervalSince1970, score: score)
        }
        // A concurrent post of the same id may have won the race: the store returns what it holds.
        let inserted = try await store.insertDisputes(disputes)
        var byID = known
        for d in inserted { byID[d.id] = d }
        try Self.checkRetries(incoming, stored: byID)
        metrics.disputesScored.increment(by: fresh.count)
        return incoming.compactMap { byID[$0.dispute.id] }
    }

    /// A 409 naming the first of `incoming` whose id is stored with another text or other given fields.
    static func checkRetries(_ incoming: [IncomingDispute], stored: [String: StoredDispute]) throws(DeskError) {
        for (index, item) in incoming.enumerated() {
            guard let existing = stored[item.dispute.id], !existing.acceptsRetry(item) else { continue }
            throw DeskError(
                status: 409, code: "dispute_id_reused", field: "[\(index)].id",
                reason:
                    "dispute '\(item.dispute.id)' is stored with another text, facts, customer or invoices; a retry must send the same dispute (it may leave optional fields out)"
            )
        }
    }

    /// Triage of `disputes` with `state`'s model, each under a new prediction id or, when rescoring,
    /// under the one it was first shown with (feedback refers to that).
    func score(_ disputes: [Dispute], state: ModelState, predictionIDs: [String]? = nil) -> [ScoreRecord] {
        guard !disputes.isEmpty else { return [] }
        let results = state.model.score(disputes)
        let policy = self.policy
        return disputes.indices.map { index in
            let dispute = disputes[index], result = results[index]
            let severity = result.classification.severity.label
            let subject = result.classification.subject.label
            let decision = policy.decide(severity: severity, facts: dispute.facts)
            let predictionID = predictionIDs?[index] ?? "p_" + APIToken.randomID(bytes: 12)
            let body = ResultBody(
                result: result, decision: decision, predictionID: predictionID, modelVersion: state.version)
            return ScoreRecord(
                predictionID: predictionID, modelVersion: state.version, priority: body.priority, subject: subject,
                severity: severity, action: decision.action, resultJSON: body.json)
        }
    }

    // MARK: Feedback

    /// The outcome of posting feedback.
    public struct FeedbackOutcome: Sendable {
        public var event: FeedbackEvent
        /// False when the idempotency key was already known (nothing new was logged).
        public var created: Bool
        /// Whether the live model has applied the event.
        public var applied: Bool
        public var modelVersion: String
    }

    /// Logs a collector's verdict on a stored dispute (durably, before returning) and applies it to
    /// the live model. The event records the dispute's text and facts as they are now.
    public func feedback(
        disputeID: String, urgent: Bool, subject: Subject?, severity: Severity?, idempotencyKey: String,
        actor: String, now: Date = Date()
    ) async throws -> FeedbackOutcome {
        guard let stored = try await store.dispute(id: disputeID) else {
            throw DeskError.notFound("no dispute with id '\(disputeID)'", field: "id")
        }
        let feedback = Feedback(dispute: try stored.dispute, urgent: urgent, subject: subject, severity: severity)
        let event = NewFeedbackEvent(
            idempotencyKey: idempotencyKey, disputeID: disputeID, predictionID: stored.score.predictionID,
            payload: NewFeedbackEvent.payload(for: feedback), actor: actor,
            createdAt: now.timeIntervalSince1970)
        let (logged, created) = try await store.appendFeedback(event)
        if created { metrics.feedbackAppended.increment() }
        // A known key with another dispute is a client error, not a replay.
        guard logged.event.disputeID == disputeID else {
            throw DeskError(
                status: 409, code: "idempotency_key_reused", field: "Idempotency-Key",
                reason: "this key was used for dispute '\(logged.event.disputeID)'")
        }
        guard created || logged.event.payload == event.payload else {
            throw DeskError(
                status: 409, code: "idempotency_key_reused", field: "Idempotency-Key",
                reason: "this key was used for another verdict on this dispute")
        }
        try await catchUp()
        let state = live.snapshot
        return FeedbackOutcome(
            event: logged, created: created, applied: state.appliedSeq >= logged.seq, modelVersion: state.version)
    }

    /// Applies every logged event the live model has not applied yet, strictly in sequence order.
    /// Returns whether the model changed.
    @discardableResult
    public func catchUp() async throws -> Bool {
        if mode == .follow && !isPublisher { return try await followPublishedVersion() }
        return try await learning.withLock {
            var state = live.snapshot
            var changed = false
            var checkpoints = try await store.checkpoints(after: state.appliedSeq)
            while true {
                let events = try await store.feedback(after: state.appliedSeq, limit: 500)
                guard !events.isEmpty else { break }
                for event in events {
                    // A gap means an append is not visible yet: stop and re-query later, never skip.
                    guard event.seq == state.appliedSeq + 1 else { break }
                    let feedback = try event.feedback()
                    try state.model.learn(feedback)
                    state.appliedSeq = event.seq
                    state.updates += 1
                    changed = true
                    metrics.feedbackApplied.increment()
                    while let first = checkpoints.first, first.appliedSeq <= state.appliedSeq {
                        checkpoints.removeFirst()
                        if first.appliedSeq == state.appliedSeq { state = try await verify(state, against: first) }
                    }
                }
                if events.last!.seq != state.appliedSeq { break }
            }
            if changed {
                live.publish(state)
                metrics.appliedSeq.record(state.appliedSeq)
            }
            return changed
        }
    }

    /// Compares the model with a published checkpoint at the same log position; a replica that
    /// differs logs an error, counts it, and continues from the published model.
    func verify(_ state: ModelState, against checkpoint: Checkpoint) async throws -> ModelState {
        let sha = try state.model.weightsSHA256()
        guard sha != checkpoint.weightsSHA256 else { return state }
        metrics.checkpointMismatches.increment()
        logger.error(
            "model differs from the published checkpoint; reloading it",
            metadata: [
                "version": "\(checkpoint.version)", "expected": "\(checkpoint.weightsSHA256)", "actual": "\(sha)",
            ])
        guard let published = try await store.modelVersion(checkpoint.version) else { return state }
        var reloaded = state
        reloaded.model = try Self.model(from: published.files, scratch: scratchDirectory)
        return reloaded
    }

    /// Follow mode: load the newest published version when it is ahead of this replica's.
    func followPublishedVersion() async throws -> Bool {
        try await learning.withLock {
            let state = live.snapshot
            guard let newest = try await store.checkpoints(after: state.appliedSeq).last,
                let published = try await store.modelVersion(newest.version)
            else { return false }
            var next = state
            next.model = try Self.model(from: published.files, scratch: scratchDirectory)
            next.appliedSeq = published.appliedSeq
            next.updates += Int(published.appliedSeq - state.appliedSeq)
            live.publish(next)
            metrics.appliedSeq.record(next.appliedSeq)
            return true
        }
    }

    // MARK: Rescoring

    /// Rescores every unresolved dispute with the live model when it changed since the last pass,
    /// so the worklist order follows what the model has learned.
    public func rescoreIfNeeded() async throws {
        try await rescoring.withLock {
            let state = live.snapshot
            guard rescoredVersion.withLock({ $0 }) != state.version else { return }
            var after: String? = nil
            while true {
                let batch = try await store.unresolvedDisputes(after: after, limit: 500)
                guard let last = batch.last else { break }
                let scores = score(
                    try batch.map { try $0.dispute }, state: state, predictionIDs: batch.map(\.score.predictionID))
                let updates = zip(batch, scores).map { (id: $0.id, score: $1) }
                try await store.updateScores(updates)
                after = last.id
            }
            rescoredVersion.withLock { $0 = state.version }
        }
    }

    /// Rescores every unresolved dispute now (after a policy change).
    public func rescoreAll() async throws {
        rescoredVersion.withLock { $0 = "" }
        try await rescoreIfNeeded()
    }

    // MARK: Model versions

    /// The published-model fingerprint of the live model (cached per version).
    public func weightsSHA256() throws -> String {
        try weightsSHA256(of: live.snapshot)
    }

    func weightsSHA256(of state: ModelState) throws -> String {
        if let cached = fingerprintCache.withLock({ $0.version == state.version ? $0.sha : nil }) { return cached }
        let sha = try state.model.weightsSHA256()
        fingerprintCache.withLock { $0 = (state.version, sha) }
        return sha
    }

    /// Saves the live model as a model version when it is `snapshotEvery` events past the last one
    /// (or whenever it is ahead, with `force`).
    public func publishIfDue(force: Bool = false) async throws {
        guard isPublisher else { return }
        try await learning.withLock {
            let state = live.snapshot
            let last = lastSnapshot.withLock { $0 }
            let timeDue = ContinuousClock.now - last.time >= snapshotInterval
            guard state.appliedSeq > last.seq, force || timeDue || state.appliedSeq - last.seq >= snapshotEvery else {
                return
            }
            let files = try Self.files(of: state.model, scratch: scratchDirectory)
            try await store.saveModelVersion(
                ModelVersionRecord(
                    version: state.version, appliedSeq: state.appliedSeq,
                    weightsSHA256: try state.model.weightsSHA256(),
                    createdAt: Date().timeIntervalSince1970, files: files))
            lastSnapshot.withLock { $0 = (state.appliedSeq, .now) }
            metrics.snapshots.increment()
            logger.info("published model version", metadata: ["version": "\(state.version)"])
        }
    }

    static func files(of model: TriageModel, scratch: URL) throws -> [String: [UInt8]] {
        let directory = scratch.appendingPathComponent("snapshot-\(APIToken.randomID(bytes: 6))")
        defer { try? FileManager.default.removeItem(at: directory) }
        try model.save(to: directory)
        var files: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            files[name] = Array(try Data(contentsOf: directory.appendingPathComponent(name)))
        }
        return files
    }

    static func model(from files: [String: [UInt8]], scratch: URL) throws -> TriageModel {
        let directory = scratch.appendingPathComponent("load-\(APIToken.randomID(bytes: 6))")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, bytes) in files {
            guard !name.contains("/"), !name.hasPrefix(".") else {
                throw DeskError.invalid("model_versions.files", "bad file name '\(name)'")
            }
            try Data(bytes).write(to: directory.appendingPathComponent(name))
        }
        return try TriageModel.load(from: directory)
    }

    /// The live model's position against the log head (cheap: readiness and the page header use it).
    public func position() async throws -> (state: ModelState, logHead: Int64) {
        let head = try await store.logHead()
        let state = live.snapshot
        metrics.logHead.record(head)
        metrics.logLag.record(head - state.appliedSeq)
        return (state, head)
    }

    /// `GET /v1/model`. The fingerprint encodes the whole model, so concurrent callers share one
    /// computation per model version.
    public func modelSummary() async throws -> (state: ModelState, logHead: Int64, weightsSHA256: String) {
        let (_, head) = try await position()
        return try await fingerprinting.withLock {
            let state = live.snapshot
            return (state, head, try weightsSHA256(of: state))
        }
    }
}
