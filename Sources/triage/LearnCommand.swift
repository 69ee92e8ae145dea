import ArgumentParser
import DisputeTriage
import Foundation
import Records
import SystemSupport

struct LearnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Apply collectors' feedback, in order, and save the updated model.",
        discussion: """
            Feedback records: the dispute fields (\(DisputeField.dispute.map(\.name).joined(separator: ", "))) \
            plus `urgent` (true/false) and optionally a corrected \
            `subject` and `severity`. The same feedback applied to the same model gives a \
            byte-identical model, so a feedback log replayed onto the base model rebuilds it.
            Example: triage learn --model Models/default --feedback feedback.jsonl --out /var/lib/triage/model
            """)

    @Option(help: "Model directory to start from.")
    var model: String

    @Option(help: "Feedback records (.csv, .jsonl or .ndjson).")
    var feedback: String

    @Option(help: "Where to save (default: replace --model atomically).")
    var out: String?

    @Option(
        help:
            "Append every applied feedback record to this log file (JSONL, fsynced) for replay; it is written before the model is saved, so a crash can leave events logged but not saved — replay from the base model, never append the log onto a model that already learned it."
    )
    var log: String?

    func validate() throws {
        // The feedback is read twice: validated first, then applied.
        guard feedback != "-" else { throw ValidationError("--feedback - (standard input): learn needs a file") }
    }

    func run() throws {
        // Appending to the file being read would feed every logged event back in, without end.
        if let log, FileIO.isSameFile(log, feedback) {
            throw CLIError("--log \(log) is the --feedback file: give the log a file of its own")
        }
        var triage = try TriageModel.load(from: URL(fileURLWithPath: model))
        // Two streaming passes keep memory flat: first validate every record (a bad record at line
        // 900 must not leave 899 applied), then apply them in order.
        let validator = try RecordReader(path: feedback)
        var count = 0
        while let record = try validator.next() {
            _ = try Feedback(record: record)
            count += 1
        }
        let reader = try RecordReader(path: feedback)
        let feedbackLog = log.map(FeedbackLog.init(path:))
        var pending: [Feedback] = []
        while let record = try reader.next() {
            let event = try Feedback(record: record)
            try triage.learn(event)
            pending.append(event)
            if pending.count == 1024 {
                try feedbackLog?.append(pending)
                pending.removeAll(keepingCapacity: true)
            }
        }
        try feedbackLog?.append(pending)
        try triage.save(to: URL(fileURLWithPath: out ?? model))
        Standard.output("learned \(count) feedback events → \(out ?? model)")
    }
}
