import DeskCore
import DeskHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What the security and bad-input audit (`Desk/AUDIT.md`, `scripts/security_audit.py`) found, kept fixed.
@Suite("Audit findings")
struct AuditTests {
    @Test func theBearerSchemeIsCaseInsensitive() async throws {
        try await withTestDesk { t, _ in
            try await t.application().test(.router) { client in
                for scheme in ["bearer", "BEARER", "Bearer"] {
                    let response = try await client.execute(
                        uri: "/v1/model", method: .get, headers: [.authorization: "\(scheme) \(t.collector)"])
                    #expect(response.status == .ok, "\(scheme)")
                }
                // The token itself is not: it is a secret compared byte for byte.
                let upper = try await client.execute(
                    uri: "/v1/model", method: .get, headers: [.authorization: "Bearer \(t.collector.uppercased())"])
                #expect(upper.status == .unauthorized)
            }
        }
    }

    @Test func anotherDisputeUnderAStoredIdIsAConflictNotTheStoredTriage() async throws {
        try await withTestDesk { t, _ in
            try await t.application().test(.router) { client in
                let first =
                    #"[{"id": "R1", "text": "Billed twice for invoice 9.", "amount": 50, "received_at": "2026-12-01T09:30:00.250Z"}]"#
                let stored = try await client.json(.post, "/v1/disputes", token: t.scorer, body: first)
                #expect(stored.status == .ok)
                // A retry of the same dispute is idempotent.
                let retry = try await client.json(.post, "/v1/disputes", token: t.scorer, body: first)
                #expect(retry.status == .ok && retry.text == stored.text)
                // ... and a retry may leave optional fields out and stamp its own received time.
                for retry in [
                    #"[{"id": "R1", "text": "Billed twice for invoice 9."}]"#,
                    #"[{"id": "R1", "text": "Billed twice for invoice 9.", "received_at": "2026-12-02T09:30:00Z"}]"#,
                ] {
                    let answer = try await client.json(.post, "/v1/disputes", token: t.scorer, body: retry)
                    #expect(answer.status == .ok && answer.text == stored.text)
                }
                for other in [
                    #"[{"id": "R1", "text": "The freight charge was never agreed.", "amount": 50}]"#,
                    #"[{"id": "R1", "text": "Billed twice for invoice 9.", "amount": 5000}]"#,
                    #"[{"id": "R1", "text": "Billed twice for invoice 9.", "amount": 50, "customer_id": "C-9"}]"#,
                    #"[{"id": "R1", "text": "Billed twice for invoice 9.", "amount": 50, "invoices": ["I-1"]}]"#,
                    #"[{"id": "N1", "text": "New one."}, {"id": "R1", "text": "Something else."}]"#,
                ] {
                    let response = try await client.json(.post, "/v1/disputes", token: t.scorer, body: other)
                    #expect(response.status == .conflict, "\(other)")
                    #expect(response.object["error"] as? String == "dispute_id_reused")
                    #expect(
                        response.object["field"] as? String == (other.hasPrefix(#"[{"id": "N1""#) ? "[1].id" : "[0].id")
                    )
                }
                // The refused batch stored nothing, and the stored dispute is unchanged.
                #expect(try await t.store.dispute(id: "N1") == nil)
                #expect(try await t.store.dispute(id: "R1")?.facts.amount == 50)
            }
        }
    }

    @Test func snoozeRefusesAmbiguousOrImpossibleRequests() async throws {
        try await withTestDesk { t, _ in
            try await t.application().test(.router) { client in
                try await client.json(.post, "/v1/disputes", token: t.scorer, body: APITests.sample)
                let both = try await client.json(
                    .post, "/v1/disputes/D1/snooze", token: t.collector,
                    body: #"{"until": "2099-01-01T00:00:00Z", "hours": 2}"#)
                #expect(both.status == .badRequest && both.object["field"] as? String == "hours")
                let nullUntil = try await client.json(
                    .post, "/v1/disputes/D1/snooze", token: t.collector, body: #"{"until": null, "hours": 2}"#)
                #expect(nullUntil.status == .ok && nullUntil.object["status"] as? String == "snoozed")

                let resolved = try await client.json(
                    .post, "/v1/disputes/D2/resolve", token: t.collector, body: #"{"resolution": "rejected"}"#)
                #expect(resolved.status == .ok)
                let snoozeResolved = try await client.json(
                    .post, "/v1/disputes/D2/snooze", token: t.collector, body: #"{"hours": 1}"#)
                #expect(snoozeResolved.status == .conflict)
                #expect(snoozeResolved.object["error"] as? String == "dispute_resolved")
                #expect(try await t.store.dispute(id: "D2")?.status == .resolved)
            }
        }
    }

    @Test func creditedAmountsAreBoundedLikeEveryOtherAmount() async throws {
        try await withTestDesk { t, _ in
            try await t.application().test(.router) { client in
                try await client.json(.post, "/v1/disputes", token: t.scorer, body: APITests.sample)
                let huge = try await client.json(
                    .post, "/v1/disputes/D1/resolve", token: t.collector,
                    body: #"{"resolution": "credit_issued", "credited_amount": 1e300}"#)
                #expect(huge.status == .badRequest && huge.object["field"] as? String == "credited_amount")
                #expect(try await t.store.dispute(id: "D1")?.status == .open)
            }
        }
    }

    @Test func aCursorWhoseIdHoldsNULIsA400() async throws {
        // PostgreSQL refuses U+0000 in text: such a cursor was a 500 there.
        let token = WorklistCursor(priority: 50, id: "a\u{0}b").token
        #expect(WorklistCursor(token: token) == nil)
        try await withTestDesk { t, _ in
            try await t.application().test(.router) { client in
                let response = try await client.json(.get, "/v1/worklist?cursor=\(token)", token: t.collector)
                #expect(response.status == .badRequest && response.object["field"] as? String == "cursor")
            }
        }
    }

    @Test func everyAnswerForbidsContentSniffing() async throws {
        try await withTestDesk { t, _ in
            try await t.application().test(.router) { client in
                for (uri, token) in [
                    ("/v1/worklist", t.collector), ("/v1/no-such<script>", t.collector), ("/v1/worklist", nil),
                    ("/health/live", nil), ("/openapi.json", nil), ("/metrics", nil), ("/", nil),
                ] {
                    let response = try await client.json(.get, uri, token: token)
                    #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                }
            }
        }
    }

    @Test func headIsAnsweredWhereverGetIs() async throws {
        try await withTestDesk { t, _ in
            try await t.application().test(.router) { client in
                for uri in ["/health/live", "/openapi.json", "/v1/model"] {
                    let response = try await client.json(.head, uri, token: t.collector)
                    #expect(response.status == .ok && response.body.readableBytes == 0, "\(uri)")
                }
                #expect(try await client.json(.head, "/v1/model", token: nil).status == .unauthorized)
                #expect(try await client.json(.head, "/v1/nothing", token: t.collector).status == .notFound)
            }
        }
    }

    @Test func aConnectionThatNeverFinishesItsRequestIsClosed() async throws {
        try await withTestDesk { t, _ in
            let router = DeskRouter.make(desk: t.desk, configuration: DeskHTTPConfiguration())
            // Not much shorter: the test client's own connection must not idle out before its request
            // is written (at 500 ms it did, with three test runs at once on two cores).
            let app = Application(
                router: router, server: DeskRouter.server(idleTimeout: .seconds(3)),
                configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            try await app.test(.live) { client in
                let port = try #require(client.port)
                // Whole requests are answered (the client's connection then idles, and is closed too).
                #expect(try await client.execute(uri: "/health/live", method: .get).status == .ok)
                // Half a request head, then silence (what a slowloris client does).
                let closed = try halfSentRequestIsClosed(port: port, within: 30)
                #expect(closed, "the server kept a connection with an unfinished request open")
            }
        }
    }

    @Test func requestsTheHTTPParserRejectsGetAJSONErrorThenTheConnectionCloses() async throws {
        try await withTestDesk { t, _ in
            let router = DeskRouter.make(desk: t.desk, configuration: DeskHTTPConfiguration())
            let app = Application(
                router: router, server: DeskRouter.server(),
                configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            try await app.test(.live) { client in
                let port = try #require(client.port)
                let cases: [(request: String, status: Int, code: String, field: String?)] = [
                    ("BREW /health/live HTTP/1.1\r\nHost: x\r\n\r\n", 501, "method_not_implemented", nil),
                    (
                        "GET /v1/worklist?assignee=\(String(repeating: "a", count: 100_000)) HTTP/1.1\r\nHost: x\r\n\r\n",
                        431, "headers_too_large", nil
                    ),
                    (
                        "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "b", count: 100_000))\r\n\r\n",
                        431, "headers_too_large", nil
                    ),
                    (
                        "GET /health/live HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", 400, "malformed_request",
                        "Content-Length"
                    ),
                    ("GET /health/live HTTP/9.9\r\nHost: x\r\n\r\n", 400, "malformed_request", nil),
                    // A keep-alive connection: the first request is answered, the broken second one too.
                    (
                        "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\nGET /health/live HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
                        400, "malformed_request", "Content-Length"
                    ),
                ]
                for c in cases {
                    let (head, body) = try lastResponse(port: port, c.request, status: c.status)
                    #expect(head.contains("connection: close") && head.contains("x-content-type-options: nosniff"))
                    #expect(body["error"] as? String == c.code, "\(c.request.prefix(60))")
                    #expect(body["field"] as? String == c.field, "\(c.request.prefix(60))")
                    #expect(body["reason"] is String)
                }
                // A malformed chunk in a body a route reads: the route's JSON 400 (it was a 500).
                let (_, body) = try lastResponse(
                    port: port,
                    "POST /v1/disputes HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(t.scorer)\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n[{\"id\r\nzz\r\n",
                    status: 400)
                #expect(
                    body["error"] as? String == "malformed_request" && body["field"] as? String == "Transfer-Encoding")
                // The server still answers afterwards.
                #expect(try await client.execute(uri: "/health/live", method: .get).status == .ok)
            }
        }
    }

    /// Sends `request` on a new connection; the head (lower case) and JSON body of the last response,
    /// which must have `status` and be JSON.
    func lastResponse(port: Int, _ request: String, status: Int) throws -> (head: String, body: [String: Any]) {
        let text = String(decoding: try exchange(port: port, Array(request.utf8), within: 20), as: UTF8.self)
        let last = try #require(text.range(of: "HTTP/1.1 \(status) ", options: .backwards), "\(text)")
        let parts = text[last.lowerBound...].components(separatedBy: "\r\n\r\n")
        let head = parts[0].lowercased()
        #expect(head.contains("content-type: application/json"), "\(head)")
        let body = try JSONSerialization.jsonObject(with: Data(parts.dropFirst().joined().utf8))
        return (head, try #require(body as? [String: Any], "\(text)"))
    }

    /// A connected TCP socket to 127.0.0.1:`port` whose reads give up after `seconds`.
    func connection(port: Int, timeout seconds: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(fd)
            throw TestPostgresError(reason: "cannot connect to port \(port): errno \(errno)")
        }
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    /// Sends `request` on a new connection and returns everything the server sends until it closes
    /// the connection (or `seconds` pass without a byte).
    func exchange(port: Int, _ request: [UInt8], within seconds: Int) throws -> [UInt8] {
        let fd = try connection(port: port, timeout: seconds)
        defer { close(fd) }
        var sent = 0
        while sent < request.count {
            let n = request[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            // The server may close the connection before it has read all of an oversized head.
            if n <= 0 { break }
            sent += n
        }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            answer += buffer[0..<n]
        }
        return answer
    }

    /// Connects to `port`, sends part of a request head and reports whether the server closes the
    /// connection within `seconds` (false when it is still open then).
    func halfSentRequestIsClosed(port: Int, within seconds: Int) throws -> Bool {
        let fd = try connection(port: port, timeout: seconds)
        defer { close(fd) }
        let partial = Array("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Slow: ".utf8)
        try #require(send(fd, partial, partial.count, 0) == partial.count)
        var buffer = [UInt8](repeating: 0, count: 512)
        // recv returns 0 when the server closes the connection, -1 when the timeout passes first.
        return recv(fd, &buffer, buffer.count, 0) >= 0
    }
}
