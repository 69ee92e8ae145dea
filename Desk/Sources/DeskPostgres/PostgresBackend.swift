import DeskCore
import Foundation
import Logging
import NIOCore
import PostgresNIO
import ServiceLifecycle
import _ConnectionPoolModule

/// The shared store for one or several desk replicas: a PostgreSQL database reached through a
/// postgres-nio connection pool. The pool is a `Service`: run it in the service group.
public final class PostgresBackend: SQLBackend, Service {
    public let dialect = SQLDialect.postgres
    /// Wakes replicas waiting for new feedback; delivered when the appending transaction commits.
    public let notifyStatement: String? = "NOTIFY desk_feedback"
    public let client: PostgresClient
    let logger: Logger

    /// A backend for `url` (`postgres://user:password@host:port/database?sslmode=disable|require`).
    public init(url: String, logger: Logger = Logger(label: "desk.postgres")) throws {
        client = PostgresClient(configuration: try Self.configuration(url: url), backgroundLogger: logger)
        self.logger = logger
    }

    public static func configuration(url: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: url),
            ["postgres", "postgresql"].contains(components.scheme ?? ""),
            let host = components.host, !host.isEmpty
        else {
            throw DeskError.invalid("--database", "expected postgres://user:password@host:port/database")
        }
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        let tls: PostgresClient.Configuration.TLS
        switch mode {
        case "disable": tls = .disable
        case "prefer": tls = .prefer(.makeClientConfiguration())
        case "require": tls = .require(.makeClientConfiguration())
        default: throw DeskError.invalid("--database", "sslmode must be disable, prefer or require")
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        var configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: database.isEmpty ? nil : database, tls: tls)
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.maximumConnections = 10
        return configuration
    }

    public func run() async throws {
        await client.run()
    }

    struct Connection: SQLConnection {
        let connection: PostgresConnection
        let logger: Logger
        func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
            try await PostgresBackend.rows(connection.statement(PostgresBackend.query(sql, binds), logger: logger))
        }
    }

    public func transaction<T: Sendable>(exclusiveLock: Int64?, _ body: @Sendable (any SQLConnection) async throws -> T)
        async throws -> T
    {
        let logger = self.logger
        return try await Self.mappingOutages {
            try await client.withConnection { connection in
                _ = try await connection.statement("BEGIN", logger: logger)
                do {
                    if let key = exclusiveLock {
                        _ = try await connection.statement("SELECT pg_advisory_xact_lock(\(key))", logger: logger)
                    }
                    let result = try await body(Connection(connection: connection, logger: logger))
                    _ = try await connection.statement("COMMIT", logger: logger)
                    return result
                } catch {
                    if Self.isReusable(connection, after: error) {
                        _ = try? await connection.statement("ROLLBACK", logger: logger)
                    }
                    throw error
                }
            }
        }
    }

    public func read(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        let logger = self.logger
        return try await Self.mappingOutages {
            try await client.withConnection {
                try await Self.rows($0.statement(Self.query(sql, binds), logger: logger))
            }
        }
    }

    /// Runs `body`, turning a lost or refused connection (a restarting or unreachable server) into a
    /// 503 that tells clients to retry; errors of a statement itself pass through unchanged.
    package static func mappingOutages<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PSQLError where isOutage(error) {
            throw DeskError.unavailable("the database is unreachable (\(error.code)); retry")
        } catch let error as IOError {
            throw DeskError.unavailable("the database is unreachable (\(error)); retry")
        } catch let error as ChannelError {
            throw DeskError.unavailable("the database is unreachable (\(error)); retry")
        } catch let error as ConnectionPoolError {
            // The pool's circuit breaker: after a minute without a connection it fails every request at once.
            throw DeskError.unavailable("the database is unreachable (\(error)); retry")
        }
    }

    /// Whether `connection` can still take a statement after `error`. A query written to a connection
    /// the server has closed is never answered by postgres-nio 1.33 (its promise is dropped with the
    /// channel), so after a lost connection nothing more is sent on it: the pool discards it.
    static func isReusable(_ connection: PostgresConnection, after error: any Error) -> Bool {
        if connection.isClosed { return false }
        if let error = error as? PSQLError, isOutage(error) { return false }
        return !(error is IOError || error is ChannelError)
    }

    static func isOutage(_ error: PSQLError) -> Bool {
        switch error.code {
        case .serverClosedConnection, .connectionError, .uncleanShutdown, .poolClosed, .clientClosedConnection:
            return true
        case .server:
            // Class 08: connection exception; 57P01–57P03: shutdown, crash, starting up; 53: out of resources.
            let state = error.serverInfo?[.sqlState] ?? ""
            return state.hasPrefix("08") || state.hasPrefix("57P") || state.hasPrefix("53")
        default:
            return false
        }
    }

    public func close() async {}

    static func query(_ sql: String, _ binds: [SQLValue]) -> PostgresQuery {
        var bindings = PostgresBindings(capacity: binds.count)
        for value in binds {
            switch value {
            case .null: bindings.appendNull()
            case .integer(let v): bindings.append(v)
            case .real(let v): bindings.append(v)
            case .text(let v): bindings.append(v)
            case .blob(let v): bindings.append(ByteBuffer(bytes: v))
            }
        }
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }

    static func rows(_ sequence: PostgresRowSequence) async throws -> [SQLRow] {
        var result: [SQLRow] = []
        for try await row in sequence {
            var columns: [String: SQLValue] = [:]
            for cell in row {
                guard cell.bytes != nil else {
                    columns[cell.columnName] = .null
                    continue
                }
                switch cell.dataType {
                case .int2, .int4, .int8: columns[cell.columnName] = .integer(try cell.decode(Int64.self))
                case .float4, .float8: columns[cell.columnName] = .real(try cell.decode(Double.self))
                case .bytea:
                    var buffer = try cell.decode(ByteBuffer.self)
                    columns[cell.columnName] = .blob(buffer.readBytes(length: buffer.readableBytes) ?? [])
                case .bool: columns[cell.columnName] = .integer(try cell.decode(Bool.self) ? 1 : 0)
                default: columns[cell.columnName] = .text(try cell.decode(String.self))
                }
            }
            result.append(SQLRow(columns: columns))
        }
        return result
    }
}
