import DeskCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Dispute page")
struct DisputePageTests {
    /// A message longer than the worklist's 150-character excerpt, on several lines, with markup.
    static let longText = """
        We were billed twice for invoice 4471 <script>alert(1)</script> and the second charge is still open.
        Line two: the credit note promised on the phone never arrived, so please cancel the duplicate charge.
        Line three: the whole message must be readable, not only its beginning.
        """

    static func post(_ client: some TestClientProtocol, _ t: TestDesk) async throws {
        let body = String(
            decoding: try JSONSerialization.data(withJSONObject: [
                [
                    "id": "L1", "text": longText, "amount": 1_234.5, "customer_value": 250_000,
                    "open_balance": 9_876.25,
                    "credit_score": 64, "days_past_due": 17, "customer_id": "<script>c</script>",
                    "invoices": ["INV-1", "INV-2"],
                ]
            ]), as: UTF8.self)
        #expect(try await client.json(.post, "/v1/disputes", token: t.scorer, body: body).status == .ok)
        try await client.json(.post, "/v1/disputes", token: t.scorer, body: APITests.sample)
    }

    /// The text as the templates escape it.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    /// Where a redirect leads, resolved against the desk's own origin.
    static func host(of location: String) -> String? {
        URL(string: location, relativeTo: URL(string: "http://desk.test/"))?.absoluteURL.host
    }

    @Test func theWorklistLinksToAPageWithTheWholeMessageFactsAndTriage() async throws {
        try await withTestDesk { t, _ in
            try await t.application().test(.router) { client in
                try await Self.post(client, t)
                #expect(Self.longText.count > 150)
                let (cookie, _) = try await PageTests.login(client, token: t.collector)
                let worklist = try await client.execute(
                    uri: "/?status=open&min_severity=low", method: .get, headers: [.cookie: cookie])
                // The row links to the page, keeping the filters for the way back.
                let link = "/disputes/L1?return=status%3Dopen%26min_severity%3Dlow"
                #expect(worklist.text.contains(#"href="\#(link)""#))
                #expect(!worklist.text.contains(Self.escaped(Self.longText)))
                let page = try await client.execute(uri: link, method: .get, headers: [.cookie: cookie])
                let html = page.text
                #expect(page.status == .ok)
                #expect(html.contains(#"<div class="fulltext" id="text">\#(Self.escaped(Self.longText))</div>"#))
                #expect(html.contains("white-space: pre-wrap"))
                #expect(!html.contains("<script>"))
                #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
                #expect(html.contains(#"<dd id="customer">&lt;script&gt;c&lt;/script&gt;</dd>"#))
                #expect(html.contains("INV-1, INV-2"))
                let money = { (v: Double) in v.formatted(.number.precision(.fractionLength(2)).grouping(.automatic)) }
                for fact in [
                    "<dd>\(money(1_234.5))</dd>", money(250_000), money(9_876.25), "<dd>64</dd>", "<dd>17</dd>",
                ] {
                    #expect(html.contains(fact), "\(fact)")
                }
                #expect(html.contains(#"<dd id="status">open</dd>"#))
                #expect(html.contains(#"class="band band-"#) && html.contains(#"class="why""#))
                #expect(html.contains("subject words:") && html.contains("severity words:"))
                let stored = try #require(try await t.store.dispute(id: "L1"))
                #expect(html.contains("action: ") && html.contains(stored.score.modelVersion))
                #expect(html.contains(#"<a href="/?status=open&amp;min_severity=low" id="back">"#))
                // The same headers as the worklist.
                for name in [HTTPField.Name.contentSecurityPolicy, .contentType, .cacheControl] {
                    #expect(page.headers[name] != nil && page.headers[name] == worklist.headers[name], "\(name)")
                }
                for name in ["X-Content-Type-Options", "Referrer-Policy"] {
                    let field = try #require(HTTPField.Name(name))
                    #expect(page.headers[field] != nil && page.headers[field] == worklist.headers[field], "\(name)")
                }
            }
        }
    }

    @Test func formsComeBackToTheDisputePageAndItShowsTheHistory() async throws {
        try await withTestDesk { t, _ in
            try await t.application().test(.router) { client in
                try await Self.post(client, t)
                let (cookie, csrf) = try await PageTests.login(client, token: t.collector)
                let page = try await client.execute(
                    uri: "/disputes/D3?return=status%3Dopen", method: .get, headers: [.cookie: cookie])
                // The row's six forms, each coming back here with the filters.
                let forms = page.text.components(separatedBy: "<form method=\"post\" action=\"/disputes/D3/")
                    .dropFirst()
                #expect(forms.count == 6)
                for form in forms {
                    let fields = form.components(separatedBy: "</form>")[0]
                    #expect(fields.contains(#"name="csrf" value="\#(csrf)""#))
                    #expect(fields.contains(#"name="back" value="dispute""#))
                    #expect(fields.contains(#"name="return" value="status=open""#))
                }
                // The worklist's forms go back to the worklist.
                let worklist = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie])
                #expect(worklist.text.contains("action=\"/disputes/D3/feedback\""))
                #expect(!worklist.text.contains(#"name="back""#))

                let posted = try await PageTests.submit(
                    client, "/disputes/D3/feedback", cookie: cookie,
                    "csrf=\(csrf)&urgent=true&nonce=h1&return=status%3Dopen&back=dispute&subject=tax")
                #expect(posted.status == .seeOther)
                let location = try #require(posted.headers[.location])
                #expect(location.hasPrefix("/disputes/D3?return=status%3Dopen&flash=Feedback%20on%20D3"))
                let after = try await client.execute(uri: location, method: .get, headers: [.cookie: cookie])
                #expect(after.status == .ok)
                #expect(after.text.contains(#"<p class="flash" role="status">Feedback on D3 logged as event 1"#))
                #expect(after.text.contains("<td>verdict (event 1): urgent, subject tax</td><td>token:collector</td>"))
                #expect(after.text.contains(#"<a href="/?status=open" id="back">"#))

                for (route, fields, words) in [
                    ("assign", "assignee=maria%20%3Cb%3E", "assigned to maria &lt;b&gt;"),
                    ("snooze", "", "snoozed until "),
                    ("resolve", "resolution=credit_issued", "resolved: credit issued"),
                ] {
                    let response = try await PageTests.submit(
                        client, "/disputes/D3/\(route)", cookie: cookie,
                        "csrf=\(csrf)&return=status%3Dopen&back=dispute&\(fields)")
                    #expect(response.status == .seeOther)
                    let back = try #require(response.headers[.location])
                    #expect(back.hasPrefix("/disputes/D3?return=status%3Dopen&flash=D3%20"), "\(back)")
                    let shown = try await client.execute(uri: back, method: .get, headers: [.cookie: cookie])
                    #expect(shown.text.contains("<td>\(words)"), "\(route)")
                    #expect(shown.text.contains("</td><td>token:collector</td>"))
                }
                let final = try await client.execute(uri: "/disputes/D3", method: .get, headers: [.cookie: cookie])
                #expect(final.text.contains(#"<dd id="status">resolved (credit issued)</dd>"#))
                // Newest first, ending with the dispute's arrival; another dispute's page has none of it.
                let history = final.text.components(separatedBy: #"<table class="history""#)[1]
                let order = ["resolved:", "snoozed until", "assigned to", "verdict (event 1)", "received"].map {
                    history.range(of: $0)?.lowerBound
                }
                #expect(order.allSatisfy { $0 != nil })
                #expect(zip(order, order.dropFirst()).allSatisfy { $0! < $1! })
                let other = try await client.execute(uri: "/disputes/D1", method: .get, headers: [.cookie: cookie])
                #expect(!other.text.contains("verdict (event") && !other.text.contains("assigned to"))
            }
        }
    }

    @Test func anUnknownIdIsAPageNotFoundWithAWayBack() async throws {
        try await withTestDesk { t, _ in
            try await t.application().test(.router) { client in
                try await Self.post(client, t)
                let (cookie, _) = try await PageTests.login(client, token: t.collector)
                for uri in ["/disputes/nope", "/disputes/%3Cb%3Enope?return=status%3Dresolved", "/disputes/D1%00"] {
                    let page = try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie])
                    #expect(page.status == .notFound, "\(uri)")
                    #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
                    #expect(page.text.contains(#"id="back""#) && page.text.contains("No dispute has the id"))
                    #expect(!page.text.contains("<b>nope"))
                }
                let filtered = try await client.execute(
                    uri: "/disputes/nope?return=status%3Dresolved", method: .get, headers: [.cookie: cookie])
                #expect(filtered.text.contains(#"<a href="/?status=resolved" id="back">"#))
            }
        }
    }

    @Test func withoutASessionItIsTheSignInPageLikeTheWorklist() async throws {
        try await withTestDesk { t, _ in
            try await t.application().test(.router) { client in
                try await Self.post(client, t)
                let variants: [HTTPFields] = [[:], [.cookie: "desk_session=expired-or-unknown"]]
                for headers in variants {
                    let worklist = try await client.execute(uri: "/", method: .get, headers: headers)
                    let page = try await client.execute(uri: "/disputes/L1", method: .get, headers: headers)
                    #expect(page.status == worklist.status)
                    // The same sign-in page, which comes back here once signed in.
                    let way = #"<input type="hidden" name="next" value=""#
                    #expect(worklist.text.contains(way + #"/">"#))
                    #expect(page.text.contains(way + #"/disputes/L1">"#))
                    #expect(page.text.replacingOccurrences(of: "/disputes/L1", with: "/") == worklist.text)
                    #expect(page.text.contains(#"action="/login""#))
                    #expect(!page.text.contains("credit note promised"))
                }
                // A form post without a session is refused: back to the page, which asks to sign in.
                let post = try await PageTests.submit(
                    client, "/disputes/L1/assign", cookie: "desk_session=none", "csrf=x&assignee=a&back=dispute")
                #expect(post.status == .seeOther)
                #expect(post.headers[.location] == "/disputes/L1?error=session")
                #expect(try await t.store.dispute(id: "L1")?.assignee == nil)
            }
        }
    }

    @Test func theReturnFieldCannotLeaveTheSite() async throws {
        try await withTestDesk { t, _ in
            try await t.application().test(.router) { client in
                try await Self.post(client, t)
                let (cookie, csrf) = try await PageTests.login(client, token: t.collector)
                let hostile = [
                    "//evil.example", "http://evil.example/", "https://evil.example", "/\\evil.example",
                    "\\\\evil.example", "@evil.example", "status=open%0D%0ALocation:%20http://evil.example",
                    "status=open&//evil.example=1", "status=%2F%2Fevil.example", "javascript:alert(1)",
                ]
                for value in hostile {
                    let encoded = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                    for back in ["", "&back=dispute"] {
                        let response = try await PageTests.submit(
                            client, "/disputes/D1/assign", cookie: cookie,
                            "csrf=\(csrf)&assignee=a&return=\(encoded)\(back)")
                        #expect(response.status == .seeOther)
                        let location = try #require(response.headers[.location])
                        #expect(Self.host(of: location) == "desk.test", "\(value) -> \(location)")
                        #expect(location.hasPrefix(back.isEmpty ? "/?" : "/disputes/D1?"), "\(location)")
                        #expect(!location.contains("\r") && !location.contains("\n") && !location.contains(" "))
                        #expect(!location.contains("//") && !location.contains("\\"), "\(location)")
                    }
                    // Nor does the dispute page's way back.
                    let page = try await client.execute(
                        uri: "/disputes/D1?return=\(encoded)", method: .get, headers: [.cookie: cookie])
                    let start = try #require(page.text.range(of: #"<a href=""#)).upperBound
                    let href = String(page.text[start...].prefix { $0 != "\"" })
                    #expect(href.hasPrefix("/") && !href.hasPrefix("//"), "\(href)")
                    #expect(Self.host(of: href.replacingOccurrences(of: "&amp;", with: "&")) == "desk.test")
                }
                // Real filters survive, re-encoded; unknown parameters are dropped.
                let kept = try await PageTests.submit(
                    client, "/disputes/D1/assign", cookie: cookie,
                    "csrf=\(csrf)&assignee=a&return=status%3Dopen%26customer%3DC%252D1%26next%3D%252F%252Fevil")
                #expect(kept.headers[.location]?.hasPrefix("/?status=open&customer=C-1&flash=") == true)
            }
        }
    }
}
