import DeskCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Worklist page")
struct PageTests {
    /// Signs in through the form; returns the session cookie and the page's CSRF token.
    static func login(_ client: some TestClientProtocol, token: String) async throws -> (cookie: String, csrf: String) {
        let response = try await client.execute(
            uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: "token=\(token)"))
        #expect(response.status == .found)
        let setCookie = try #require(response.headers[.setCookie])
        #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"))
        let cookie = String(setCookie.split(separator: ";")[0])
        let page = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie])
        let html = String(buffer: page.body)
        let marker = #"name="csrf" value=""#
        let start = try #require(html.range(of: marker)).upperBound
        let csrf = String(html[start...].prefix { $0 != "\"" })
        return (cookie, csrf)
    }

    /// Posts a page form (`fields` URL-encoded by the caller) with the session `cookie`.
    static func submit(_ client: some TestClientProtocol, _ uri: String, cookie: String, _ fields: String)
        async throws -> TestResponse
    {
        try await client.execute(
            uri: uri, method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: fields))
    }

    @Test func hostileDisputeTextRendersInert() async throws {
        try await withTestDesk { t, directory in
            let hostile =
                #"<script>alert(1)</script> Invoice <img src=x onerror="alert(2)"> is wrong, we paid "twice" & more"#
            let body = String(
                decoding: try JSONSerialization.data(withJSONObject: [
                    [
                        "id": "X<b>1</b>", "text": hostile, "amount": 10, "customer_id": "<i>C</i>",
                        "invoices": ["<svg onload=alert(3)>"],
                    ]
                ]), as: UTF8.self)
            try await t.application().test(.router) { client in
                #expect(try await client.json(.post, "/v1/disputes", token: t.scorer, body: body).status == .ok)
                let (cookie, _) = try await Self.login(client, token: t.collector)
                let page = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie])
                let html = String(buffer: page.body)
                #expect(page.status == .ok)
                #expect(!html.contains("<script>alert"))
                #expect(!html.contains("<img src=x"))
                #expect(!html.contains("<svg onload"))
                #expect(!html.contains("<b>1</b>") && !html.contains("<i>C</i>"))
                #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
                #expect(html.contains("onerror=&quot;alert(2)&quot;"))
                #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            }
        }
    }

    @Test func withoutASessionThePageAsksToSignIn() async throws {
        try await withTestDesk { t, directory in
            try await t.application().test(.router) { client in
                let page = try await client.execute(uri: "/", method: .get)
                #expect(String(buffer: page.body).contains(#"action="/login""#))
                let bad = try await client.execute(
                    uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "token=dtk_nope"))
                #expect(bad.status == .unauthorized && bad.headers[.setCookie] == nil)
                let scorer = try await client.execute(
                    uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "token=\(t.scorer)"))
                #expect(scorer.status == .forbidden)
                // A session cookie does not open the JSON API.
                let (cookie, _) = try await Self.login(client, token: t.admin)
                #expect(
                    try await client.execute(uri: "/v1/worklist", method: .get, headers: [.cookie: cookie]).status
                        == .unauthorized)
            }
        }
    }

    @Test func formsNeedTheCSRFTokenAndFeedbackReordersThePage() async throws {
        try await withTestDesk { t, directory in
            try await t.application().test(.router) { client in
                try await client.json(.post, "/v1/disputes", token: t.scorer, body: APITests.sample)
                let (cookie, csrf) = try await Self.login(client, token: t.collector)
                let form: HTTPFields = [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"]
                let forged = try await client.execute(
                    uri: "/disputes/D3/feedback", method: .post, headers: form,
                    body: ByteBuffer(string: "csrf=wrong&urgent=true&nonce=n1"))
                #expect(forged.status == .seeOther)
                #expect(forged.headers[.location] == "/?error=csrf&about=D3")
                #expect(try await t.store.logHead() == 0)
                let before = try await t.store.dispute(id: "D3")!.score.priority
                for i in 0..<2 {
                    let posted = try await client.execute(
                        uri: "/disputes/D3/feedback", method: .post, headers: form,
                        body: ByteBuffer(string: "csrf=\(csrf)&urgent=true&nonce=n\(i)&return=status%3Dopen"))
                    #expect(posted.status == .seeOther)
                    #expect(posted.headers[.location]?.hasPrefix("/?status=open") == true)
                }
                // The same form submitted twice (same nonce) logs one event.
                _ = try await client.execute(
                    uri: "/disputes/D3/feedback", method: .post, headers: form,
                    body: ByteBuffer(string: "csrf=\(csrf)&urgent=true&nonce=n1"))
                #expect(try await t.store.logHead() == 2)
                #expect(try await t.store.dispute(id: "D3")!.score.priority > before)
                let corrected = try await client.execute(
                    uri: "/disputes/D1/feedback", method: .post, headers: form,
                    body: ByteBuffer(string: "csrf=\(csrf)&urgent=false&nonce=c1&subject=tax&severity=low"))
                #expect(corrected.status == .seeOther)
                let log = try await t.store.feedback(after: 2, limit: 10)
                #expect(log.first?.event.payload.contains(#""subject":"tax""#) == true)
            }
        }
    }
}
