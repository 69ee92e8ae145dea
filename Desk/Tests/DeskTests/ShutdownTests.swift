import DeskCore
import DeskEngine
import DeskPostgres
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import Testing

/// Graceful shutdown of a PostgreSQL replica whose server stops at the same moment: the learner's
/// final publish gives up within its limit and says so, and the service group ends, instead of
/// waiting for the pool to give up on the server (a minute or more).
@Suite("Shutdown", .timeLimit(.minutes(3)))
struct ShutdownTests {
    @Test func shutdownEndsAndReportsTheFinalPublishWhenTheServerStopsDuringIt() async throws {
        // The shared server decides whether PostgreSQL tests run (skipped, or required on CI); this
        // test stops a server of its own.
        guard try TestPostgres.shared() != nil, let binaries = TestPostgres.findBinaries() else { return }
        let server = try TestPostgres(binaries: binaries)
        defer { server.stop() }
        let messages = LogMessages()
        let logger = Logger(label: "desk.shutdown-test") { _ in CapturingLogHandler(messages: messages) }
        // The pool's reconnect attempts go to the captured log too, not to the test's output.
        let backend = try PostgresBackend(url: try await server.createDatabase(), logger: logger)
        try await withTemporaryDirectory { directory in
            try await withThrowingTaskGroup(of: Void.self) { pool in
                pool.addTask { try await backend.run() }
                defer { pool.cancelAll() }
                let store = SQLDeskStore(backend: backend)
                let desk = try await Desk.start(
                    store: store, baseModel: defaultModel, policy: ActionPolicy(),
                    scratchDirectory: directory.appendingPathComponent("scratch"), snapshotEvery: 1_000,
                    publisher: false, logger: logger)
                _ = try await desk.submit(try EngineTests.incoming(3))
                for i in 0..<3 {
                    let outcome = try await desk.feedback(
                        disputeID: "D\(i)", urgent: true, subject: nil, severity: nil, idempotencyKey: "k\(i)",
                        actor: "test")
                    #expect(outcome.created && outcome.applied)
                }
                let coordinator = ReplicaCoordinator(
                    backend: backend, retryInterval: .milliseconds(200), logger: logger,
                    onPublisherChange: { desk.setPublisher($0) }, onFeedback: { desk.wake() })
                let learner = LearnerService(
                    desk: desk, pollInterval: .milliseconds(200), finalPublishTimeout: .seconds(3), logger: logger)
                // The order of `serve`: on shutdown the learner stops before the coordinator.
                let group = ServiceGroup(
                    configuration: .init(
                        services: [.init(service: coordinator), .init(service: learner)], logger: logger))
                try await withThrowingTaskGroup(of: Void.self) { services in
                    services.addTask { try await group.run() }
                    for _ in 0..<150 where !desk.isPublisher { try await Task.sleep(for: .milliseconds(100)) }
                    #expect(desk.isPublisher, "the coordinator takes the publisher role")

                    server.stop()
                    let started = ContinuousClock.now
                    await group.triggerGracefulShutdown()
                    try await services.waitForAll()
                    // What is tested is the bound itself. Before the fix the learner waited for the
                    // pool's circuit breaker (about 70 s here); the limit leaves a wide margin over
                    // the 3 s given to the final publish on a busy machine.
                    let elapsed = ContinuousClock.now - started
                    #expect(elapsed < .seconds(30), "shutdown took \(elapsed)")
                }
                let logged = messages.all
                #expect(
                    logged.contains { $0.hasPrefix("final model publish failed; nothing acknowledged is lost") },
                    "the learner says what it could not do: \(logged.suffix(5))")
            }
        }
    }
}

/// Every message logged through a ``CapturingLogHandler``.
final class LogMessages: Sendable {
    private let messages = Mutex<[String]>([])
    var all: [String] { messages.withLock { $0 } }
    func append(_ message: String) { messages.withLock { $0.append(message) } }
}

/// Keeps every log message, so a test can check what a service reported.
struct CapturingLogHandler: LogHandler {
    let messages: LogMessages
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        messages.append(event.message.description)
    }
}
