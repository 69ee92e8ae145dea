import DeskCore
import DeskPostgres
import DeskSQLite
import Foundation
import Logging
import PostgresNIO
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The stores every storage test runs against.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    var testDescription: String { rawValue }
}

/// A temporary directory removed when the closure returns.
func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("desk-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try await body(url)
}

/// Runs `body` with a new, empty, migrated store of `kind` (migrated through `schemaVersion` only, as
/// an older release left it, when given). PostgreSQL tests use a fresh database in the test server
/// (``TestPostgres``); without PostgreSQL installed they are skipped with a message, unless
/// `DESK_REQUIRE_POSTGRES=1` (CI) makes that a failure.
func withStore<T: Sendable>(
    _ kind: StoreKind, schemaVersion: Int? = nil, _ body: @Sendable (SQLDeskStore, URL) async throws -> T
) async throws -> T? {
    try await withTemporaryDirectory { directory in
        switch kind {
        case .sqlite:
            let store = try await SQLiteBackend.store(dataDirectory: directory.path)
            do {
                try await store.migrate(through: schemaVersion)
                let result = try await body(store, directory)
                await store.close()
                return result
            } catch {
                await store.close()
                throw error
            }
        case .postgres:
            guard let server = try TestPostgres.shared() else { return nil }
            let url = try await server.createDatabase()
            let backend = try PostgresBackend(url: url)
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await backend.run() }
                defer { group.cancelAll() }
                let store = SQLDeskStore(backend: backend)
                try await store.migrate(through: schemaVersion)
                return try await body(store, directory)
            }
        }
    }
}

/// A PostgreSQL server from Debian's packages, started once per test process on a temporary
/// directory (initdb + pg_ctl as the `postgres` user, since PostgreSQL refuses to run as root) and
/// stopped at exit.
final class TestPostgres: Sendable {
    let port: Int
    let directory: String
    let binaries: String

    nonisolated(unsafe) private static var instance: TestPostgres?
    nonisolated(unsafe) private static var failure: String?
    private static let lock = NSLock()
    nonisolated(unsafe) private static var databaseCounter = 0

    /// The server, or nil (with a printed reason) when PostgreSQL is not installed.
    static func shared() throws -> TestPostgres? {
        lock.lock()
        defer { lock.unlock() }
        if let instance { return instance }
        if let failure { throw TestPostgresError(reason: failure) }
        if ProcessInfo.processInfo.environment["DESK_SKIP_POSTGRES"] == "1" {
            print("skipping PostgreSQL storage tests: DESK_SKIP_POSTGRES=1")
            return nil
        }
        guard let binaries = findBinaries() else {
            if ProcessInfo.processInfo.environment["DESK_REQUIRE_POSTGRES"] == "1" {
                failure = "PostgreSQL binaries not found (install Debian's postgresql)"
                throw TestPostgresError(reason: failure!)
            }
            print("skipping PostgreSQL storage tests: PostgreSQL is not installed (apt-get install postgresql)")
            return nil
        }
        do {
            let server = try TestPostgres(binaries: binaries)
            instance = server
            atexit { TestPostgres.stopShared() }
            return server
        } catch {
            failure = "\(error)"
            throw error
        }
    }

    static func stopShared() {
        instance?.stop()
    }

    /// Stops the server at once (as a crash or `kill -9` would) and removes its directory.
    func stop() {
        _ = try? Self.run([
            "runuser", "-u", "postgres", "--", binaries + "/pg_ctl", "-D", directory + "/data", "-m", "immediate",
            "-w", "stop",
        ])
        try? FileManager.default.removeItem(atPath: directory)
    }

    static func findBinaries() -> String? {
        let root = "/usr/lib/postgresql"
        guard let versions = try? FileManager.default.contentsOfDirectory(atPath: root) else { return nil }
        for version in versions.sorted(by: >)
        where FileManager.default.isExecutableFile(atPath: "\(root)/\(version)/bin/initdb") {
            return "\(root)/\(version)/bin"
        }
        return nil
    }

    /// A new server in its own directory (the shared one, or one a test stops itself).
    init(binaries: String) throws {
        self.binaries = binaries
        let directory = "/tmp/desk-pg-\(getpid())-\(UUID().uuidString.prefix(8))"
        self.directory = directory
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            _ = try Self.run(["chown", "postgres:postgres", directory])
            _ = try Self.run([
                "runuser", "-u", "postgres", "--", binaries + "/initdb", "-D", directory + "/data", "--auth=trust",
                "--username=postgres", "-E", "UTF8", "--locale=C.UTF-8",
            ])
            port = try Self.start(binaries: binaries, directory: directory)
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    /// Starts the server on a free port; returns the port. A port is drawn at random below the
    /// kernel's range for outgoing connections, so no client socket can hold it, and another draw is
    /// made when a server (another test process's) holds it already.
    static func start(binaries: String, directory: String) throws -> Int {
        let range = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8))
        let ephemeralStart = range.flatMap { Int($0.split(whereSeparator: \.isWhitespace).first ?? "") } ?? 32_768
        let logPath = directory + "/server.log"
        var attempt = 0
        while true {
            let port = Int.random(in: 10_000..<max(ephemeralStart, 10_001))
            // A new log each time, so that only this attempt's failure is read below.
            try? FileManager.default.removeItem(atPath: logPath)
            do {
                _ = try run([
                    "runuser", "-u", "postgres", "--", binaries + "/pg_ctl", "-D", directory + "/data", "-w", "-l",
                    logPath, "-o", "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=on", "start",
                ])
                return port
            } catch {
                let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
                attempt += 1
                guard attempt < 10, log.contains("could not bind") else { throw error }
            }
        }
    }

    /// Ends every server session on `database` (what a restart does to a pool), as PostgreSQL's
    /// `pg_terminate_backend`: clients see `57P01 terminating connection due to administrator command`.
    func terminateSessions(database: String) throws {
        _ = try Self.run([
            "runuser", "-u", "postgres", "--", binaries + "/psql", "-h", "127.0.0.1", "-p", "\(port)", "-U", "postgres",
            "-d", "postgres", "-q", "-c",
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(database)' AND pid <> pg_backend_pid()",
        ])
    }

    /// A new database; its URL.
    func createDatabase() async throws -> String {
        let name = Self.lock.withLock {
            Self.databaseCounter += 1
            return "desk_test_\(Self.databaseCounter)"
        }
        _ = try Self.run([
            "runuser", "-u", "postgres", "--", binaries + "/psql", "-h", "127.0.0.1", "-p", "\(port)", "-U", "postgres",
            "-d", "postgres", "-q", "-c", "CREATE DATABASE \(name)",
        ])
        return "postgres://postgres@127.0.0.1:\(port)/\(name)?sslmode=disable"
    }

    /// Runs a command with posix_spawn and waitpid, its output going to a file: a pipe would never
    /// reach end-of-file (the server `pg_ctl start` leaves running inherits it), and Foundation's
    /// `Process.waitUntilExit` was seen to miss the child's exit inside the test runner.
    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        let outputPath = "/tmp/desk-pg-cmd-\(getpid())-\(UUID().uuidString.prefix(8)).log"
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = (["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, environ)
        guard spawned == 0 else { throw TestPostgresError(reason: "cannot start \(arguments[0]): errno \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw TestPostgresError(reason: "\(arguments.joined(separator: " ")) failed (status \(status)): \(text)")
        }
        return text
    }
}

struct TestPostgresError: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}
