import ArgumentParser
import DisputeTriage
import Foundation
import Mail
import Records

extension ResultFormatter.Format: ExpressibleByArgument {}

struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score disputes: priority, subject, severity and explanation, one record per input, in input order.",
        discussion: """
            Input fields: \(DisputeField.dispute.map(\.name).joined(separator: ", ")) \
            (numbers may be missing: see DisputeFacts for the imputation). Streams in batches, so memory \
            does not grow with the input. On a bad record it stops with file:line: field: reason and \
            leaves no partial --output file.
            Example: triage score --model Models/default --data TrainingData/sample_disputes.jsonl
            """)

    @OptionGroup var model: ModelOptions

    @Option(help: "Disputes to score (.csv, .jsonl or .ndjson), or e-mail: a .eml file, a folder of them, an mbox.")
    var data: String

    @Option(help: "For e-mail: a CSV mapping senders (address or domain) to customer_id.")
    var senders: String?

    @Option(help: "Output format: jsonl or csv.")
    var format: ResultFormatter.Format = .jsonl

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    @Option(help: "Disputes scored per BLAS batch.")
    var batchSize = 1024

    @Flag(help: "Leave out explanations (faster).")
    var noExplanation = false

    @Option(help: "Scoring threads (default: all cores). The output is the same, in input order, for any count.")
    var threads = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Print timing (model load, scoring, documents/s) to standard error.")
    var stats = false

    @OptionGroup(title: "Ledger") var ledger: LedgerScoringOptions

    func validate() throws {
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be >= 1") }
        guard threads >= 1 else { throw ValidationError("--threads must be >= 1") }
    }

    func run() throws {
        let started = Date()
        let triage = try model.load()
        let loaded = Date()
        if MailSource.isMail(path: data) {  // one dispute per thread; see MailInput
            let (count, bytes) = try MailInput.score(
                path: data, senders: senders, model: triage, format: format, output: output,
                batchSize: batchSize, explain: !noExplanation)
            if stats { printStats(count: count, bytes: bytes, started: started, loaded: loaded) }
            return
        }
        let ledgerContext = try ledger.load()
        var attachments: [LedgerContext.Attachment] = []
        let reader = try RecordReader(path: data)
        let out = try OutputFile(path: output)
        // Batches are scored and formatted on worker threads while this thread reads the next ones;
        // their output is written in input order.
        let explain = !noExplanation, format = self.format
        let workspaces = ResourcePool { ScoringWorkspace() }
        // Each batch carries its disputes' ledger attachments (none without --ledger).
        var pipeline = OrderedPipeline<([Dispute], [LedgerContext.Attachment]), [UInt8]>(
            threads: threads,
            work: { batch in
                workspaces.withResource { workspace in
                    var lines: [UInt8] = []
                    lines.reserveCapacity(batch.0.count * (explain ? 512 : 192))  // a line's usual size, or more
                    let results = triage.score(batch.0, explain: explain, workspace: &workspace)
                    results.withUnsafeBufferPointer { results in  // each result read in place, not copied
                        for i in results.indices {
                            ResultFormatter.append(results[i], format: format, to: &lines)
                            if format == .jsonl && i < batch.1.count { batch.1[i].append(to: &lines) }
                            lines.append(0x0A)
                        }
                    }
                    return lines
                }
            }, deliver: { try out.write(bytes: $0) })
        var batch: [Dispute] = []
        batch.reserveCapacity(batchSize)
        var count = 0
        var bytes = 0
        do {
            if format == .csv { try out.write(line: ResultFormatter.csvHeader) }
            while let record = try reader.next() {
                var dispute = try Dispute(record: record)
                if let ledgerContext {
                    let attachment: LedgerContext.Attachment
                    (dispute, attachment) = try ledgerContext.attach(dispute, record: record)
                    attachments.append(attachment)
                }
                bytes += dispute.text.utf8.count
                batch.append(dispute)
                count += 1
                if batch.count == batchSize {
                    try pipeline.submit((batch, attachments))
                    batch = []
                    attachments = []
                    batch.reserveCapacity(batchSize)
                }
            }
            if !batch.isEmpty { try pipeline.submit((batch, attachments)) }
            try pipeline.finish()
            try out.commit()
        } catch {
            pipeline.cancel()
            out.discard()
            throw error
        }
        if stats { printStats(count: count, bytes: bytes, started: started, loaded: loaded) }
    }

    private func printStats(count: Int, bytes: Int, started: Date, loaded: Date) {
        let load = loaded.timeIntervalSince(started)
        let scoring = Date().timeIntervalSince(loaded)
        Standard.error(
            String(
                format:
                    "{\"documents\":%d,\"bytes\":%d,\"load_seconds\":%.4f,\"score_seconds\":%.4f,\"docs_per_second\":%.1f,\"mb_per_second\":%.2f}",
                count, bytes, load, scoring, Double(count) / max(scoring, 1e-9),
                Double(bytes) / 1e6 / max(scoring, 1e-9)))
    }
}
