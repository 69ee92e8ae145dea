import DeskCore
import DeskEngine
import DeskHTTP
import DeskPages
import DeskSQLite
import DisputeTriage
import Foundation
import Hummingbird
import HummingbirdTesting

/// The shipped model, loaded once for all tests.
let defaultModel: TriageModel = {
    do { return try TriageModel.loadDefault() } catch { fatalError("the default model must load: \(error)") }
}()

/// A desk on a fresh SQLite store with one token per role.
struct TestDesk {
    let desk: Desk
    let store: SQLDeskStore
    let directory: URL
    let admin: String
    let collector: String
    let scorer: String

    static func make(in directory: URL, policyPath: String? = nil, snapshotEvery: Int64 = 200) async throws -> TestDesk
    {
        try await make(
            store: try await SQLiteBackend.store(dataDirectory: directory.path), in: directory,
            snapshotEvery: snapshotEvery)
    }

    /// A desk on `store` (SQLite or PostgreSQL, see ``withStore(_:schemaVersion:_:)``).
    static func make(store: SQLDeskStore, in directory: URL, snapshotEvery: Int64 = 200) async throws -> TestDesk {
        let desk = try await Desk.start(
            store: store, baseModel: defaultModel, policy: ActionPolicy(),
            scratchDirectory: directory.appendingPathComponent("scratch"), snapshotEvery: snapshotEvery)
        func token(_ role: Role) async throws -> String {
            let token = APIToken.generate()
            try await store.insertToken(
                TokenRecord(id: role.rawValue, role: role, hash: APIToken.hash(token), label: "", createdAt: 0))
            return token
        }
        return TestDesk(
            desk: desk, store: store, directory: directory, admin: try await token(.admin),
            collector: try await token(.collector), scorer: try await token(.scorer))
    }
}

/// Runs `body` with a desk on a fresh store, and closes the store afterwards.
func withTestDesk(snapshotEvery: Int64 = 200, _ body: (TestDesk, URL) async throws -> Void) async throws {
    try await withTemporaryDirectory { directory in
        let t = try await TestDesk.make(in: directory, snapshotEvery: snapshotEvery)
        do {
            try await body(t, directory)
        } catch {
            await t.store.close()
            throw error
        }
        await t.store.close()
    }
}

extension TestDesk {
    /// The whole application: API and pages.
    func application(policyPath: String? = nil) async throws -> some ApplicationProtocol {
        let router = DeskRouter.make(
            desk: desk, configuration: DeskHTTPConfiguration(policyPath: policyPath, metricsText: { "# metrics\n" }))
        try await PageRoutes(desk: desk).register(on: router)
        return Application(router: router)
    }
}

extension TestClientProtocol {
    /// A JSON request with a bearer token.
    @discardableResult
    func json(
        _ method: HTTPRequest.Method, _ uri: String, token: String?, body: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var object: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:] }
}

/// A batch of disputes as JSON.
func disputesJSON(_ items: [(id: String, text: String, amount: Double)]) -> String {
    let objects = items.map { item -> [String: Any] in
        ["id": item.id, "text": item.text, "amount": item.amount, "customer_id": "C-1"]
    }
    // swift-format-ignore: NeverUseForceTry
    // Plain strings and numbers always serialise.
    return String(decoding: try! JSONSerialization.data(withJSONObject: objects), as: UTF8.self)
}
