/// The result of `body`, or a 503 `unavailable` error when it takes longer than `limit` (`body` is
/// then cancelled). Used wherever the desk must not wait for a database that is gone: the readiness
/// probe and the final model publish at shutdown.
package func withDeadline<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T)
    async throws -> T
{
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw DeskError.unavailable("no answer within \(limit)")
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
