import DeskCore
import DeskEngine
import DeskHTTP
import DisputeTriage
import Foundation

/// What the worklist template shows: plain values, formatted for people.
struct WorklistPage {
    struct Option {
        var value: String
        var name: String
        var selected: Bool
    }

    struct Factor {
        var name: String
        var points: String
        var width: Int
        var direction: String
    }

    struct Row {
        var rank: Int
        var id: String
        var domID: String
        var pathID: String
        var priority: String
        var band: Int
        var customer: String
        var invoices: String
        var amount: String
        var subject: String
        var x12: String
        var severity: String
        var age: String
        var daysPastDue: String
        var action: String
        var actionLabel: String
        var actionRule: String
        var assignee: String
        var status: String
        var excerpt: String
        var baseline: String
        var factors: [Factor]
        var subjectWords: String
        var severityWords: String
        var csrf: String
        var nonce: String
        var returnQuery: String
        /// The dispute's own page (keeping the worklist's filters for the way back).
        var link: String
        /// The forms come back to the dispute page instead of the worklist.
        var toDispute = false
        var urgentNow: String
        var subjectOptions: [Option]
        var severityOptions: [Option]
        var resolutions: [Option]
    }

    struct Summary {
        var count: Int
        var amount: String
        var escalations: Int
        var writeOffs: Int
    }

    struct Model {
        var version: String
        var lag: Int64
    }

    struct Filter {
        var assignee: String
        var customer: String
        var amountMin: String
        var amountMax: String
    }

    let title = "Worklist"
    var summary: Summary
    var model: Model
    var csrf: String
    var flash: String?
    var error: String?
    var rows: [Row]
    var statuses: [Option]
    var subjects: [Option]
    var severities: [Option]
    var actions: [Option]
    var filter: Filter
    var nextPage: String?

    static func make(desk: Desk, query: WorklistQuery, csrf: String, flash: String?, error: String?) async throws
        -> WorklistPage
    {
        var query = query
        if query.limit == 50 { query.limit = 100 }
        let now = Date().timeIntervalSince1970
        let page = try await desk.store.worklist(query.filter, after: query.cursor, limit: query.limit, now: now)
        let summary = try await desk.store.summary(query.filter, now: now)
        let model = try await desk.position()
        let returnQuery = encode(query, cursor: query.cursor)
        let rows = page.disputes.enumerated().map { index, d in
            row(d, rank: index + 1, csrf: csrf, returnQuery: returnQuery, now: now)
        }
        let f = query.filter
        return WorklistPage(
            summary: Summary(
                count: summary.count, amount: money(summary.totalAmount), escalations: summary.escalations,
                writeOffs: summary.proposedWriteOffs),
            model: Model(version: model.state.version, lag: model.logHead - model.state.appliedSeq),
            csrf: csrf, flash: flash, error: error, rows: rows,
            statuses: [("open", "open"), ("snoozed", "snoozed"), ("resolved", "resolved"), ("all", "all")].map {
                Option(value: $0.0, name: $0.1, selected: (f.status?.rawValue ?? "all") == $0.0)
            },
            subjects: Subject.allCases.map {
                Option(value: $0.rawValue, name: label($0.rawValue), selected: f.subject == $0)
            },
            severities: Severity.allCases.map {
                Option(value: $0.rawValue, name: $0.rawValue, selected: f.minSeverity == $0)
            },
            actions: DisputeAction.allCases.map {
                Option(value: $0.rawValue, name: label($0.rawValue), selected: f.action == $0)
            },
            filter: Filter(
                assignee: f.assignee ?? "", customer: f.customerID ?? "", amountMin: f.minAmount.map(plain) ?? "",
                amountMax: f.maxAmount.map(plain) ?? ""),
            nextPage: page.next.map { encode(query, cursor: $0) })
    }

    static func row(_ d: StoredDispute, rank: Int, csrf: String, returnQuery: String, now: Double) -> Row {
        let result = ResultBody.decode(d.score.resultJSON)
        let factors = result?.explanation?.factors ?? [:]
        let largest = max(1, factors.values.map(abs).max() ?? 1)
        // payment_risk is explained only for disputes scored with a ledger.
        let ordered = PriorityFactor.allCases.filter { $0 != .paymentRisk || factors[$0.rawValue] != nil }
            .map { ($0.rawValue, factors[$0.rawValue] ?? 0) }
        let excerpt = d.text.count > 150 ? String(d.text.prefix(150)) + "…" : d.text
        return Row(
            rank: rank, id: d.id, domID: domID(d.id),
            pathID: d.id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? d.id,
            priority: d.score.priority.formatted(.number.precision(.fractionLength(1))),
            band: d.score.priority >= 75 ? 4 : d.score.priority >= 50 ? 3 : d.score.priority >= 25 ? 2 : 1,
            customer: d.customerID ?? "—", invoices: d.invoices.isEmpty ? "—" : d.invoices.joined(separator: ", "),
            amount: d.facts.amount.map(money) ?? "—", subject: label(d.score.subject.rawValue),
            x12: d.score.subject.x12AdjustmentReasonCodes.first.map { "X12 \($0)" } ?? "",
            severity: d.score.severity.rawValue, age: days(now - d.receivedAt),
            daysPastDue: d.facts.daysPastDue.map { plain($0) } ?? "—",
            action: d.score.action.rawValue, actionLabel: label(d.score.action.rawValue),
            actionRule: result?.actionRule ?? "",
            assignee: d.assignee ?? "", status: d.status.rawValue, excerpt: excerpt,
            baseline: (result?.explanation?.baseline ?? 0).formatted(.number.precision(.fractionLength(1))),
            factors: ordered.map { name, points in
                Factor(
                    name: label(name),
                    points: (points >= 0 ? "+" : "") + points.formatted(.number.precision(.fractionLength(1))),
                    width: Int((abs(points) / largest * 100).rounded()), direction: points >= 0 ? "up" : "down")
            },
            subjectWords: (result?.explanation?.subjectWords ?? []).joined(separator: ", "),
            severityWords: (result?.explanation?.severityWords ?? []).joined(separator: ", "),
            csrf: csrf, nonce: APIToken.randomID(bytes: 12), returnQuery: returnQuery,
            link: disputePath(d.id) + (returnQuery.isEmpty ? "" : "?return=" + urlEncoded(returnQuery)),
            urgentNow: d.score.priority >= 50 ? "true" : "false",
            subjectOptions: Subject.allCases.map {
                Option(value: $0.rawValue, name: label($0.rawValue), selected: $0 == d.score.subject)
            },
            severityOptions: Severity.allCases.map {
                Option(value: $0.rawValue, name: $0.rawValue, selected: $0 == d.score.severity)
            },
            resolutions: ResolutionCode.allCases.map {
                Option(value: $0.rawValue, name: label($0.rawValue), selected: false)
            })
    }

    /// The filters (and a page position) as a query string.
    static func encode(_ query: WorklistQuery, cursor: WorklistCursor?) -> String {
        let f = query.filter
        var pairs: [(String, String)] = [("status", f.status?.rawValue ?? "all")]
        if let v = f.subject { pairs.append(("subject", v.rawValue)) }
        if let v = f.minSeverity { pairs.append(("min_severity", v.rawValue)) }
        if let v = f.action { pairs.append(("action", v.rawValue)) }
        if let v = f.assignee { pairs.append(("assignee", v)) }
        if let v = f.customerID { pairs.append(("customer", v)) }
        if let v = f.minAmount { pairs.append(("amount_min", plain(v))) }
        if let v = f.maxAmount { pairs.append(("amount_max", plain(v))) }
        if let cursor { pairs.append(("cursor", cursor.token)) }
        return pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&")
    }

    /// The worklist filters a `return` value holds, re-encoded: only the worklist's own parameters
    /// (``WorklistQuery/parameters``) are kept, so whatever a form or a link carries, going back lands
    /// on the worklist (`/?…`) of this site and nowhere else.
    static func returnQuery(_ raw: String) -> String {
        raw.split(separator: "&").compactMap { pair -> String? in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Form.decode(parts[0])
            let value = parts.count > 1 ? Form.decode(parts[1]) : ""
            guard WorklistQuery.parameters.contains(name), StorableText.isStorable(value) else { return nil }
            return name + "=" + urlEncoded(value)
        }.joined(separator: "&")
    }

    /// ASCII letters, digits, `-`, `_` and `~`: everything else is percent-encoded (`.` too, so an id
    /// `..` stays a segment of its own).
    static let urlSafe = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_~")

    static func urlEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: urlSafe) ?? ""
    }

    /// The path of a dispute's page: the id is one percent-encoded segment.
    static func disputePath(_ id: String) -> String { "/disputes/" + urlEncoded(id) }

    static func label(_ raw: String) -> String { raw.replacingOccurrences(of: "_", with: " ") }
    static func money(_ v: Double) -> String { v.formatted(.number.precision(.fractionLength(2)).grouping(.automatic)) }
    static func plain(_ v: Double) -> String { v.formatted(.number.precision(.fractionLength(0...2)).grouping(.never)) }
    static func days(_ seconds: Double) -> String { "\(max(0, Int(seconds / 86_400)))d" }
    /// An id usable in HTML id attributes (the id itself is shown escaped elsewhere).
    static func domID(_ id: String) -> String {
        "d" + id.utf8.map { String($0, radix: 16) }.joined()
    }
}
