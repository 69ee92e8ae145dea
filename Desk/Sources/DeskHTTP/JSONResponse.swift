import DeskCore
import Foundation
import Hummingbird

/// JSON bodies for responses.
enum JSONResponse {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    struct ErrorBody: Encodable {
        var error: String
        var field: String?
        var reason: String
    }

    /// `{"error", "field", "reason"}` of `error`, as bytes.
    static func errorBody(_ error: DeskError) -> Data {
        let body = ErrorBody(error: error.code, field: error.field, reason: error.reason)
        return (try? encoder.encode(body)) ?? Data(#"{"error":"internal","reason":"unencodable error"}"#.utf8)
    }

    static func error(_ error: DeskError) -> Response {
        let data = errorBody(error)
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if error.status == 401 { headers[.wwwAuthenticate] = "Bearer" }
        // A database outage (a restart, a failover) is short: say when to try again.
        if error.status == 503 { headers[.retryAfter] = "1" }
        return Response(
            status: .init(code: error.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension Request {
    /// The whole body, at most ``DeskContext/maxBodyBytes``; a larger one is a 413.
    func bodyBytes() async throws -> [UInt8] {
        do {
            var buffer = try await body.collect(upTo: DeskContext.maxBodyBytes)
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw DeskError.tooLarge(limit: DeskContext.maxBodyBytes)
        }
    }

    /// The JSON body of a request that must send `application/json`.
    func jsonBody() async throws -> JSONValue {
        if let type = headers[.contentType], !type.lowercased().hasPrefix("application/json") {
            throw DeskError(
                status: 415, code: "unsupported_media_type", field: "Content-Type", reason: "send application/json")
        }
        return try JSONValue.parse(try await bodyBytes())
    }
}
