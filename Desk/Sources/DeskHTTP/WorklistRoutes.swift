import DeskCore
import DeskEngine
import DisputeTriage
import Foundation
import Hummingbird

/// `GET /v1/worklist`: disputes in priority order with filters and cursor pagination.
struct WorklistRoutes {
    let desk: Desk

    func register(on group: RouterGroup<DeskContext>) {
        group.get("worklist", use: list)
    }

    struct Page: Encodable {
        var disputes: [DisputeBody]
        var next: String?
        var summary: Summary
    }

    struct Summary: Encodable {
        var count: Int
        var totalAmount: Double
        var escalations: Int
        var proposedWriteOffs: Int

        enum CodingKeys: String, CodingKey {
            case count
            case totalAmount = "total_amount"
            case escalations
            case proposedWriteOffs = "proposed_write_offs"
        }
    }

    @Sendable func list(_ request: Request, context: DeskContext) async throws -> Response {
        _ = try context.require(.read)
        let query = try WorklistQuery(
            parameters: request.uri.queryParameters.map { (String($0.key), String($0.value)) })
        let now = Date().timeIntervalSince1970
        let page = try await desk.store.worklist(query.filter, after: query.cursor, limit: query.limit, now: now)
        let summary = try await desk.store.summary(query.filter, now: now)
        return try JSONResponse.make(
            Page(
                disputes: page.disputes.map(DisputeBody.init), next: page.next?.token,
                summary: Summary(
                    count: summary.count, totalAmount: summary.totalAmount, escalations: summary.escalations,
                    proposedWriteOffs: summary.proposedWriteOffs)))
    }
}

/// The worklist's query parameters, validated (shared by the API and the page).
public struct WorklistQuery: Sendable {
    public var filter = WorklistFilter()
    public var cursor: WorklistCursor?
    public var limit = 50

    public static let parameters: Set<String> = [
        "status", "subject", "min_severity", "assignee", "customer", "amount_min", "amount_max", "action", "limit",
        "cursor",
    ]

    /// Parses `name=value` pairs; empty values mean "no filter" (what an HTML form sends).
    public init(parameters: [(String, String)], ignoring ignored: Set<String> = []) throws(DeskError) {
        for (name, value) in parameters where !ignored.contains(name) {
            guard Self.parameters.contains(name) else {
                throw DeskError.invalid(
                    name, "unknown parameter (allowed: \(Self.parameters.sorted().joined(separator: ", ")))")
            }
            guard !value.isEmpty else { continue }
            try StorableText.validate(value, field: name)
            switch name {
            case "status":
                if value == "all" {
                    filter.status = nil
                } else {
                    filter.status = try DeskError.label(value, field: name, as: DisputeStatus.self)
                }
            case "subject": filter.subject = try DeskError.label(value, field: name, as: Subject.self)
            case "min_severity": filter.minSeverity = try DeskError.label(value, field: name, as: Severity.self)
            case "action": filter.action = try DeskError.label(value, field: name, as: DisputeAction.self)
            case "assignee": filter.assignee = value
            case "customer": filter.customerID = value
            case "amount_min": filter.minAmount = try Self.number(value, name)
            case "amount_max": filter.maxAmount = try Self.number(value, name)
            case "limit":
                guard let n = Int(value), (1...1_000).contains(n) else {
                    throw DeskError.invalid(name, "must be an integer within 1…1000")
                }
                limit = n
            case "cursor":
                guard let cursor = WorklistCursor(token: value) else {
                    throw DeskError.invalid(name, "not a cursor this desk issued")
                }
                self.cursor = cursor
            default: break
            }
        }
        if let min = filter.minAmount, let max = filter.maxAmount, min > max {
            throw DeskError.invalid("amount_min", "is greater than amount_max")
        }
    }

    static func number(_ value: String, _ name: String) throws(DeskError) -> Double {
        guard let v = Double(value), v.isFinite, v >= 0 else { throw DeskError.invalid(name, "must be a number >= 0") }
        return v
    }
}
