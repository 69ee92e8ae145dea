import DeskCore
import DeskPostgres
import Foundation
import Logging
import Synchronization
import Testing
import _ConnectionPoolModule

/// What a replica does when PostgreSQL drops its connections (a restart, a failover): requests get a
/// 503 that says "retry", never a hang or a 500, and the publisher role is given up and taken again.
@Suite("Database outages", .timeLimit(.minutes(2)))
struct OutageTests {
    /// Runs `body` with a store on a new database of the test server (nil: PostgreSQL is skipped).
    func withPostgres(_ body: @Sendable (TestPostgres, String, PostgresBackend, SQLDeskStore) async throws -> Void)
        async throws
    {
        guard let server = try TestPostgres.shared() else { return }
        let url = try await server.createDatabase()
        let database = String(url.split(separator: "/").last!.split(separator: "?").first!)
        let backend = try PostgresBackend(url: url)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await backend.run() }
            defer { group.cancelAll() }
            let store = SQLDeskStore(backend: backend)
            try await store.migrate()
            try await body(server, database, backend, store)
        }
    }

    @Test func statementsAfterTheServerDroppedTheConnectionsFailWith503ThenRecover() async throws {
        try await withPostgres { server, database, _, store in
            _ = try await store.insertDisputes([try StorageTests.dispute("D1", priority: 1)])
            // Several round trips at once, so the pool holds several connections when they are cut.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 { group.addTask { _ = try await store.logHead() } }
                try await group.waitForAll()
            }
            try server.terminateSessions(database: database)
            var recovered = false
            for attempt in 0..<100 {
                do {
                    _ = try await store.appendFeedback(StorageTests.event("k-\(attempt)", dispute: "D1"))
                    #expect(try await store.dispute(id: "D1") != nil)
                    recovered = true
                    break
                } catch let error as DeskError {
                    #expect(error.status == 503, "a lost connection is 'retry later': \(error)")
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
            #expect(recovered, "the store works again once the pool has reconnected")
        }
    }

    /// After a minute without a connection the pool fails every request with its own error type,
    /// which is an outage too: a 503, never a 500.
    @Test func thePoolGivingUpOnTheServerIsA503() async throws {
        do {
            try await PostgresBackend.mappingOutages {
                throw ConnectionPoolError.connectionCreationCircuitBreakerTripped
            }
            Issue.record("the error must pass through")
        } catch let error as DeskError {
            #expect(error.status == 503 && error.code == "unavailable", "\(error)")
        }
    }

    @Test func theCoordinatorGivesUpThePublisherRoleWhenItsConnectionIsCutAndTakesItAgain() async throws {
        try await withPostgres { server, database, backend, _ in
            let changes = Mutex<[Bool]>([])
            let coordinator = ReplicaCoordinator(
                backend: backend, retryInterval: .milliseconds(200),
                onPublisherChange: { held in
                    changes.withLock { if $0.last != held { $0.append(held) } }
                }, onFeedback: {})
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await coordinator.run() }
                defer { group.cancelAll() }
                func wait(for count: Int) async throws -> Bool {
                    for _ in 0..<150 {
                        if changes.withLock({ $0.count >= count }) { return true }
                        try await Task.sleep(for: .milliseconds(100))
                    }
                    return false
                }
                #expect(try await wait(for: 1))
                #expect(changes.withLock { $0.first } == true)
                try server.terminateSessions(database: database)
                // The role is dropped when the session (and with it the lock) is gone, then taken again
                // on a new connection.
                #expect(try await wait(for: 3))
                let seen = changes.withLock { $0 }
                #expect(Array(seen.prefix(3)) == [true, false, true], "\(seen)")
            }
        }
    }
}
