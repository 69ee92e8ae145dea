import Logging
import ServiceLifecycle

/// Keeps the live model and the worklist up to date in the background: applies events that other
/// replicas logged, rescores unresolved disputes after the model changed, publishes model versions.
/// Database errors are logged and retried with backoff; on graceful shutdown it publishes the model
/// once more, so a restart replays nothing.
public struct LearnerService: Service {
    let desk: Desk
    let pollInterval: Duration
    let logger: Logger

    public init(desk: Desk, pollInterval: Duration = .seconds(2), logger: Logger = Logger(label: "desk.learner")) {
        self.desk = desk
        self.pollInterval = pollInterval
        self.logger = logger
    }

    public func run() async throws {
        var backoff = pollInterval
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                logger.debug("learner pass: catch up")
                try await desk.catchUp()
                logger.debug("learner pass: rescore")
                try await desk.rescoreIfNeeded()
                logger.debug("learner pass: publish")
                try await desk.publishIfDue()
                logger.debug("learner pass: done")
                backoff = pollInterval
            } catch {
                desk.metrics.storeErrors.increment()
                logger.error(
                    "learner pass failed; retrying", metadata: ["error": "\(error)", "retry_in": "\(backoff)"])
                backoff = min(backoff * 2, .seconds(30))
            }
            let pause = backoff
            await cancelWhenGracefulShutdown { await desk.waitForWork(upTo: pause) }
        }
        do {
            try await desk.catchUp()
            try await desk.publishIfDue(force: true)
        } catch {
            logger.error(
                "final model publish failed; the next start replays the log tail", metadata: ["error": "\(error)"])
        }
    }
}
