import Crypto
import Foundation

/// API tokens: random secrets shown once, stored only as SHA-256 hashes and compared in constant time.
public enum APIToken {
    /// A new token: `dtk_` and 64 hex digits (256 random bits from the system's secure generator).
    public static func generate() -> String {
        "dtk_" + randomID(bytes: 32)
    }

    /// A random opaque identifier (sessions, CSRF tokens, prediction ids).
    public static func randomID(bytes count: Int = 16) -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        for _ in 0..<count { bytes.append(UInt8.random(in: 0...255, using: &generator)) }
        return hex(bytes)
    }

    /// The stored form of a token: hex SHA-256. A token has 256 bits of entropy, so a fast hash is
    /// enough; nothing can be brute-forced from the hash.
    public static func hash(_ token: String) -> String {
        hex(Array(SHA256.hash(data: Array(token.utf8))))
    }

    /// Compares two strings in time that depends only on their lengths.
    public static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A stored token. Revoking one keeps the row (its id stays the actor of the feedback it gave) and
/// stamps `revokedAt`; a revoked token opens nothing.
public struct TokenRecord: Sendable, Equatable {
    public var id: String
    public var role: Role
    public var hash: String
    public var label: String
    public var createdAt: Double
    /// When the token was revoked (seconds since 1970), nil while it is valid.
    public var revokedAt: Double?

    public init(id: String, role: Role, hash: String, label: String, createdAt: Double, revokedAt: Double? = nil) {
        self.id = id
        self.role = role
        self.hash = hash
        self.label = label
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    public var isRevoked: Bool { revokedAt != nil }

    /// One line for `triage-desk token list`: id, role, created, `active` or `revoked <time>`, label
    /// (never the hash). Control characters in the label are escaped, so a token is always one line.
    public var listLine: String {
        func padded(_ text: String, _ width: Int) -> String {
            text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
        }
        let state = revokedAt.map { "revoked " + Self.timestamp($0) } ?? "active"
        let label = self.label.unicodeScalars.map {
            $0.properties.generalCategory == .control ? $0.escaped(asASCII: true) : String($0)
        }.joined()
        return [padded(id, 12), padded(role.rawValue, 9), Self.timestamp(createdAt), padded(state, 28), label]
            .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
    }

    /// The token for `token list --json`: the same fields as ``listLine``, times in ISO 8601, `revoked_at`
    /// null while the token is valid.
    public var listJSON: JSONValue {
        .object([
            "id": .string(id), "role": .string(role.rawValue), "label": .string(label),
            "created_at": .string(Self.timestamp(createdAt)),
            "revoked_at": revokedAt.map { .string(Self.timestamp($0)) } ?? .null,
        ])
    }

    static func timestamp(_ seconds: Double) -> String {
        Date(timeIntervalSince1970: seconds).formatted(.iso8601)
    }
}

/// What `revokeToken` did.
public enum TokenRevocation: Sendable, Equatable {
    /// The token is revoked now; its browser sessions are gone.
    case revoked(TokenRecord)
    /// It was revoked before (the record keeps the first revocation time); nothing changed.
    case alreadyRevoked(TokenRecord)
    /// No token has this id.
    case unknown
    /// It is the last admin token that is not revoked, and `force` was not given; nothing changed.
    case lastAdmin(TokenRecord)
}

/// What a presented bearer token stands for.
public enum TokenCheck: Sendable, Equatable {
    case valid(TokenRecord)
    case revoked(TokenRecord)
    case unknown
}

/// A browser session opened by `POST /login`.
public struct SessionRecord: Sendable, Equatable {
    /// SHA-256 of the cookie value.
    public var hash: String
    public var tokenID: String
    public var role: Role
    /// The CSRF token every form of this session must carry.
    public var csrf: String
    public var expiresAt: Double

    public init(hash: String, tokenID: String, role: Role, csrf: String, expiresAt: Double) {
        self.hash = hash
        self.tokenID = tokenID
        self.role = role
        self.csrf = csrf
        self.expiresAt = expiresAt
    }
}
