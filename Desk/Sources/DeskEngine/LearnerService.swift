import DeskCore
import Logging
import ServiceLifecycle

/// Keeps the live model and the worklist up to date in the background: applies events that other
/// replicas logged, rescores unresolved disputes after the model changed, publishes model versions.
/// Database errors are logged and retried with backoff; on graceful shutdown it publishes the model
/// once more, so a restart replays nothing.
///
/// The final publish is only a snapshot: every acknowledged feedback event is already committed to
/// the log, so when it fails nothing acknowledged is lost and the next start replays the log tail.
public struct LearnerService: Service {
    let desk: Desk
    let pollInterval: Duration
    /// How long the final publish may take at shutdown. Without a bound, a desk whose database went
    /// away waits for a connection until the pool gives up (a minute or more), and SIGTERM does not
    /// end the process.
    let finalPublishTimeout: Duration
    let logger: Logger

    public init(
        desk: Desk, pollInterval: Duration = .seconds(2), finalPublishTimeout: Duration = .seconds(10),
        logger: Logger = Logger(label: "desk.learner")
    ) {
        self.desk = desk
        self.pollInterval = pollInterval
        self.finalPublishTimeout = finalPublishTimeout
        self.logger = logger
    }

    public func run() async throws {
        var backoff = pollInterval
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                // Shutdown ends a pass that waits for the database, so that it gives up the learning
                // lock; the final publish below does the same work, within its time limit.
                try await cancelWhenGracefulShutdown { try await pass() }
                backoff = pollInterval
            } catch {
                if Task.isShuttingDownGracefully || Task.isCancelled { break }
                desk.metrics.storeErrors.increment()
                logger.error(
                    "learner pass failed; retrying", metadata: ["error": "\(error)", "retry_in": "\(backoff)"])
                backoff = min(backoff * 2, .seconds(30))
            }
            let pause = backoff
            await cancelWhenGracefulShutdown { await desk.waitForWork(upTo: pause) }
        }
        await publishFinal()
    }

    func pass() async throws {
        logger.debug("learner pass: catch up")
        try await desk.catchUp()
        logger.debug("learner pass: rescore")
        try await desk.rescoreIfNeeded()
        logger.debug("learner pass: publish")
        try await desk.publishIfDue()
        logger.debug("learner pass: done")
    }

    /// Applies what is logged and publishes the model, within `finalPublishTimeout`. Returns whether
    /// it succeeded; a failure is logged with its cause.
    @discardableResult
    func publishFinal() async -> Bool {
        let desk = self.desk
        do {
            try await withDeadline(finalPublishTimeout) {
                try await desk.catchUp()
                try await desk.publishIfDue(force: true)
            }
            return true
        } catch {
            desk.metrics.storeErrors.increment()
            logger.error(
                "final model publish failed; nothing acknowledged is lost: every acknowledged event is in the log, and the next start replays its tail",
                metadata: ["error": "\(error)", "time_limit": "\(finalPublishTimeout)"])
            return false
        }
    }
}
