import ArgumentParser
import DeskCore
import DeskPostgres
import DeskSQLite
import Foundation
import Logging

/// Where the desk keeps its state: shared by `serve` and `token create`.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "Data directory: the SQLite store, admin.token and scratch files (env DESK_DATA_DIR).")
    var dataDir: String?

    @Option(
        name: .long,
        help:
            "PostgreSQL URL postgres://user:password@host:port/db (env DESK_DATABASE_URL); default: SQLite in --data-dir."
    )
    var database: String?

    var resolvedDataDir: String {
        dataDir ?? ProcessInfo.processInfo.environment["DESK_DATA_DIR"] ?? "desk-data"
    }

    var resolvedDatabase: String? {
        database ?? ProcessInfo.processInfo.environment["DESK_DATABASE_URL"]
    }

    /// The store, and the PostgreSQL pool to run as a service when there is one.
    func open(logger: Logger) async throws -> (store: SQLDeskStore, postgres: PostgresBackend?) {
        try FileManager.default.createDirectory(atPath: resolvedDataDir, withIntermediateDirectories: true)
        if let url = resolvedDatabase {
            let backend = try PostgresBackend(url: url, logger: logger)
            return (SQLDeskStore(backend: backend), backend)
        }
        return (try await SQLiteBackend.store(dataDirectory: resolvedDataDir), nil)
    }
}
