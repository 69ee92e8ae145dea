import DeskCore
import DeskEngine
import Foundation
import Hummingbird

/// Admin routes: the feedback log for audit and replay, and policy reload.
struct AdminRoutes {
    let desk: Desk
    /// The policy file to reload, if the desk was started with one.
    let policyPath: String?

    func register(on group: RouterGroup<DeskContext>) {
        group.get("feedback", use: log)
        group.post("admin/policy/reload", use: reloadPolicy)
    }

    struct Event: Encodable {
        var seq: Int64
        var idempotencyKey: String
        var disputeID: String
        var predictionID: String?
        var kind: String
        var actor: String
        var createdAt: String
        /// The event in `triage learn --feedback` format.
        var feedback: JSONValue

        enum CodingKeys: String, CodingKey {
            case seq, kind, actor, feedback
            case idempotencyKey = "idempotency_key"
            case disputeID = "dispute_id"
            case predictionID = "prediction_id"
            case createdAt = "created_at"
        }
    }

    struct Log: Encodable {
        var events: [Event]
        var logHead: Int64
        enum CodingKeys: String, CodingKey {
            case events
            case logHead = "log_head"
        }
    }

    @Sendable func log(_ request: Request, context: DeskContext) async throws -> Response {
        _ = try context.require(.admin)
        var after: Int64 = 0
        var limit = 100
        for (name, value) in request.uri.queryParameters {
            switch name {
            case "after":
                guard let v = Int64(value), v >= 0 else { throw DeskError.invalid("after", "must be an integer >= 0") }
                after = v
            case "limit":
                guard let v = Int(value), (1...1_000).contains(v) else {
                    throw DeskError.invalid("limit", "must be an integer within 1…1000")
                }
                limit = v
            default:
                throw DeskError.invalid(String(name), "unknown parameter (allowed: after, limit)")
            }
        }
        let events = try await desk.store.feedback(after: after, limit: limit)
        let head = try await desk.store.logHead()
        return try JSONResponse.make(
            Log(
                events: try events.map { e in
                    Event(
                        seq: e.seq, idempotencyKey: e.event.idempotencyKey, disputeID: e.event.disputeID,
                        predictionID: e.event.predictionID,
                        kind: e.event.kind, actor: e.event.actor,
                        createdAt: Timestamp.format(Date(timeIntervalSince1970: e.event.createdAt)),
                        feedback: try JSONValue.parse(Array(e.event.payload.utf8)))
                }, logHead: head))
    }

    struct PolicyBody: Encodable {
        var handlingCost: Double
        var escalateMinSeverity: String
        var escalateMinAmount: Double
        var writeOffMaxAmount: Double
        var writeOffMaxShareOfOpenBalance: Double
        enum CodingKeys: String, CodingKey {
            case handlingCost = "handling_cost"
            case escalateMinSeverity = "escalate_min_severity"
            case escalateMinAmount = "escalate_min_amount"
            case writeOffMaxAmount = "write_off_max_amount"
            case writeOffMaxShareOfOpenBalance = "write_off_max_share_of_open_balance"
        }
    }

    @Sendable func reloadPolicy(_ request: Request, context: DeskContext) async throws -> Response {
        _ = try context.require(.admin)
        guard let policyPath else {
            throw DeskError(status: 409, code: "no_policy_file", reason: "the desk was started without --policy")
        }
        let policy: ActionPolicy
        do {
            policy = try ActionPolicy.load(path: policyPath)
        } catch let error as PolicyError {
            throw DeskError(status: 422, code: "invalid_policy", field: error.field, reason: error.description)
        }
        desk.setPolicy(policy)
        try await desk.rescoreAll()
        return try JSONResponse.make(
            PolicyBody(
                handlingCost: policy.handlingCost, escalateMinSeverity: policy.escalateMinSeverity.rawValue,
                escalateMinAmount: policy.escalateMinAmount, writeOffMaxAmount: policy.writeOffMaxAmount,
                writeOffMaxShareOfOpenBalance: policy.writeOffMaxShareOfOpenBalance))
    }
}
