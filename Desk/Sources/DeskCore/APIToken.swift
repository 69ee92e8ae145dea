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

/// A stored token.
public struct TokenRecord: Sendable, Equatable {
    public var id: String
    public var role: Role
    public var hash: String
    public var label: String
    public var createdAt: Double

    public init(id: String, role: Role, hash: String, label: String, createdAt: Double) {
        self.id = id
        self.role = role
        self.hash = hash
        self.label = label
        self.createdAt = createdAt
    }
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
