import DisputeTriage
import Foundation

/// What the desk recommends doing with a dispute.
public enum DisputeAction: String, Sendable, CaseIterable, Codable {
    /// Work it in priority order.
    case work
    /// Hand it to a senior person now (critical severity, legal threat, very large amount).
    case escalate
    /// Not worth the handling cost: propose writing it off. Only ever proposed, never applied.
    case proposeWriteOff = "propose_write_off"
}

/// The action for one dispute and the rule that decided it, in words.
public struct ActionDecision: Sendable, Equatable {
    public var action: DisputeAction
    public var rule: String
}

/// "Is it worth the time?": escalation and write-off rules, read from a policy file.
///
/// ```json
/// {"handling_cost": 150,
///  "escalate": {"min_severity": "critical", "min_amount": 100000},
///  "write_off": {"max_amount": 250, "max_share_of_open_balance": 0.02}}
/// ```
///
/// Escalation is checked first. A write-off is proposed only when the disputed amount is within
/// *every* limit: the handling cost, the amount tolerance and the share of the customer's open
/// balance; the most restrictive limit wins and is the one named in the rule.
public struct ActionPolicy: Sendable, Equatable {
    /// What working one dispute costs (same currency as the amounts).
    public var handlingCost: Double
    public var escalateMinSeverity: Severity
    public var escalateMinAmount: Double
    public var writeOffMaxAmount: Double
    public var writeOffMaxShareOfOpenBalance: Double

    public init(
        handlingCost: Double = 150, escalateMinSeverity: Severity = .critical, escalateMinAmount: Double = 100_000,
        writeOffMaxAmount: Double = 250, writeOffMaxShareOfOpenBalance: Double = 0.02
    ) {
        self.handlingCost = handlingCost
        self.escalateMinSeverity = escalateMinSeverity
        self.escalateMinAmount = escalateMinAmount
        self.writeOffMaxAmount = writeOffMaxAmount
        self.writeOffMaxShareOfOpenBalance = writeOffMaxShareOfOpenBalance
    }

    /// Reads a policy file; every error names the file and the field.
    public static func load(path: String) throws -> ActionPolicy {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PolicyError(path: path, field: nil, reason: "cannot be read")
        }
        do {
            return try parse(JSONValue.parse(Array(data)))
        } catch {
            throw PolicyError(path: path, field: error.field, reason: error.reason)
        }
    }

    /// Parses a policy document; missing fields keep their defaults.
    public static func parse(_ json: JSONValue) throws(DeskError) -> ActionPolicy {
        var policy = ActionPolicy()
        let root = try JSONFields(json, path: "", allowed: ["handling_cost", "escalate", "write_off"])
        let positive = 0...Double.greatestFiniteMagnitude
        if let v = try root.number("handling_cost", in: positive, rule: "must be >= 0") { policy.handlingCost = v }
        if let escalate = root.values["escalate"] {
            let e = try JSONFields(escalate, path: "escalate", allowed: ["min_severity", "min_amount"])
            if let s = try e.label("min_severity", as: Severity.self) { policy.escalateMinSeverity = s }
            if let v = try e.number("min_amount", in: positive, rule: "must be >= 0") { policy.escalateMinAmount = v }
        }
        if let writeOff = root.values["write_off"] {
            let w = try JSONFields(writeOff, path: "write_off", allowed: ["max_amount", "max_share_of_open_balance"])
            if let v = try w.number("max_amount", in: positive, rule: "must be >= 0") { policy.writeOffMaxAmount = v }
            if let v = try w.number("max_share_of_open_balance", in: 0...1, rule: "must be within 0…1") {
                policy.writeOffMaxShareOfOpenBalance = v
            }
        }
        return policy
    }

    /// The action for a dispute of `severity` with `facts`.
    public func decide(severity: Severity, facts: DisputeFacts) -> ActionDecision {
        if severity >= escalateMinSeverity {
            return ActionDecision(
                action: .escalate, rule: "severity \(severity.rawValue) ≥ \(escalateMinSeverity.rawValue)")
        }
        guard let amount = facts.amount else {
            return ActionDecision(action: .work, rule: "no disputed amount given, so no write-off is proposed")
        }
        if amount >= escalateMinAmount {
            return ActionDecision(
                action: .escalate,
                rule: "amount \(Self.money(amount)) ≥ escalation threshold \(Self.money(escalateMinAmount))")
        }
        // The most restrictive of the two amount limits is the one that decides.
        let (limit, limitName) =
            handlingCost <= writeOffMaxAmount
            ? (handlingCost, "handling cost") : (writeOffMaxAmount, "write-off tolerance")
        guard amount <= limit else {
            return ActionDecision(
                action: .work, rule: "amount \(Self.money(amount)) > \(limitName) \(Self.money(limit))")
        }
        let balance = facts.resolvedOpenBalance
        let share = balance > 0 ? amount / balance : 1
        guard share <= writeOffMaxShareOfOpenBalance else {
            return ActionDecision(
                action: .work,
                rule:
                    "amount is \(Self.percent(share)) of the open balance > \(Self.percent(writeOffMaxShareOfOpenBalance)) tolerance"
            )
        }
        return ActionDecision(
            action: .proposeWriteOff,
            rule:
                "amount \(Self.money(amount)) ≤ \(limitName) \(Self.money(limit)) and \(Self.percent(share)) ≤ \(Self.percent(writeOffMaxShareOfOpenBalance)) of the open balance"
        )
    }

    static func money(_ v: Double) -> String {
        v.formatted(.number.precision(.fractionLength(0...2)).grouping(.automatic))
    }
    static func percent(_ v: Double) -> String { (v * 100).formatted(.number.precision(.fractionLength(0...2))) + "%" }
}

/// A policy file that cannot be used.
public struct PolicyError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var field: String?
    public var reason: String
    public var description: String { "\(path): " + (field.map { "field '\($0)': " } ?? "") + reason }
}
