import DeskCore
import DeskEngine
import DeskHTTP
import DisputeTriage
import Foundation
import Hummingbird
import Mustache

/// The collectors' worklist page, each dispute's page and their forms: server-rendered, no
/// JavaScript needed. Every form post carries the session's CSRF token; every piece of dispute text
/// is HTML-escaped by the templates (`{{…}}`).
public struct PageRoutes: Sendable {
    let desk: Desk
    let library: MustacheLibrary
    /// Browser sessions last this long.
    let sessionLifetime: TimeInterval = 12 * 3_600
    /// Set the cookie's `Secure` flag (when served over HTTPS).
    let secureCookies: Bool

    public init(desk: Desk, secureCookies: Bool = false) async throws {
        self.desk = desk
        self.secureCookies = secureCookies
        guard let directory = Bundle.module.resourceURL?.appendingPathComponent("Templates").path else {
            throw DeskError(status: 500, code: "missing_templates", reason: "the page templates are not bundled")
        }
        library = try await MustacheLibrary(directory: directory)
    }

    public func register(on router: Router<DeskContext>) {
        let pages = router.group().add(middleware: PageErrorMiddleware(routes: self))
            .add(middleware: DeskRouter.pageAuthentication(store: desk.store))
        pages.get("/", use: worklist)
        pages.get("disputes/:id", use: dispute)
        // Browsers ask for it on every page; an empty answer keeps their consoles clean.
        router.get("favicon.ico") { _, _ in Response(status: .noContent) }
        pages.post("login", use: login)
        pages.post("logout", use: logout)
        pages.post("disputes/:id/feedback", use: feedback)
        pages.post("disputes/:id/assign", use: assign)
        pages.post("disputes/:id/snooze", use: snooze)
        pages.post("disputes/:id/resolve", use: resolve)
    }

    // MARK: Rendering

    func html(_ name: String, _ object: Any, status: HTTPResponse.Status = .ok) -> Response {
        let body =
            library.render(object, withTemplate: name)
            ?? "<!doctype html><title>error</title><p>template \(name) is missing</p>"
        return Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .contentSecurityPolicy:
                    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
                .init("X-Content-Type-Options")!: "nosniff",
                .init("Referrer-Policy")!: "same-origin",
                .cacheControl: "no-store",
            ], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    struct LoginPage {
        let title = "Sign in"
        var error: String?
        /// Where the browser goes once signed in: the page that asked for the sign-in
        /// (``signInTarget(_:)`` checks it again when the form comes back).
        var next = "/"
    }

    /// A request that failed: the status and a fixed sentence, never the error itself.
    struct FailedPage {
        let title = "Error"
        var status: Int
        var message: String
    }

    @Sendable func worklist(_ request: Request, context: DeskContext) async throws -> Response {
        let parameters = request.uri.queryParameters.map { (String($0.key), String($0.value)) }
        let code = parameters.first { $0.0 == "error" }?.1
        guard let identity = context.identity, identity.role.allows(.read), let csrf = identity.csrf else {
            let filters = WorklistPage.returnQuery(request.uri.query ?? "")
            return html(
                "login", LoginPage(error: FormNotice.message(code: code), next: filters.isEmpty ? "/" : "/?" + filters))
        }
        let query: WorklistQuery
        var error: String? = nil
        do {
            query = try WorklistQuery(parameters: parameters, ignoring: Self.noteParameters)
        } catch let e {
            query = try WorklistQuery(parameters: [])
            error = "\(e.field ?? "filter"): \(e.reason)"
        }
        // The dispute a refused form worked on is named only when it is stored (see ``FormNotice``).
        var about: String? = nil
        if let id = parameters.first(where: { $0.0 == "about" })?.1, StorableText.isStorable(id),
            try await desk.store.dispute(id: id) != nil
        {
            about = id
        }
        if let notice = FormNotice.message(code: code, about: about) {
            error = error.map { notice + " " + $0 } ?? notice
        }
        let flash = parameters.first { $0.0 == "flash" }?.1
        let page = try await WorklistPage.make(desk: desk, query: query, csrf: csrf, flash: flash, error: error)
        return html("worklist", page)
    }

    /// One dispute whole: the full message, facts, triage, history and the row's forms. `return`
    /// holds the worklist's filters for the way back.
    @Sendable func dispute(_ request: Request, context: DeskContext) async throws -> Response {
        let parameters = request.uri.queryParameters
        let returnQuery = WorklistPage.returnQuery(parameters["return"].map(String.init) ?? "")
        let id = context.disputeID
        let error = FormNotice.message(code: parameters["error"].map(String.init))
        guard let identity = context.identity, identity.role.allows(.read), let csrf = identity.csrf else {
            return html("login", LoginPage(error: error, next: Self.disputeTarget(id, returnQuery: returnQuery)))
        }
        guard
            let page = try await DisputePage.make(
                desk: desk, id: id, csrf: csrf, returnQuery: returnQuery, flash: parameters["flash"].map(String.init),
                error: error)
        else {
            return html(
                "missing", MissingDisputePage(id: id, backLink: returnQuery.isEmpty ? "/" : "/?" + returnQuery),
                status: .notFound)
        }
        return html("dispute", page)
    }

    // MARK: Session

    /// Signs in with a token; then on to `next` when it is a page of this site (``signInTarget(_:)``),
    /// else the worklist. A refusal is the sign-in page again, with its reason and the same `next`.
    @Sendable func login(_ request: Request, context: DeskContext) async throws -> Response {
        let form: Form
        do {
            form = try await Form(request)
        } catch let error as DeskError where error.status < 500 {
            return html("login", LoginPage(error: FormNotice.form.message), status: .init(code: error.status))
        }
        let next = Self.signInTarget(form["next"] ?? "")
        guard let token = form["token"], !token.isEmpty,
            let record = try await desk.store.authenticate(token: token)
        else {
            return html("login", LoginPage(error: "That token is not valid.", next: next), status: .unauthorized)
        }
        guard record.role.allows(.read) else {
            return html(
                "login", LoginPage(error: "A \(record.role.rawValue) token cannot use the worklist.", next: next),
                status: .forbidden)
        }
        let secret = APIToken.randomID(bytes: 32)
        try await desk.store.insertSession(
            SessionRecord(
                hash: APIToken.hash(secret), tokenID: record.id, role: record.role, csrf: APIToken.randomID(bytes: 24),
                expiresAt: Date().timeIntervalSince1970 + sessionLifetime))
        var response = Response.redirect(to: next, type: .found)
        response.setCookie(
            Cookie(
                name: DeskRouter.sessionCookie, value: secret, maxAge: Int(sessionLifetime), path: "/",
                secure: secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    /// Ends the session when the form carries its CSRF token; signed out or not, the browser lands on
    /// the sign-in page (a form that cannot be read only skips deleting the session).
    @Sendable func logout(_ request: Request, context: DeskContext) async throws -> Response {
        let form = (try? await Form(request)) ?? Form()
        if let identity = context.identity, try verify(form, identity) {
            if let cookie = request.cookies[DeskRouter.sessionCookie]?.value {
                try await desk.store.deleteSession(hash: APIToken.hash(cookie))
            }
        }
        var response = Response.redirect(to: "/", type: .found)
        response.setCookie(
            Cookie(
                name: DeskRouter.sessionCookie, value: "", maxAge: 0, path: "/", secure: secureCookies,
                httpOnly: true, sameSite: .strict))
        return response
    }

    // MARK: Forms

    /// The identity of a form post allowed to work disputes, after checking its CSRF token.
    func worker(_ form: Form, _ context: DeskContext) throws -> Identity {
        guard let identity = context.identity else { throw DeskError.unauthenticated }
        guard try verify(form, identity) else {
            throw DeskError(
                status: 403, code: "csrf", field: "csrf", reason: "the form's CSRF token does not match the session")
        }
        guard identity.role.allows(.work) else { throw DeskError.forbidden("this role cannot work disputes") }
        return identity
    }

    func verify(_ form: Form, _ identity: Identity) throws -> Bool {
        guard let expected = identity.csrf, let sent = form["csrf"] else { return false }
        return APIToken.constantTimeEquals(expected, sent)
    }

    /// The query parameters that report on a form post rather than filter the worklist.
    static let noteParameters: Set<String> = ["flash", "error", "about"]

    /// Back to where the form was, with a note of what happened (`flash=` text when it was done, an
    /// `error=` code when it was refused, see ``FormNotice``): the worklist with the same filters
    /// (`return`), or with `back=dispute` the page of the dispute the form worked on, which keeps
    /// those filters for its own way back (unless that dispute no longer exists). The target is always
    /// built here: a path of this site (the route's id, percent-encoded) and the worklist's own
    /// parameters only (``WorklistPage/returnQuery(_:)``), so no form field can send the browser
    /// elsewhere.
    func back(_ form: Form, _ context: DeskContext, flash: String) -> Response {
        back(form, context, note: "flash=" + WorklistPage.urlEncoded(flash), toDispute: form["back"] == "dispute")
    }

    func back(_ form: Form, _ context: DeskContext, refused notice: FormNotice) -> Response {
        let toDispute = form["back"] == "dispute" && notice != .missing
        let id = context.disputeID
        // The worklist names the dispute; its own page needs not.
        let about = toDispute || id.isEmpty ? "" : "&about=" + WorklistPage.urlEncoded(id)
        return back(form, context, note: "error=" + notice.rawValue + about, toDispute: toDispute)
    }

    func back(_ form: Form, _ context: DeskContext, note: String, toDispute: Bool) -> Response {
        let filters = WorklistPage.returnQuery(form["return"] ?? "")
        if toDispute {
            let query = (filters.isEmpty ? "" : "return=" + WorklistPage.urlEncoded(filters) + "&") + note
            return Response.redirect(to: WorklistPage.disputePath(context.disputeID) + "?" + query, type: .normal)
        }
        return Response.redirect(to: "/?" + (filters.isEmpty ? "" : filters + "&") + note, type: .normal)
    }

    /// Runs the form post `work`. A client error (4xx: no session, a stale CSRF token, a resolved or
    /// vanished dispute, a bad field, an unreadable form) comes back where the form was with its
    /// notice (``back(_:_:refused:)``), as a `303`; nothing else changes for the browser. Server
    /// errors go on to ``PageErrorMiddleware``.
    func formPost(_ request: Request, _ context: DeskContext, _ work: (Form) async throws -> Response)
        async throws -> Response
    {
        var form = Form()
        do {
            form = try await Form(request)
            guard form.invalidField == nil else { return back(form, context, refused: .form) }
            return try await work(form)
        } catch let error as DeskError where error.status < 500 {
            return back(form, context, refused: FormNotice(error))
        } catch let error as any HTTPResponseError where (400..<500).contains(error.status.code) {
            return back(form, context, refused: .form)
        }
    }

    /// The sign-in page's way on: `raw` when it is one of this site's own pages, rebuilt from its
    /// parts, else `/`. Accepted: `/` with the worklist's own parameters
    /// (``WorklistPage/returnQuery(_:)``), and `/disputes/{id}` with one percent-encoded id segment
    /// (re-encoded) and its `return`. Anything else falls back to `/`: absolute URLs, `//host`,
    /// backslashes, control characters, spaces or non-ASCII anywhere, a second path segment (an
    /// encoded `/` stays inside the id), an id that does not decode or decodes to a control character.
    static func signInTarget(_ raw: String) -> String {
        let printable = raw.utf8.allSatisfy { (0x21...0x7E).contains($0) && $0 != UInt8(ascii: "\\") }
        guard printable, raw.hasPrefix("/") else { return "/" }
        let parts = raw.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = parts[0]
        let query = parts.count > 1 ? String(parts[1]) : ""
        if path == "/" {
            let filters = WorklistPage.returnQuery(query)
            return filters.isEmpty ? "/" : "/?" + filters
        }
        let prefix = "/disputes/"
        guard path.hasPrefix(prefix), case let segment = path.dropFirst(prefix.count), !segment.isEmpty,
            !segment.contains("/"), let id = segment.removingPercentEncoding, !id.isEmpty,
            !id.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { return "/" }
        let returned = query.split(separator: "&").first { $0.hasPrefix("return=") }
            .map { Form.decode($0.dropFirst("return=".count)) }
        return disputeTarget(id, returnQuery: WorklistPage.returnQuery(returned ?? ""))
    }

    /// The page of dispute `id`, keeping the worklist's filters for its way back.
    static func disputeTarget(_ id: String, returnQuery: String) -> String {
        WorklistPage.disputePath(id) + (returnQuery.isEmpty ? "" : "?return=" + WorklistPage.urlEncoded(returnQuery))
    }

    @Sendable func feedback(_ request: Request, context: DeskContext) async throws -> Response {
        try await formPost(request, context) { form in try await feedback(form, context) }
    }

    func feedback(_ form: Form, _ context: DeskContext) async throws -> Response {
        let identity = try worker(form, context)
        let id = context.disputeID
        guard let urgentText = form["urgent"], let urgent = Bool(urgentText) else {
            throw DeskError.invalid("urgent", "true or false")
        }
        let subject = try form["subject"].flatMap { raw throws(DeskError) -> Subject? in
            raw.isEmpty ? nil : try DeskError.label(raw, field: "subject", as: Subject.self)
        }
        let severity = try form["severity"].flatMap { raw throws(DeskError) -> Severity? in
            raw.isEmpty ? nil : try DeskError.label(raw, field: "severity", as: Severity.self)
        }
        // The nonce is rendered into the form, so submitting the same form twice logs one event.
        let key = "form-" + (form["nonce"] ?? APIToken.randomID())
        let outcome = try await desk.feedback(
            disputeID: id, urgent: urgent, subject: subject, severity: severity,
            idempotencyKey: key, actor: identity.actor)
        try await desk.rescoreIfNeeded()
        var note = "Feedback on \(id) logged as event \(outcome.event.seq)"
        if !outcome.created { note += " (already logged)" }
        return back(form, context, flash: note + "; model \(outcome.modelVersion).")
    }

    @Sendable func assign(_ request: Request, context: DeskContext) async throws -> Response {
        try await formPost(request, context) { form in try await assign(form, context) }
    }

    func assign(_ form: Form, _ context: DeskContext) async throws -> Response {
        let identity = try worker(form, context)
        let assignee = (form["assignee"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard assignee.utf8.count <= 100 else { throw DeskError.invalid("assignee", "longer than 100 bytes") }
        return try await change(
            .assign(assignee: assignee.isEmpty ? nil : assignee), identity, form, context,
            assignee.isEmpty ? "unassigned" : "assigned")
    }

    @Sendable func snooze(_ request: Request, context: DeskContext) async throws -> Response {
        try await formPost(request, context) { form in try await snooze(form, context) }
    }

    func snooze(_ form: Form, _ context: DeskContext) async throws -> Response {
        let identity = try worker(form, context)
        return try await change(
            .snooze(until: Date().timeIntervalSince1970 + 86_400), identity, form, context, "snoozed for a day")
    }

    @Sendable func resolve(_ request: Request, context: DeskContext) async throws -> Response {
        try await formPost(request, context) { form in try await resolve(form, context) }
    }

    func resolve(_ form: Form, _ context: DeskContext) async throws -> Response {
        let identity = try worker(form, context)
        let code = try DeskError.label(form["resolution"] ?? "", field: "resolution", as: ResolutionCode.self)
        return try await change(
            .resolve(code: code, creditedAmount: nil, note: nil), identity, form, context,
            "resolved (\(code.rawValue))")
    }

    func change(_ change: StatusChange, _ identity: Identity, _ form: Form, _ context: DeskContext, _ what: String)
        async throws -> Response
    {
        let id = context.disputeID
        guard
            try await desk.store.updateStatus(
                id: id, change: change, actor: identity.actor, at: Date().timeIntervalSince1970) != nil
        else {
            throw DeskError.notFound("no dispute with id '\(id)'", field: "id")
        }
        return back(form, context, flash: "\(id) \(what).")
    }
}

/// An `application/x-www-form-urlencoded` body.
struct Form {
    let fields: [String: String]
    /// The first field whose value the desk cannot store (a NUL), if any.
    let invalidField: String?

    /// No fields (a form that could not be read).
    init() {
        fields = [:]
        invalidField = nil
    }

    /// The body's fields; a body over 64 KiB is a 413.
    init(_ request: Request) async throws {
        var buffer = try await request.body.collect(upTo: 64 << 10)
        let text = buffer.readString(length: buffer.readableBytes) ?? ""
        var fields: [String: String] = [:]
        var invalid: String? = nil
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            if !StorableText.isStorable(value) {
                invalid = invalid ?? name
                continue
            }
            if fields[name] == nil { fields[name] = value }
        }
        self.fields = fields
        invalidField = invalid
    }

    static func decode(_ s: Substring) -> String {
        s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
    }

    subscript(_ name: String) -> String? { fields[name] }
}
