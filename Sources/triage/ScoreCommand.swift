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

    @Option(
        help:
            "Disputes to score (.csv, .jsonl or .ndjson; - for standard input, JSONL if it starts with {), or e-mail: a .eml file, a folder of them, an mbox."
    )
    var data: String

    @Option(help: "For e-mail: a CSV mapping senders (address or domain) to customer_id.")
    var senders: String?

    @Option(help: "Output format: jsonl or csv.")
    var format: ResultFormatter.Format = .jsonl

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    @Option(help: "Most disputes per batch, the unit of work of a thread (a batch also ends at 64 KiB of JSONL input).")
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
        // The model loads on a thread of its own while this one opens the input and parses the
        // first batches; errors still come in the order they would if the model loaded first.
        let loading = BackgroundLoad { [model] in try model.load() }
        if MailSource.isMail(path: data) {  // one dispute per thread; see MailInput
            let triage = try loading.value()
            let loaded = Date()
            let (count, bytes) = try MailInput.score(
                path: data, senders: senders, model: triage, format: format, output: output,
                batchSize: batchSize, explain: !noExplanation)
            if stats { printStats(count: count, bytes: bytes, started: started, loaded: loaded) }
            return
        }
        let (ledgerContext, reader, out) = try loading.ifThrowing {
            guard senders == nil else {
                throw CLIError("--senders applies to e-mail input; \(data) is read as CSV/JSONL disputes")
            }
            return (try ledger.load(), try RecordReader(path: data), try OutputFile(path: output))
        }
        var early: [BatchScorer.Input] = []
        if threads > 1 {
            var parser = RecordBatch.Parser()
            while !loading.isFinished && early.count < Self.batchesParsedWhileLoading,
                let batch = reader.nextBatch(count: batchSize, byteTarget: Self.batchBytes)
            {
                early.append(.parsed(Result { try BatchScorer.parse(batch, ledger: ledgerContext, parser: &parser) }))
            }
        }
        let triage = try loading.value()
        let loaded = Date()
        // This thread cuts the input into batches of raw lines and writes the output; the batches
        // are parsed, scored and formatted on `threads` threads (this one too), and their bytes
        // are written in input order.
        let scorer = BatchScorer(model: triage, ledger: ledgerContext, format: format, explain: !noExplanation)
        var count = 0
        var bytes = 0
        var pipeline = OrderedPipeline<BatchScorer.Input, BatchScorer.Output>(
            threads: threads, work: { try scorer.score($0) },
            deliver: {
                try out.write(bytes: $0.lines)
                count += $0.documents
                bytes += $0.textBytes
            })
        do {
            if format == .csv { try out.write(line: ResultFormatter.csvHeader) }
            for batch in early { try pipeline.submit(batch) }
            early = []
            while let batch = reader.nextBatch(count: batchSize, byteTarget: Self.batchBytes) {
                try pipeline.submit(.raw(batch))
            }
            try pipeline.finish()
            try out.commit()
        } catch {
            pipeline.cancel()
            out.discard()
            throw error
        }
        if stats { printStats(count: count, bytes: bytes, started: started, loaded: loaded) }
    }

    /// At most this many batches are parsed ahead while the model loads (memory stays bounded).
    static let batchesParsedWhileLoading = 64

    /// Input bytes that end a batch: batches of about equal work whatever the text length (about
    /// 700 short texts, or 65 long ones), small enough that the last batches leave no thread idle for long.
    static let batchBytes = 1 << 16

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
