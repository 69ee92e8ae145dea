import DeskCore
import DeskEngine
import Hummingbird
import HummingbirdCore

/// Everything the HTTP layer needs, passed in (nothing global).
public struct DeskHTTPConfiguration: Sendable {
    public var policyPath: String?
    public var metricsText: @Sendable () -> String
    public var maxReadyLag: Int64

    public init(
        policyPath: String? = nil, metricsText: @escaping @Sendable () -> String = { "" }, maxReadyLag: Int64 = 1_000
    ) {
        self.policyPath = policyPath
        self.metricsText = metricsText
        self.maxReadyLag = maxReadyLag
    }
}

/// Builds the router: error mapping and metrics around everything, bearer-token identities on `/v1`.
/// Pages add their own routes with ``addPages``-style registrations on the same router.
public enum DeskRouter {
    /// The name of the browser session cookie.
    public static let sessionCookie = "desk_session"

    public static func make(desk: Desk, configuration: DeskHTTPConfiguration) -> Router<DeskContext> {
        // HEAD is answered wherever GET is (the 405 handler's `Allow` lists it).
        let router = Router(context: DeskContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: NoSniffMiddleware())
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: MetricsMiddleware())
        let api = router.group("v1").add(middleware: AuthMiddleware(store: desk.store, acceptSessions: false))
        DisputeRoutes(desk: desk).register(on: api)
        WorklistRoutes(desk: desk).register(on: api)
        AdminRoutes(desk: desk, policyPath: configuration.policyPath).register(on: api)
        ServiceRoutes(desk: desk, metricsText: configuration.metricsText, maxReadyLag: configuration.maxReadyLag)
            .register(on: router, api: api)
        return router
    }

    /// How long a connection may go without a request part (a whole head, a piece of body) before the
    /// server closes it. A request being answered is never cut off.
    public static let idleTimeout: Duration = .seconds(30)

    /// The HTTP/1.1 server. Without an idle timeout, clients that open connections and never finish a
    /// request hold a file descriptor each for ever: at the process's limit nobody else gets in.
    /// Requests the HTTP parser rejects get a JSON error too (``ParseErrorHandler``).
    public static func server(idleTimeout: Duration = idleTimeout) -> HTTPServerBuilder {
        .http1(configuration: .init(additionalChannelHandlers: [ParseErrorHandler()], idleTimeout: .init(idleTimeout)))
    }

    /// Session identities for the pages (form posts carry a CSRF token).
    public static func pageAuthentication(store: any DeskStore) -> some RouterMiddleware<DeskContext> {
        AuthMiddleware(store: store, acceptSessions: true)
    }
}
