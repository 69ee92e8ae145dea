import DeskCore
import DeskEngine
import Foundation
import Hummingbird

/// Health, metrics, the model state and the OpenAPI document.
struct ServiceRoutes {
    let desk: Desk
    /// Prometheus text of every metric (injected: the registry belongs to the process).
    let metricsText: @Sendable () -> String
    /// `/health/ready` is false when the model is further behind the log than this.
    let maxReadyLag: Int64
    /// ... or when the database does not answer within this time.
    let readyTimeout: Duration = .seconds(2)

    func register(on router: Router<DeskContext>, api: RouterGroup<DeskContext>) {
        router.get("health/live") { _, _ in try JSONResponse.make(["status": "live"]) }
        router.get("health/ready", use: ready)
        router.get("metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: metricsText())))
        }
        router.get("openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.bytes)))
        }
        api.get("model", use: model)
    }

    struct Readiness: Encodable {
        var status: String
        var reason: String?
        var lag: Int64?
    }

    @Sendable func ready(_ request: Request, context: DeskContext) async throws -> Response {
        do {
            // A probe must answer quickly: while the database is down the pool would wait for a
            // connection, so a slow answer counts as "unreachable".
            let position = try await withDeadline(readyTimeout) { try await desk.position() }
            let lag = position.logHead - position.state.appliedSeq
            guard lag <= maxReadyLag else {
                return try JSONResponse.make(
                    Readiness(status: "not_ready", reason: "the model is \(lag) events behind the log", lag: lag),
                    status: .serviceUnavailable)
            }
            return try JSONResponse.make(Readiness(status: "ready", reason: nil, lag: lag))
        } catch {
            return try JSONResponse.make(
                Readiness(status: "not_ready", reason: "the database is unreachable", lag: nil),
                status: .serviceUnavailable)
        }
    }

    struct ModelBody: Encodable {
        var version: String
        var appliedSeq: Int64
        var logHead: Int64
        var weightsSHA256: String
        var updates: Int
        enum CodingKeys: String, CodingKey {
            case version, updates
            case appliedSeq = "applied_seq"
            case logHead = "log_head"
            case weightsSHA256 = "weights_sha256"
        }
    }

    @Sendable func model(_ request: Request, context: DeskContext) async throws -> Response {
        _ = try context.require(.read)
        let summary = try await desk.modelSummary()
        return try JSONResponse.make(
            ModelBody(
                version: summary.state.version, appliedSeq: summary.state.appliedSeq,
                logHead: summary.logHead, weightsSHA256: summary.weightsSHA256, updates: summary.state.updates))
    }
}

/// The OpenAPI 3.1 document describing the API (`Sources/DeskHTTP/openapi.json`).
public enum OpenAPIDocument {
    public static let bytes: [UInt8] = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
            let data = try? Data(contentsOf: url)
        else { return Array(#"{"openapi":"3.1.0"}"#.utf8) }
        return Array(data)
    }()
}
