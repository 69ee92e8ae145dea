import Logging
import PostgresNIO
import ServiceLifecycle

/// What a replica learns from PostgreSQL on its own connection: whether it is the publisher of model
/// versions (it holds a session advisory lock, released by PostgreSQL when the connection or the
/// process dies, so the role passes on), and when another replica logged feedback (`LISTEN`).
///
/// On any database error it drops the publisher role, waits with backoff and reconnects: a
/// PostgreSQL restart never stops the replica.
public struct ReplicaCoordinator: Service {
    let backend: PostgresBackend
    let onPublisherChange: @Sendable (Bool) -> Void
    let onFeedback: @Sendable () -> Void
    let logger: Logger
    /// How often a replica without the role tries to take it.
    let retryInterval: Duration

    /// The session advisory lock key of the publisher role.
    static let publisherLock: Int64 = 0x4465_736B_0003

    public init(
        backend: PostgresBackend, retryInterval: Duration = .seconds(2), logger: Logger = Logger(label: "desk.replica"),
        onPublisherChange: @escaping @Sendable (Bool) -> Void, onFeedback: @escaping @Sendable () -> Void
    ) {
        self.backend = backend
        self.retryInterval = retryInterval
        self.logger = logger
        self.onPublisherChange = onPublisherChange
        self.onFeedback = onFeedback
    }

    public func run() async throws {
        var backoff = Duration.milliseconds(500)
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown {
                    try await backend.client.withConnection { connection in
                        // The connection goes back to the pool afterwards: it must not keep the lock.
                        do {
                            try await session(on: connection)
                        } catch {
                            if PostgresBackend.isReusable(connection, after: error) {
                                _ = try? await connection.statement("SELECT pg_advisory_unlock_all()", logger: logger)
                            }
                            throw error
                        }
                        _ = try? await connection.statement("SELECT pg_advisory_unlock_all()", logger: logger)
                    }
                }
                backoff = .milliseconds(500)
            } catch {
                onPublisherChange(false)
                if Task.isShuttingDownGracefully || Task.isCancelled { break }
                logger.warning(
                    "replica coordination lost; reconnecting",
                    metadata: ["error": "\(error)", "retry_in": "\(backoff)"])
                // Shutdown ends the pause: with the database gone it would otherwise delay the exit by up to 10 s.
                let pause = backoff
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: pause) }
                backoff = min(backoff * 2, .seconds(10))
            }
        }
        onPublisherChange(false)
    }

    /// Listens for feedback and competes for the publisher lock until the connection fails.
    func session(on connection: PostgresConnection) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await connection.listen(on: "desk_feedback") { notifications in
                    for try await _ in notifications { onFeedback() }
                }
            }
            group.addTask {
                var held = false
                while !Task.isCancelled {
                    if !held {
                        let rows = try await connection.statement(
                            "SELECT pg_try_advisory_lock(\(unescaped: String(Self.publisherLock))) AS held",
                            logger: logger)
                        for try await (value) in rows.decode(Bool.self) { held = value }
                        if held { onPublisherChange(true) }
                        logger.debug("publisher lock tried", metadata: ["held": "\(held)"])
                    } else {
                        // Proves the session (and so the lock) is still alive.
                        _ = try await connection.statement("SELECT 1", logger: logger)
                        logger.debug("publisher lock still held")
                    }
                    try await Task.sleep(for: retryInterval)
                }
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }
}
