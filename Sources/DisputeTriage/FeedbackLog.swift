import Foundation
import SystemSupport

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
    /// - Throws: ``DisputeError/feedbackLogFailed(path:reason:)`` naming the failing step and the
    ///   system's reason (the open, a write or the fsync).
    public func append(_ events: [Feedback]) throws {
        var bytes: [UInt8] = []
        for event in events { bytes += Array(Self.line(for: event).utf8) + [0x0A] }
        do {
            let fd = try FileIO.open(path, O_WRONLY | O_CREAT | O_APPEND)
            defer { FileIO.close(fd) }
            try FileIO.writeAll(fd, bytes)
            try FileIO.sync(fd)
        } catch {
            throw DisputeError.feedbackLogFailed(path: path, reason: error.description)
        }
    }

    /// One feedback event as a JSON line.
    public static func line(for event: Feedback) -> String {
        var object: [String: Any] = [
            DisputeField.id.name: event.dispute.id, DisputeField.text.name: event.dispute.text,
            DisputeField.urgent.name: event.urgent,
        ]
        let facts = event.dispute.facts
        let numbers = [facts.amount, facts.customerValue, facts.openBalance, facts.creditScore, facts.daysPastDue]
        for (field, value) in zip(DisputeField.numbers, numbers) {
            if let value { object[field.name] = value }
        }
        if let s = event.subject { object[DisputeField.subject.name] = s.rawValue }
        if let s = event.severity { object[DisputeField.severity.name] = s.rawValue }
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
