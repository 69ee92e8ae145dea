import DeskCore
import DeskEngine
import DisputeTriage
import Foundation
import Hummingbird

/// `/v1/disputes`: post disputes to score, read one, and act on it.
struct DisputeRoutes {
    let desk: Desk

    func register(on group: RouterGroup<DeskContext>) {
        group.post("disputes", use: submit)
        group.get("disputes/:id", use: show)
        group.post("disputes/:id/feedback", use: feedback)
        group.post("disputes/:id/assign", use: assign)
        group.post("disputes/:id/snooze", use: snooze)
        group.post("disputes/:id/resolve", use: resolve)
    }

    struct SubmitResponse: Encodable {
        var results: [ResultBody]
    }

    @Sendable func submit(_ request: Request, context: DeskContext) async throws -> Response {
        _ = try context.require(.score)
        let json = try await request.jsonBody()
        let incoming = try IncomingDispute.parseBatch(json)
        let stored = try await desk.submit(incoming)
        return try JSONResponse.make(
            SubmitResponse(results: stored.compactMap { ResultBody.decode($0.score.resultJSON) }))
    }

    func stored(_ context: DeskContext) async throws -> StoredDispute {
        let id = context.disputeID
        guard let dispute = try await desk.store.dispute(id: id) else {
            throw DeskError.notFound("no dispute with id '\(id)'", field: "id")
        }
        return dispute
    }

    @Sendable func show(_ request: Request, context: DeskContext) async throws -> Response {
        _ = try context.require(.lookup)
        return try JSONResponse.make(DisputeBody(try await stored(context)))
    }

    struct FeedbackResponse: Encodable {
        var seq: Int64
        var idempotencyKey: String
        var disputeID: String
        var created: Bool
        var applied: Bool
        var modelVersion: String

        enum CodingKeys: String, CodingKey {
            case seq, created, applied
            case idempotencyKey = "idempotency_key"
            case disputeID = "dispute_id"
            case modelVersion = "model_version"
        }
    }

    @Sendable func feedback(_ request: Request, context: DeskContext) async throws -> Response {
        let identity = try context.require(.work)
        guard let key = request.headers.first(where: { $0.name.canonicalName == "idempotency-key" })?.value,
            (1...200).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7E).contains($0) })
        else {
            throw DeskError.invalid(
                "Idempotency-Key", "header required: 1 to 200 visible ASCII characters, the same on every retry")
        }
        let body = try JSONFields(try await request.jsonBody(), path: "", allowed: ["urgent", "subject", "severity"])
        guard let urgent = try body.bool("urgent") else {
            throw DeskError.invalid("urgent", "missing (true or false required)")
        }
        let outcome = try await desk.feedback(
            disputeID: context.disputeID, urgent: urgent, subject: try body.label("subject", as: Subject.self),
            severity: try body.label("severity", as: Severity.self), idempotencyKey: key, actor: identity.actor)
        let response = FeedbackResponse(
            seq: outcome.event.seq, idempotencyKey: key, disputeID: outcome.event.event.disputeID,
            created: outcome.created, applied: outcome.applied, modelVersion: outcome.modelVersion)
        return try JSONResponse.make(response, status: outcome.created ? .created : .ok)
    }

    @Sendable func assign(_ request: Request, context: DeskContext) async throws -> Response {
        _ = try context.require(.work)
        let body = try JSONFields(try await request.jsonBody(), path: "", allowed: ["assignee"])
        let assignee = try body.string("assignee", maxLength: 100)
        if let assignee, assignee.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw DeskError.invalid("assignee", "must not be blank (send null to unassign)")
        }
        return try await change(.assign(assignee: assignee), context)
    }

    @Sendable func snooze(_ request: Request, context: DeskContext) async throws -> Response {
        _ = try context.require(.work)
        let body = try JSONFields(try await request.jsonBody(), path: "", allowed: ["until", "hours"])
        guard [body.values["until"], body.values["hours"]].filter({ ($0 ?? .null) != .null }).count < 2 else {
            throw DeskError.invalid("hours", "send until or hours, not both")
        }
        let now = Date().timeIntervalSince1970
        let until: Double
        if let raw = try body.string("until", maxLength: 64) {
            guard let date = Timestamp.parse(raw) else { throw DeskError.invalid("until", "not an RFC 3339 date-time") }
            until = date.timeIntervalSince1970
        } else if let hours = try body.number("hours", in: 0.01...8_760, rule: "must be within 0.01…8760") {
            until = now + hours * 3_600
        } else {
            until = now + 86_400
        }
        guard until > now else { throw DeskError.invalid("until", "must be in the future") }
        return try await change(.snooze(until: until), context)
    }

    @Sendable func resolve(_ request: Request, context: DeskContext) async throws -> Response {
        _ = try context.require(.work)
        let body = try JSONFields(
            try await request.jsonBody(), path: "", allowed: ["resolution", "credited_amount", "note"])
        guard let code = try body.label("resolution", as: ResolutionCode.self) else {
            throw DeskError.invalid(
                "resolution", "missing (one of \(ResolutionCode.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let credited = try body.number(
            "credited_amount", in: 0...IncomingDispute.maxMoney, rule: "must be within 0…1e12")
        return try await change(
            .resolve(code: code, creditedAmount: credited, note: try body.string("note", maxLength: 2_000)), context)
    }

    func change(_ change: StatusChange, _ context: DeskContext) async throws -> Response {
        let id = context.disputeID
        let actor = try context.require(.work).actor
        guard
            let updated = try await desk.store.updateStatus(
                id: id, change: change, actor: actor, at: Date().timeIntervalSince1970)
        else {
            throw DeskError.notFound("no dispute with id '\(id)'", field: "id")
        }
        return try JSONResponse.make(DisputeBody(updated))
    }
}
