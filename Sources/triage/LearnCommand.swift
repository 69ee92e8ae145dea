import ArgumentParser
import DisputeTriage
import Foundation
import Records

struct LearnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Apply collectors' feedback, in order, and save the updated model.",
        discussion: """
            Feedback records: the dispute fields (id, text, amount, customer_value, open_balance, \
            credit_score, days_past_due) plus `urgent` (true/false) and optionally a corrected \
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

    @Option(help: "Append every applied feedback record to this log file (JSONL, fsynced) for replay.")
    var log: String?

    func run() throws {
        Triage.prepareRuntime()
        var triage = try TriageModel.load(from: URL(fileURLWithPath: model))
        let reader = try RecordReader(path: feedback)
        var events: [Feedback] = []
        // Validate the whole file first: a bad record at line 900 must not leave 899 applied.
        while let record = try reader.next() { events.append(try Feedback(record: record)) }
        for event in events { try triage.learn(event) }
        try triage.save(to: URL(fileURLWithPath: out ?? model))
        if let log { try FeedbackLog(path: log).append(events) }
        Standard.output("learned \(events.count) feedback events → \(out ?? model)")
    }
}
