import DeskCore
import Hummingbird

/// Who is calling: resolved from a bearer token or a browser session by ``AuthMiddleware``.
public struct Identity: Sendable {
    public var role: Role
    /// The token id, recorded as the actor of feedback events.
    public var actor: String
    /// The CSRF token a browser session's forms must carry (nil for bearer tokens).
    public var csrf: String?
}

/// The request context of every desk route.
public struct DeskContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Identity?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
    }

    /// Largest request body accepted (a batch of 1,000 disputes of a few kilobytes each).
    public static let maxBodyBytes = 8 << 20
    public var maxUploadSize: Int { Self.maxBodyBytes }

    /// The `{id}` path parameter, percent-decoded (ids may hold spaces, `/` or any Unicode).
    public var disputeID: String {
        let raw = parameters.get("id") ?? ""
        return raw.removingPercentEncoding ?? raw
    }

    /// The caller's identity when its role allows `permission`; 401 without one, 403 with the wrong role.
    public func require(_ permission: Permission) throws -> Identity {
        guard let identity else { throw DeskError.unauthenticated }
        guard identity.role.allows(permission) else {
            throw DeskError.forbidden(
                "the \(identity.role.rawValue) role cannot do this (needs \(permission.rawValue))")
        }
        return identity
    }
}
