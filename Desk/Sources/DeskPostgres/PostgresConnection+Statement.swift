import DeskCore
import Logging
import PostgresNIO

extension PostgresConnection {
    /// `query`, refused up front when the connection is already closed. postgres-nio 1.33 never answers
    /// a statement written to a connection whose channel is torn down (the answer's promise is dropped
    /// with the channel), so a statement sent after a server restart would wait forever.
    func statement(_ query: PostgresQuery, logger: Logger) async throws -> PostgresRowSequence {
        guard !isClosed else { throw DeskError.unavailable("the database connection was closed; retry") }
        return try await self.query(query, logger: logger)
    }
}
