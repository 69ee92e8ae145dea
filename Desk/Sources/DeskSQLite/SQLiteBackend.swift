import DeskCore
import Foundation
import Logging
import NIOCore
import SQLiteNIO

/// The embedded store: one SQLite file in the data directory, in WAL mode with `synchronous=FULL`, so
/// a commit is on disk before it returns. One connection, used by one operation at a time.
///
/// SQLite through vapor/sqlite-nio: it bundles its own SQLite build (no system library to install),
/// runs every call on NIO's thread pool (never blocking the server's event loops) and has an async
/// API that fits Hummingbird. GRDB is the richer toolkit, but its value (records, observation) is not
/// needed here, and its Linux support depends on the system's libsqlite3.
public final class SQLiteBackend: SQLBackend {
    public let dialect = SQLDialect.sqlite
    public let notifyStatement: String? = nil
    private let connection: SQLiteConnection
    private let lock = AsyncLock()

    /// Opens (creating if needed) `path`.
    public static func open(path: String, logger: Logger = Logger(label: "desk.sqlite")) async throws -> SQLiteBackend {
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        _ = try await connection.query("PRAGMA journal_mode=WAL")
        _ = try await connection.query("PRAGMA synchronous=FULL")
        _ = try await connection.query("PRAGMA foreign_keys=ON")
        _ = try await connection.query("PRAGMA busy_timeout=5000")
        return SQLiteBackend(connection: connection)
    }

    /// A store on `DATA_DIR/desk.sqlite`.
    public static func store(dataDirectory: String) async throws -> SQLDeskStore {
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        return SQLDeskStore(
            backend: try await open(path: (dataDirectory as NSString).appendingPathComponent("desk.sqlite")))
    }

    init(connection: SQLiteConnection) { self.connection = connection }

    struct Connection: SQLConnection {
        let connection: SQLiteConnection
        func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
            try await SQLiteBackend.run(connection, sql, binds)
        }
    }

    public func transaction<T: Sendable>(exclusiveLock: Int64?, _ body: @Sendable (any SQLConnection) async throws -> T)
        async throws -> T
    {
        try await lock.withLock {
            // IMMEDIATE takes the write lock at BEGIN, so writers (other processes too) queue there.
            _ = try await connection.query("BEGIN IMMEDIATE")
            do {
                let result = try await body(Connection(connection: connection))
                _ = try await connection.query("COMMIT")
                return result
            } catch {
                _ = try? await connection.query("ROLLBACK")
                throw error
            }
        }
    }

    public func read(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try await lock.withLock { try await Self.run(connection, sql, binds) }
    }

    public func close() async {
        try? await connection.close()
    }

    static func run(_ connection: SQLiteConnection, _ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        let data: [SQLiteData] = binds.map {
            switch $0 {
            case .null: .null
            case .integer(let v): .integer(Int(v))
            case .real(let v): .float(v)
            case .text(let v): .text(v)
            case .blob(let v): .blob(ByteBuffer(bytes: v))
            }
        }
        return try await connection.query(sql, data).map { row in
            var columns: [String: SQLValue] = [:]
            for column in row.columns {
                columns[column.name] =
                    switch column.data {
                    case .null: .null
                    case .integer(let v): .integer(Int64(v))
                    case .float(let v): .real(v)
                    case .text(let v): .text(v)
                    case .blob(var buffer): .blob(buffer.readBytes(length: buffer.readableBytes) ?? [])
                    }
            }
            return SQLRow(columns: columns)
        }
    }
}
