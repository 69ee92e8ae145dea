import DeskCore
import DeskEngine
import DeskHTTP
import DisputeTriage
import Foundation

/// What the dispute template shows: one dispute whole (the full message, its facts, its current
/// triage and what already happened to it) and the same forms as its worklist row.
struct DisputePage {
    struct Fact {
        var name: String
        var value: String
    }

    struct Event {
        var time: String
        var what: String
        var actor: String
    }

    var title: String
    var csrf: String
    var flash: String?
    /// Why the last form post was refused (``FormNotice``).
    var error: String?
    /// The worklist with the filters the collector came from.
    var backLink: String
    /// The worklist row's values (priority band, labels, factors, forms), reused by the partials.
    var row: WorklistPage.Row
    var text: String
    var receivedAt: String
    var assignee: String
    var snoozedUntil: String?
    var resolution: String?
    var facts: [Fact]
    var subjectProbability: String?
    var severityProbability: String?
    var modelVersion: String
    var history: [Event]

    /// How many feedback events and status changes the page lists at most (each).
    static let historyLimit = 200

    /// The page of dispute `id`; nil when no dispute has this id.
    static func make(desk: Desk, id: String, csrf: String, returnQuery: String, flash: String?, error: String? = nil)
        async throws
        -> DisputePage?
    {
        guard let d = try await desk.store.dispute(id: id) else { return nil }
        let events = try await desk.store.feedback(disputeID: id, limit: historyLimit)
        let changes = try await desk.store.statusChanges(disputeID: id, limit: historyLimit)
        let now = Date().timeIntervalSince1970
        var row = WorklistPage.row(d, rank: 1, csrf: csrf, returnQuery: returnQuery, now: now)
        row.toDispute = true
        let result = ResultBody.decode(d.score.resultJSON)
        let money = WorklistPage.money
        let plain = WorklistPage.plain
        let facts: [Fact] = [
            Fact(name: "Amount", value: d.facts.amount.map(money) ?? "—"),
            Fact(name: "Customer value", value: d.facts.customerValue.map(money) ?? "—"),
            Fact(name: "Open balance", value: d.facts.openBalance.map(money) ?? "—"),
            Fact(name: "Credit score", value: d.facts.creditScore.map(plain) ?? "—"),
            Fact(name: "Days past due", value: d.facts.daysPastDue.map(plain) ?? "—"),
        ]
        var resolution: String? = nil
        if d.status == .resolved, let code = d.resolution {
            resolution = resolutionWords(code, credited: d.creditedAmount, note: d.resolutionNote)
        }
        // Newest first; at equal times verdicts above status changes, the arrival last.
        var timed: [(at: Double, order: Int, event: Event)] = []
        for e in events {
            timed.append(
                (e.event.createdAt, 2, Event(time: time(e.event.createdAt), what: describe(e), actor: e.event.actor)))
        }
        for c in changes {
            timed.append((c.at, 1, Event(time: time(c.at), what: describe(c.change), actor: c.actor)))
        }
        timed.append((d.receivedAt, 0, Event(time: time(d.receivedAt), what: "received", actor: "—")))
        timed.sort { ($0.at, $0.order) > ($1.at, $1.order) }
        return DisputePage(
            title: "Dispute \(d.id)", csrf: csrf, flash: flash, error: error,
            backLink: returnQuery.isEmpty ? "/" : "/?" + returnQuery, row: row, text: d.text,
            receivedAt: time(d.receivedAt), assignee: d.assignee ?? "—",
            snoozedUntil: d.status == .snoozed ? d.snoozedUntil.map(time) : nil, resolution: resolution,
            facts: facts, subjectProbability: result.map { percent($0.subject.probability) },
            severityProbability: result.map { percent($0.severity.probability) },
            modelVersion: d.score.modelVersion, history: timed.map(\.event))
    }

    static func time(_ seconds: Double) -> String { Timestamp.format(Date(timeIntervalSince1970: seconds)) }

    static func percent(_ p: Double) -> String { (p * 100).formatted(.number.precision(.fractionLength(0...1))) + "%" }

    /// A feedback event in words: its kind and verdict, with the labels the collector corrected.
    static func describe(_ e: FeedbackEvent) -> String {
        guard let verdict = try? e.feedback() else { return "\(e.event.kind) (event \(e.seq))" }
        var words = "\(e.event.kind) (event \(e.seq)): " + (verdict.urgent ? "urgent" : "not urgent")
        if let subject = verdict.subject { words += ", subject " + WorklistPage.label(subject.rawValue) }
        if let severity = verdict.severity { words += ", severity " + severity.rawValue }
        return words
    }

    /// A status change in words.
    static func describe(_ change: StatusChange) -> String {
        switch change {
        case .assign(let assignee?): return "assigned to \(assignee)"
        case .assign(nil): return "unassigned"
        case .snooze(let until): return "snoozed until \(time(until))"
        case .resolve(let code, let credited, let note):
            return "resolved: " + resolutionWords(code, credited: credited, note: note)
        }
    }

    /// How a dispute was resolved: the code, what was credited and the note.
    static func resolutionWords(_ code: ResolutionCode, credited: Double?, note: String?) -> String {
        var words = WorklistPage.label(code.rawValue)
        if let credited { words += ", credited " + WorklistPage.money(credited) }
        if let note, !note.isEmpty { words += ", note: " + note }
        return words
    }
}

/// The page for an id no dispute has.
struct MissingDisputePage {
    var title = "No such dispute"
    var id: String
    var backLink: String
}
