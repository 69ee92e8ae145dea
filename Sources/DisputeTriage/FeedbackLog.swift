import Foundation

/// An append-only JSONL log of applied feedback. Replaying it, in order, onto the model it started
/// from rebuilds the learned model byte for byte (`triage learn --feedback LOG`).
///
/// ```swift
/// try FeedbackLog(path: "feedback.log.jsonl").append([feedback])
/// ```
public struct FeedbackLog: Sendable {
    /// The log file.
    public let path: String

    /// A log at `path` (created on first append).
    public init(path: String) { self.path = path }

    /// Appends events (one JSON object per line, the same fields `triage learn` reads) and fsyncs.
    public func append(_ events: [Feedback]) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        for event in events { bytes += Array(Self.line(for: event).utf8) + [0x0A] }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, bytes.count - written) }
            guard n > 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
            written += n
        }
        fsync(fd)
    }

    /// One feedback event as a JSON line.
    public static func line(for event: Feedback) -> String {
        var object: [String: Any] = ["id": event.dispute.id, "text": event.dispute.text, "urgent": event.urgent]
        let facts = event.dispute.facts
        if let v = facts.amount { object["amount"] = v }
        if let v = facts.customerValue { object["customer_value"] = v }
        if let v = facts.openBalance { object["open_balance"] = v }
        if let v = facts.creditScore { object["credit_score"] = v }
        if let v = facts.daysPastDue { object["days_past_due"] = v }
        if let s = event.subject { object["subject"] = s.rawValue }
        if let s = event.severity { object["severity"] = s.rawValue }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
