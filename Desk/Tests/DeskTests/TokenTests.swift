import DeskCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Listing and revoking tokens: in the store (SQLite and PostgreSQL), on every `/v1` route and for
/// browser sessions.
@Suite("Token revocation")
struct TokenTests {
    static func record(_ id: String, _ role: Role, secret: String, createdAt: Double = 1) -> TokenRecord {
        TokenRecord(id: id, role: role, hash: APIToken.hash(secret), label: "for \(id)", createdAt: createdAt)
    }

    static func session(_ hash: String, of token: String, role: Role = .collector) -> SessionRecord {
        SessionRecord(hash: hash, tokenID: token, role: role, csrf: "c", expiresAt: 4_000_000_000)
    }

    @Test(arguments: StoreKind.allCases)
    func aRevokedTokenKeepsItsRowAndOpensNothing(_ kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            try await store.insertToken(Self.record("a1", .admin, secret: "admin-secret", createdAt: 1))
            try await store.insertToken(Self.record("c1", .collector, secret: "collector-secret", createdAt: 2))
            try await store.insertSession(Self.session("s1", of: "c1"))
            #expect(try await store.authenticate(token: "collector-secret")?.id == "c1")

            let outcome = try await store.revokeToken(id: "c1", at: 50, force: false)
            guard case .revoked(let revoked) = outcome else {
                Issue.record("expected .revoked, got \(outcome)")
                return
            }
            #expect(revoked.id == "c1" && revoked.revokedAt == 50)
            #expect(try await store.authenticate(token: "collector-secret") == nil)
            #expect(try await store.check(token: "collector-secret") == .revoked(revoked))
            #expect(try await store.check(token: "unknown-secret") == .unknown)
            #expect(try await store.session(hash: "s1") == nil)
            // The admin is untouched.
            #expect(try await store.authenticate(token: "admin-secret")?.revokedAt == nil)

            let listed = try await store.tokens()
            #expect(listed.map(\.id) == ["a1", "c1"])
            #expect(listed.map(\.revokedAt) == [nil, 50])
            #expect(listed[1].listLine.contains("revoked 1970-01-01T00:00:50Z"))
            #expect(listed[0].listLine.contains("active") && !listed[0].listLine.contains(listed[0].hash))

            // Again: nothing changes, the first time stays.
            #expect(try await store.revokeToken(id: "c1", at: 99, force: false) == .alreadyRevoked(revoked))
            #expect(try await store.tokens()[1].revokedAt == 50)
            #expect(try await store.revokeToken(id: "nope", at: 99, force: false) == .unknown)
            #expect(try await store.revokeToken(id: "c1\u{0}", at: 99, force: false) == .unknown)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aSessionOpenedWhileItsTokenWasRevokedIsDead(_ kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            try await store.insertToken(Self.record("c1", .collector, secret: "collector-secret"))
            // A login that authenticated just before the revocation commits its session just after.
            _ = try await store.revokeToken(id: "c1", at: 50, force: false)
            try await store.insertSession(Self.session("late", of: "c1"))
            #expect(try await store.session(hash: "late") == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func theLastAdminTokenIsRevokedOnlyWithForce(_ kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            try await store.insertToken(Self.record("a1", .admin, secret: "a1"))
            try await store.insertToken(Self.record("a2", .admin, secret: "a2"))
            try await store.insertToken(Self.record("c1", .collector, secret: "c1"))
            guard case .revoked = try await store.revokeToken(id: "a1", at: 10, force: false) else {
                Issue.record("the first of two admin tokens must be revocable")
                return
            }
            let a2 = try #require(try await store.token(hash: APIToken.hash("a2")))
            #expect(try await store.revokeToken(id: "a2", at: 11, force: false) == .lastAdmin(a2))
            #expect(try await store.authenticate(token: "a2") != nil)
            // A revoked admin token does not count: only a2 is left, so --force is needed.
            guard case .revoked = try await store.revokeToken(id: "a2", at: 12, force: true) else {
                Issue.record("--force must revoke the last admin token")
                return
            }
            #expect(try await store.authenticate(token: "a2") == nil)
            // Other roles are never guarded.
            guard case .revoked = try await store.revokeToken(id: "c1", at: 13, force: false) else {
                Issue.record("a collector token must be revocable")
                return
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func concurrentRevocationsOfTheLastTwoAdminTokensLeaveOne(_ kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            for round in 0..<10 {
                let ids = ["x\(round)", "y\(round)"]
                for id in ids { try await store.insertToken(Self.record(id, .admin, secret: id)) }
                let outcomes = try await withThrowingTaskGroup(of: TokenRevocation.self) { group in
                    for id in ids {
                        group.addTask { try await store.revokeToken(id: id, at: 1, force: false) }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                let revoked = outcomes.filter { if case .revoked = $0 { true } else { false } }
                #expect(revoked.count == 1, "round \(round): \(outcomes)")
                let active = try await store.tokens().filter { $0.role == .admin && !$0.isRevoked }
                #expect(active.count == 1, "round \(round)")
                // The next round starts again with no admin token left.
                for token in active { _ = try await store.revokeToken(id: token.id, at: 2, force: true) }
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aStoreFromTheFirstSchemaKeepsItsTokensAndSessionsWhenUpgraded(_ kind: StoreKind) async throws {
        try await withStore(kind, schemaVersion: 1) { store, _ in
            // What the release before revocation wrote: tokens without `revoked_at`.
            let dialect = store.backend.dialect
            try await store.backend.transaction(exclusiveLock: nil) { db in
                try await db.execute(
                    dialect.placeholders(
                        "INSERT INTO tokens (id, role, hash, label, created_at) VALUES (?, ?, ?, ?, ?)"),
                    [.text("old"), .text("admin"), .text(APIToken.hash("old-secret")), .text("first start"), .real(7)])
                try await db.execute(
                    dialect.placeholders(
                        "INSERT INTO tokens (id, role, hash, label, created_at) VALUES (?, ?, ?, ?, ?)"),
                    [.text("col"), .text("collector"), .text(APIToken.hash("col-secret")), .text(""), .real(8)])
                try await db.execute(
                    dialect.placeholders(
                        "INSERT INTO sessions (hash, token_id, role, csrf, expires_at) VALUES (?, ?, ?, ?, ?)"),
                    [.text("s"), .text("col"), .text("collector"), .text("c"), .real(4_000_000_000)])
            }
            try await store.migrate()
            try await store.migrate()
            let versions = try await store.backend.read("SELECT version FROM schema_migrations ORDER BY version", [])
            #expect(versions.compactMap { $0["version"].int } == [1, 2, 3])
            #expect(try await store.tokens().map(\.id) == ["old", "col"])
            #expect(try await store.tokens().allSatisfy { !$0.isRevoked })
            #expect(try await store.authenticate(token: "old-secret")?.role == .admin)
            #expect(try await store.session(hash: "s")?.tokenID == "col")
            guard case .revoked = try await store.revokeToken(id: "col", at: 9, force: false) else {
                Issue.record("a token from the old schema must be revocable")
                return
            }
            #expect(try await store.session(hash: "s") == nil)
            let old = try #require(try await store.token(hash: APIToken.hash("old-secret")))
            #expect(try await store.revokeToken(id: "old", at: 9, force: false) == .lastAdmin(old))
        }
    }

    @Test func listingIsOneLinePerTokenAndJSONWithoutSecrets() throws {
        let token = TokenRecord(
            id: "abc", role: .scorer, hash: "deadbeef", label: "ci\nrunner", createdAt: 1_700_000_000, revokedAt: nil)
        #expect(
            token.listLine == "abc           scorer     2023-11-14T22:13:20Z  active                        ci\\nrunner"
        )
        var revoked = token
        revoked.revokedAt = 1_700_000_060
        #expect(revoked.listLine.contains("  revoked 2023-11-14T22:14:20Z  "))
        let json = String(decoding: try JSONEncoder().encode(revoked.listJSON), as: UTF8.self)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["id", "role", "label", "created_at", "revoked_at"])
        #expect(object["revoked_at"] as? String == "2023-11-14T22:14:20Z")
        #expect(
            token.listJSON
                == .object([
                    "id": .string("abc"), "role": .string("scorer"), "label": .string("ci\nrunner"),
                    "created_at": .string("2023-11-14T22:13:20Z"), "revoked_at": .null,
                ]))
        #expect(!json.contains("deadbeef"))
    }

    /// Every `/v1` route, with what it needs to pass validation once authenticated.
    static func v1Routes(_ id: String) -> [(HTTPRequest.Method, String, String?, HTTPFields)] {
        let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "revoked-1"]
        return [
            (.post, "/v1/disputes", APITests.sample, [:]),
            (.get, "/v1/disputes/\(id)", nil, [:]),
            (.get, "/v1/worklist", nil, [:]),
            (.post, "/v1/disputes/\(id)/feedback", #"{"urgent": true}"#, key),
            (.post, "/v1/disputes/\(id)/assign", #"{"assignee": "pat"}"#, [:]),
            (.post, "/v1/disputes/\(id)/snooze", #"{"hours": 1}"#, [:]),
            (.post, "/v1/disputes/\(id)/resolve", #"{"resolution": "credit_issued"}"#, [:]),
            (.get, "/v1/feedback", nil, [:]),
            (.get, "/v1/model", nil, [:]),
            (.post, "/v1/admin/policy/reload", "{}", [:]),
        ]
    }

    @Test(arguments: StoreKind.allCases)
    func aRevokedTokenIs401OnEveryV1RouteFromTheNextRequest(_ kind: StoreKind) async throws {
        try await withStore(kind) { store, directory in
            let t = try await TestDesk.make(store: store, in: directory)
            let second = APIToken.generate()
            try await store.insertToken(
                TokenRecord(id: "admin2", role: .admin, hash: APIToken.hash(second), label: "", createdAt: 1))
            try await t.application().test(.router) { client in
                #expect(
                    try await client.json(.post, "/v1/disputes", token: t.scorer, body: APITests.sample).status == .ok)
                #expect(try await client.json(.get, "/v1/feedback", token: second).status == .ok)
                guard case .revoked = try await store.revokeToken(id: "admin2", at: 1, force: false) else {
                    Issue.record("admin2 must be revocable: another admin token is left")
                    return
                }
                for (method, path, body, headers) in Self.v1Routes("D1") {
                    let response = try await client.json(method, path, token: second, body: body, headers: headers)
                    #expect(response.status == .unauthorized, "\(method) \(path)")
                    #expect(response.object["error"] as? String == "unauthenticated", "\(method) \(path)")
                    #expect(response.object["field"] as? String == "Authorization", "\(method) \(path)")
                    #expect(response.object["reason"] as? String == "revoked token", "\(method) \(path)")
                    #expect(response.headers[.wwwAuthenticate] == "Bearer", "\(method) \(path)")
                }
                // Nothing the revoked token sent reached the store.
                #expect(try await store.logHead() == 0)
                #expect(try await store.dispute(id: "D1")?.assignee == nil)
                // The other tokens still work.
                #expect(try await client.json(.get, "/v1/feedback", token: t.admin).status == .ok)
                #expect(try await client.json(.get, "/v1/model", token: t.collector).status == .ok)
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func sessionsOfARevokedTokenGoBackToTheLoginPage(_ kind: StoreKind) async throws {
        try await withStore(kind) { store, directory in
            let t = try await TestDesk.make(store: store, in: directory)
            try await t.application().test(.router) { client in
                try await client.json(.post, "/v1/disputes", token: t.scorer, body: APITests.sample)
                let (cookie, csrf) = try await PageTests.login(client, token: t.collector)
                let before = try await PageTests.submit(
                    client, "/disputes/D1/assign", cookie: cookie, "csrf=\(csrf)&assignee=pat")
                #expect(before.status == .seeOther)

                guard case .revoked = try await store.revokeToken(id: "collector", at: 1, force: false) else {
                    Issue.record("the collector token must be revocable")
                    return
                }
                let page = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie])
                #expect(String(buffer: page.body).contains(#"action="/login""#))
                #expect(!String(buffer: page.body).contains(csrf))
                let after = try await PageTests.submit(
                    client, "/disputes/D1/assign", cookie: cookie, "csrf=\(csrf)&assignee=lee")
                // Back to the worklist, which is the sign-in page with a notice.
                #expect(after.status == .seeOther)
                #expect(after.headers[.location] == "/?error=session&about=D1")
                #expect(try await store.dispute(id: "D1")?.assignee == "pat")
                let again = try await client.execute(
                    uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "token=\(t.collector)"))
                #expect(again.status == .unauthorized && again.headers[.setCookie] == nil)
            }
        }
    }
}
