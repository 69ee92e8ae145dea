/// A value bound to or read from a SQL statement.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    public var int: Int64? {
        switch self {
        case .integer(let v): v
        case .real(let v): Int64(exactly: v)
        default: nil
        }
    }
    public var double: Double? {
        switch self {
        case .integer(let v): Double(v)
        case .real(let v): v
        default: nil
        }
    }
    public var string: String? {
        if case .text(let v) = self { return v }
        return nil
    }
    public var bytes: [UInt8]? {
        if case .blob(let v) = self { return v }
        return nil
    }

    public static func optional(_ v: String?) -> SQLValue { v.map { .text($0) } ?? .null }
    public static func optional(_ v: Double?) -> SQLValue { v.map { .real($0) } ?? .null }
}

/// One result row, by column name.
public struct SQLRow: Sendable {
    public var columns: [String: SQLValue]

    public init(columns: [String: SQLValue]) { self.columns = columns }

    public subscript(_ name: String) -> SQLValue { columns[name] ?? .null }
}

/// The SQL spoken by a backend: how parameters are written and the column types.
public enum SQLDialect: Sendable {
    case sqlite
    case postgres

    /// Rewrites `?` placeholders as `$1, $2, …` for PostgreSQL. The desk's statements never hold a
    /// literal `?`.
    public func placeholders(_ sql: String) -> String {
        guard self == .postgres else { return sql }
        var out = ""
        var n = 0
        for c in sql {
            if c == "?" {
                n += 1
                out += "$\(n)"
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// Replaces the type tokens `{int}`, `{real}`, `{blob}` and `{key}` (a text key compared bytewise).
    public func types(_ ddl: String) -> String {
        switch self {
        case .sqlite:
            ddl.replacingOccurrences(of: "{int}", with: "INTEGER").replacingOccurrences(of: "{real}", with: "REAL")
                .replacingOccurrences(of: "{blob}", with: "BLOB").replacingOccurrences(of: "{key}", with: "TEXT")
        case .postgres:
            ddl.replacingOccurrences(of: "{int}", with: "BIGINT").replacingOccurrences(
                of: "{real}", with: "DOUBLE PRECISION"
            )
            .replacingOccurrences(of: "{blob}", with: "BYTEA").replacingOccurrences(
                of: "{key}", with: "TEXT COLLATE \"C\"")
        }
    }
}

/// A connection inside a transaction.
public protocol SQLConnection: Sendable {
    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow]
}

extension SQLConnection {
    public func execute(_ sql: String, _ binds: [SQLValue] = []) async throws {
        _ = try await query(sql, binds)
    }
}

/// What a database driver provides to ``SQLDeskStore``.
public protocol SQLBackend: Sendable {
    var dialect: SQLDialect { get }
    /// Runs `body` in one transaction that commits durably when it returns and rolls back when it
    /// throws. With `exclusiveLock`, transactions passing the same key run one at a time (SQLite:
    /// every write transaction is exclusive; PostgreSQL: `pg_advisory_xact_lock(key)`).
    func transaction<T: Sendable>(exclusiveLock: Int64?, _ body: @Sendable (any SQLConnection) async throws -> T)
        async throws -> T
    /// Runs a read-only statement outside an explicit transaction.
    func read(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow]
    /// Called after a feedback event commits (PostgreSQL: `NOTIFY` inside the transaction instead).
    var notifyStatement: String? { get }
    func close() async
}
