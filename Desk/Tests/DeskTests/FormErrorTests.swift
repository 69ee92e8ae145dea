import DeskCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DeskPages

@Suite("Page form errors and sign-in", .timeLimit(.minutes(2)))
struct FormErrorTests {
    /// A dispute whose id is markup, resolved, so that snoozing it is refused.
    static let markupID = "X<b>1</b>"

    static func post(_ client: some TestClientProtocol, _ t: TestDesk) async throws {
        try await client.json(.post, "/v1/disputes", token: t.scorer, body: APITests.sample)
        let markup = disputesJSON([(markupID, "Billed twice for invoice 9.", 50)])
        #expect(try await client.json(.post, "/v1/disputes", token: t.scorer, body: markup).status == .ok)
        for id in ["D2", markupID] {
            let path = "/v1/disputes/\(id.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)/resolve"
            let resolved = try await client.json(.post, path, token: t.collector, body: #"{"resolution": "rejected"}"#)
            #expect(resolved.status == .ok)
        }
    }

    /// The alert box a page shows for `message`.
    static func alert(_ message: String) -> String {
        #"<p class="error" role="alert">"# + DisputePageTests.escaped(message) + "</p>"
    }

    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    @Test func refusedFormsComeBackWithTheirNoticeNotJSON() async throws {
        try await withTestDesk { t, _ in
            try await t.application().test(.router) { client in
                try await Self.post(client, t)
                let (cookie, csrf) = try await PageTests.login(client, token: t.collector)
                let longName = String(repeating: "m", count: 101)
                let markup = Self.encoded(Self.markupID)
                // (route, fields, notice, the id the worklist names or nil)
                let cases: [(String, String, String, String?)] = [
                    ("D2/snooze", "csrf=\(csrf)", "This dispute is resolved, so it cannot be snoozed.", "D2"),
                    (
                        "\(markup)/snooze", "csrf=\(csrf)", "This dispute is resolved, so it cannot be snoozed.",
                        Self.markupID
                    ),
                    ("D1/assign", "csrf=\(csrf)&assignee=\(longName)", "An assignee has at most 100 bytes", "D1"),
                    ("D1/resolve", "csrf=\(csrf)&resolution=%3Cb%3Enope", "Choose a resolution from the list", "D1"),
                    (
                        "D1/feedback", "csrf=\(csrf)&urgent=maybe&nonce=e1", "That verdict is not one the desk knows",
                        "D1"
                    ),
                    ("D1/feedback", "csrf=\(csrf)&urgent=true&subject=nope&nonce=e2", "That verdict is not one", "D1"),
                    ("D1/assign", "csrf=wrong&assignee=pat", "That form was out of date", "D1"),
                    ("D1/snooze", "assignee=pat", "That form was out of date", "D1"),
                    ("D1/assign", "csrf=\(csrf)&assignee=a%00b", "The form could not be read", "D1"),
                    ("gone/snooze", "csrf=\(csrf)", "That dispute no longer exists, so nothing was done.", nil),
                    ("gone/feedback", "csrf=\(csrf)&urgent=true&nonce=e3", "That dispute no longer exists", nil),
                ]
                for (route, fields, notice, named) in cases {
                    let id = String(route.split(separator: "/")[0]).removingPercentEncoding!
                    for back in ["", "&back=dispute"] {
                        let response = try await PageTests.submit(
                            client, "/disputes/\(route)", cookie: cookie, "\(fields)&return=status%3Dopen\(back)")
                        #expect(response.status == .seeOther, "\(route) \(back)")
                        #expect(response.headers[.contentType]?.contains("json") != true)
                        #expect(!response.text.contains(#""error""#), "\(route): \(response.text)")
                        let location = try #require(response.headers[.location])
                        let code = try #require(location.components(separatedBy: "error=").last?.prefix { $0 != "&" })
                        // A vanished dispute has no page to come back to: its worklist it is.
                        if back.isEmpty || id == "gone" {
                            #expect(location == "/?status=open&error=\(code)&about=\(Self.encoded(id))", "\(location)")
                        } else {
                            #expect(location == "/disputes/\(Self.encoded(id))?return=status%3Dopen&error=\(code)")
                        }
                        let page = try await client.execute(uri: location, method: .get, headers: [.cookie: cookie])
                        #expect(page.status == .ok)
                        let start = #"<p class="error" role="alert">"#
                        let shown = try #require(page.text.components(separatedBy: start).dropFirst().first)
                            .components(separatedBy: "</p>")[0]
                        #expect(shown.contains(DisputePageTests.escaped(notice)), "\(route): \(shown)")
                        if back.isEmpty, let named {
                            #expect(shown.hasPrefix("Dispute \(DisputePageTests.escaped(named)): "), "\(shown)")
                        } else {
                            #expect(!shown.hasPrefix("Dispute "), "\(shown)")
                        }
                        #expect(!page.text.contains("<b>1</b>") && !page.text.contains("<b>nope"))
                        // The way back keeps the filters.
                        #expect(
                            page.text.contains(
                                back.isEmpty || id == "gone"
                                    ? #"<option value="open" selected>"# : #"<a href="/?status=open" id="back">"#))
                    }
                }
                // A form over the 64 KiB limit cannot even be read for its way back: the worklist.
                let huge = try await PageTests.submit(
                    client, "/disputes/D1/assign", cookie: cookie,
                    "csrf=\(csrf)&back=dispute&assignee=" + String(repeating: "a", count: 70_000))
                #expect(
                    huge.status == .seeOther && huge.headers[.location] == "/?error=form&about=D1",
                    "\(huge.status) \(huge.text.prefix(300))")
                // Nothing was done.
                #expect(try await t.store.logHead() == 0)
                let d1 = try #require(try await t.store.dispute(id: "D1"))
                #expect(d1.assignee == nil && d1.status == .open)
                #expect(try await t.store.dispute(id: "D2")?.status == .resolved)
            }
        }
    }

    @Test func aNoticeIsOnlyOneOfTheDesksOwnSentences() async throws {
        try await withTestDesk { t, _ in
            try await t.application().test(.router) { client in
                try await Self.post(client, t)
                let (cookie, _) = try await PageTests.login(client, token: t.collector)
                for uri in [
                    "/?error=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/?error=Your%20account%20is%20locked",
                    "/disputes/D1?error=%3Cscript%3E", "/?error=",
                ] {
                    let page = try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie])
                    #expect(page.status == .ok, "\(uri)")
                    #expect(!page.text.contains(#"class="error""#), "\(uri)")
                    #expect(!page.text.contains("<script>") && !page.text.contains("locked"))
                }
                // `about` names only a stored dispute.
                let invented = try await client.execute(
                    uri: "/?error=resolved&about=Call%20555-0100", method: .get, headers: [.cookie: cookie])
                #expect(invented.text.contains(Self.alert(FormNotice.resolved.message)))
                #expect(!invented.text.contains("555-0100"))
                // The notice and a bad filter are both shown; the notice parameters are not filters.
                let both = try await client.execute(
                    uri: "/?error=csrf&about=D1&status=bogus", method: .get, headers: [.cookie: cookie])
                #expect(both.text.contains("Dispute D1: " + DisputePageTests.escaped(FormNotice.csrf.message)))
                #expect(both.text.contains("status: "))
            }
        }
    }

    @Test func successfulPostsAndTheJSONAPIAreUnchanged() async throws {
        try await withTestDesk { t, _ in
            try await t.application().test(.router) { client in
                try await Self.post(client, t)
                let (cookie, csrf) = try await PageTests.login(client, token: t.collector)
                let done = try await PageTests.submit(
                    client, "/disputes/D1/assign", cookie: cookie, "csrf=\(csrf)&assignee=pat&return=status%3Dopen")
                #expect(done.status == .seeOther)
                #expect(done.headers[.location] == "/?status=open&flash=D1%20assigned%2E")
                let page = try await client.execute(
                    uri: try #require(done.headers[.location]), method: .get, headers: [.cookie: cookie])
                #expect(page.text.contains(#"<p class="flash" role="status">D1 assigned.</p>"#))
                #expect(!page.text.contains(#"class="error""#))
                // The API's errors are JSON as before.
                let resolved = try await client.json(
                    .post, "/v1/disputes/D2/snooze", token: t.collector, body: #"{"hours": 1}"#)
                #expect(resolved.status == .conflict)
                #expect(resolved.object["error"] as? String == "dispute_resolved")
                #expect(resolved.headers[.contentType]?.hasPrefix("application/json") == true)
                let missing = try await client.json(
                    .post, "/v1/disputes/gone/assign", token: t.collector, body: #"{"assignee": "a"}"#)
                #expect(missing.status == .notFound && missing.object["field"] as? String == "id")
                let bad = try await client.json(
                    .post, "/v1/disputes/D1/resolve", token: t.collector, body: #"{"resolution": "nope"}"#)
                #expect(bad.status == .badRequest && bad.object["field"] as? String == "resolution")
                let anonymous = try await client.json(.get, "/v1/worklist", token: nil)
                #expect(anonymous.status == .unauthorized && anonymous.object["error"] as? String == "unauthenticated")
            }
        }
    }

    @Test func aServerErrorIsAPlainHTMLPage() async throws {
        try await withTestDesk { t, _ in
            try await t.application().test(.router) { client in
                try await Self.post(client, t)
                let (cookie, csrf) = try await PageTests.login(client, token: t.collector)
                // The store is gone: every page and form fails on the server's side.
                await t.store.close()
                for (method, uri, body) in [
                    (HTTPRequest.Method.get, "/", ""), (.get, "/disputes/D1", ""),
                    (.post, "/disputes/D1/assign", "csrf=\(csrf)&assignee=pat"),
                ] {
                    let page = try await client.execute(
                        uri: uri, method: method,
                        headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                        body: ByteBuffer(string: body))
                    #expect(page.status.code >= 500, "\(uri): \(page.status)")
                    #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
                    #expect(page.text.contains(#"<p class="error" role="alert">"#))
                    #expect(!page.text.hasPrefix("{") && page.text.contains("Error \(page.status.code)"))
                    #expect(!page.text.contains("SQLite") && !page.text.contains("Error("), "\(page.text)")
                }
            }
        }
    }

    /// Values of `next` (and of a form's `return`) that must never send the browser off the site.
    static let hostile = [
        "https://evil.example/", "http://evil.example", "//evil.example", "///evil.example", "/\\evil.example",
        "\\\\evil.example", "/%2F%2Fevil.example", "/%5Cevil.example", "javascript:alert(1)", "evil.example",
        "/disputes/../../evil", "/disputes/D1/../../evil", "/disputes/D1%0D%0ALocation:%20http://evil.example",
        "/disputes/D1\r\nLocation: http://evil.example", "/disputes/ D1", "/\u{0}/evil", "/disputes/%ZZ",
        "/disputes/", "/disputes/%0A", "/disputes//evil.example", "/v1/worklist", "/login",
        "/?next=//evil.example", "/\u{FF0F}evil.example", "\t//evil.example", "/disputes/D1?return=//evil.example%26x",
    ]

    @Test func signingInReturnsToThePageAndANextNeverLeavesTheSite() async throws {
        try await withTestDesk { t, _ in
            try await t.application().test(.router) { client in
                try await Self.post(client, t)
                let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
                func signIn(next: String) async throws -> String? {
                    let response = try await client.execute(
                        uri: "/login", method: .post, headers: form,
                        body: ByteBuffer(string: "token=\(t.collector)&next=\(Self.encoded(next))"))
                    #expect(response.status == .found)
                    return response.headers[.location]
                }
                // The session ran out on a dispute page: the sign-in page carries the way back.
                let expired = try await client.execute(
                    uri: "/disputes/D1?return=status%3Dopen%26customer%3DC-1&flash=x", method: .get,
                    headers: [.cookie: "desk_session=expired"])
                let target = "/disputes/D1?return=status%3Dopen%26customer%3DC-1"
                #expect(expired.text.contains(#"<input type="hidden" name="next" value="\#(target)">"#))
                #expect(try await signIn(next: target) == target)
                // A refused form post lands there too, with the notice on the sign-in page.
                let refused = try await PageTests.submit(
                    client, "/disputes/D1/assign", cookie: "desk_session=expired",
                    "csrf=x&assignee=a&back=dispute&return=status%3Dopen")
                let back = try #require(refused.headers[.location])
                #expect(back == "/disputes/D1?return=status%3Dopen&error=session")
                let signInPage = try await client.execute(uri: back, method: .get, headers: [.cookie: "desk_session=x"])
                #expect(signInPage.text.contains(Self.alert(FormNotice.session.message)))
                #expect(signInPage.text.contains(#"name="next" value="/disputes/D1?return=status%3Dopen">"#))
                // The worklist keeps its filters, and only those.
                #expect(
                    try await signIn(next: "/?status=open&min_severity=low&flash=hi&error=csrf")
                        == "/?status=open&min_severity=low")
                #expect(try await signIn(next: "/") == "/")
                #expect(try await signIn(next: "/disputes/X%3Cb%3E1%3C%2Fb%3E") == "/disputes/X%3Cb%3E1%3C%2Fb%3E")
                // An encoded slash stays inside the id: a page of this site (a 404 page), one segment.
                #expect(try await signIn(next: "/disputes/%2F%2Fevil.example") == "/disputes/%2F%2Fevil%2Eexample")
                for value in Self.hostile {
                    let location = try #require(try await signIn(next: value), "\(value)")
                    #expect(DisputePageTests.host(of: location) == "desk.test", "\(value) -> \(location)")
                    #expect(location == "/" || location.hasPrefix("/disputes/") || location.hasPrefix("/?"))
                    #expect(!location.hasPrefix("//") && !location.contains("\\") && !location.contains("\r"))
                    #expect(!location.contains("evil.example") || location.hasPrefix("/disputes/"), "\(location)")
                    #expect(!location.hasPrefix("/v1") && !location.hasPrefix("/login"))
                }
                // Without a next, or with a refused token, the worklist; the next survives a bad token.
                let plain = try await client.execute(
                    uri: "/login", method: .post, headers: form, body: ByteBuffer(string: "token=\(t.collector)"))
                #expect(plain.headers[.location] == "/")
                let wrong = try await client.execute(
                    uri: "/login", method: .post, headers: form,
                    body: ByteBuffer(string: "token=nope&next=\(Self.encoded(target))"))
                #expect(wrong.status == .unauthorized)
                #expect(wrong.text.contains(#"name="next" value="\#(target)">"#))
                let hostileAgain = try await client.execute(
                    uri: "/login", method: .post, headers: form,
                    body: ByteBuffer(string: "token=nope&next=%2F%2Fevil.example"))
                #expect(hostileAgain.text.contains(#"name="next" value="/">"#))
                // A form that cannot be read is the sign-in page again, not JSON.
                let unreadable = try await client.execute(
                    uri: "/login", method: .post, headers: form, body: ByteBuffer(string: "token=a%00b"))
                #expect(unreadable.status == .unauthorized && unreadable.text.contains(#"action="/login""#))
                // Refused posts keep the site too, whatever their return.
                let (cookie, csrf) = try await PageTests.login(client, token: t.collector)
                for value in Self.hostile {
                    for extra in ["", "&back=dispute"] {
                        let response = try await PageTests.submit(
                            client, "/disputes/D2/snooze", cookie: cookie,
                            "csrf=\(csrf)&return=\(Self.encoded(value))\(extra)")
                        let location = try #require(response.headers[.location])
                        #expect(response.status == .seeOther)
                        #expect(DisputePageTests.host(of: location) == "desk.test", "\(value) -> \(location)")
                        #expect(
                            location.hasPrefix(extra.isEmpty ? "/?" : "/disputes/D2?") && location.contains("error="))
                        #expect(!location.contains("//") && !location.contains("\\") && !location.contains("\r"))
                    }
                }
            }
        }
    }
}
