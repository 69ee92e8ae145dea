import DeskPostgres

/// Runs `body` while the PostgreSQL pool (if any) is running, for one-shot commands.
func withPostgres<T: Sendable>(_ postgres: PostgresBackend?, _ body: @Sendable () async throws -> T) async throws -> T {
    guard let postgres else { return try await body() }
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await postgres.run() }
        defer { group.cancelAll() }
        return try await body()
    }
}
