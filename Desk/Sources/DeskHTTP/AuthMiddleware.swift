import DeskCore
import Foundation
import Hummingbird

/// Resolves the caller from `Authorization: Bearer <token>` or the page's session cookie. It only
/// identifies; each route decides what the identity may do (``DeskContext/require(_:)``).
struct AuthMiddleware: RouterMiddleware {
    typealias Context = DeskContext
    let store: any DeskStore
    /// Browser sessions are accepted by the pages only; the JSON API takes bearer tokens, so a
    /// cookie alone can never drive it from another site.
    let acceptSessions: Bool

    func handle(_ request: Request, context: DeskContext, next: (Request, DeskContext) async throws -> Response)
        async throws -> Response
    {
        var context = context
        if let header = request.headers[.authorization] {
            // The scheme is case-insensitive (RFC 9110 §11.1); the token is not.
            guard header.prefix(7).lowercased() == "bearer ", case let token = String(header.dropFirst(7)),
                !token.isEmpty
            else {
                throw DeskError(
                    status: 401, code: "unauthenticated", field: "Authorization", reason: "expected 'Bearer <token>'")
            }
            // Looked up on every request (no cache): a revocation holds from the next request on, on
            // every replica of the store.
            let record: TokenRecord
            switch try await store.check(token: token) {
            case .valid(let valid): record = valid
            case .revoked:
                throw DeskError(status: 401, code: "unauthenticated", field: "Authorization", reason: "revoked token")
            case .unknown:
                throw DeskError(status: 401, code: "unauthenticated", field: "Authorization", reason: "unknown token")
            }
            context.identity = Identity(role: record.role, actor: "token:\(record.id)", csrf: nil)
        } else if acceptSessions, let cookie = request.cookies[DeskRouter.sessionCookie]?.value, !cookie.isEmpty {
            if let session = try await store.authenticate(session: cookie, now: Date().timeIntervalSince1970) {
                context.identity = Identity(role: session.role, actor: "token:\(session.tokenID)", csrf: session.csrf)
            }
        }
        return try await next(request, context)
    }
}
