/// A request the desk refuses, with the HTTP status it maps to and a JSON body that says what was
/// wrong and where: `{"error": code, "field": path, "reason": text}`.
///
/// Input errors are always 4xx; a 5xx is only ever an internal failure (a database that is down).
public struct DeskError: Error, Sendable, Equatable, CustomStringConvertible {
    /// HTTP status code (400, 401, 403, 404, 409, 413, 415, 503, …).
    public var status: Int
    /// Machine-readable code, e.g. `invalid_value`, `unknown_dispute`.
    public var code: String
    /// Where the problem is: a JSON path such as `[3].credit_score`, a header or a parameter name.
    public var field: String?
    /// What was wrong, for a person.
    public var reason: String

    public init(status: Int, code: String, field: String? = nil, reason: String) {
        self.status = status
        self.code = code
        self.field = field
        self.reason = reason
    }

    public var description: String {
        "\(status) \(code)" + (field.map { " (\($0))" } ?? "") + ": \(reason)"
    }

    public static func invalid(_ field: String, _ reason: String) -> DeskError {
        DeskError(status: 400, code: "invalid_value", field: field, reason: reason)
    }
    public static func malformed(_ reason: String) -> DeskError {
        DeskError(status: 400, code: "malformed_json", reason: reason)
    }
    public static func notFound(_ what: String, field: String? = nil) -> DeskError {
        DeskError(status: 404, code: "not_found", field: field, reason: what)
    }
    public static let unauthenticated = DeskError(
        status: 401, code: "unauthenticated", field: "Authorization", reason: "a bearer token is required")
    public static func forbidden(_ reason: String) -> DeskError {
        DeskError(status: 403, code: "forbidden", reason: reason)
    }
    public static func tooLarge(limit: Int) -> DeskError {
        DeskError(status: 413, code: "body_too_large", reason: "the request body exceeds \(limit) bytes")
    }
    public static func unavailable(_ reason: String) -> DeskError {
        DeskError(status: 503, code: "unavailable", reason: reason)
    }
}
