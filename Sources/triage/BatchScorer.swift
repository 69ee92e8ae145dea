import DisputeTriage
import Records

/// The work of `triage score` on one batch of input, on whichever thread runs it: parse the
/// records and fill them from the ledger (``parse(_:ledger:parser:)``, which needs no model), then
/// score them and format their output lines.
struct BatchScorer: Sendable {
    /// A batch in the pipeline: raw, or parsed already (while the model was loading).
    enum Input: Sendable {
        case raw(RecordBatch)
        case parsed(Result<Disputes, any Error>)
    }

    /// A batch's disputes, each with its ledger attachment (none without --ledger).
    struct Disputes: Sendable {
        var disputes: [Dispute] = []
        var attachments: [LedgerContext.Attachment] = []
        /// Bytes of text, for `--stats`.
        var textBytes = 0
    }

    /// One batch's output lines, and what `--stats` counts.
    struct Output: Sendable {
        var lines: [UInt8]
        var documents: Int
        var textBytes: Int
    }

    /// Per-thread state reused from batch to batch.
    private struct Scratch: Sendable {
        var parser = RecordBatch.Parser()
        /// Explanation words without their table: the lines name them from the model's.
        var workspace = {
            var workspace = ScoringWorkspace()
            workspace.wordsCarryNames = false
            return workspace
        }()
    }

    let model: TriageModel
    let ledger: LedgerContext?
    let format: ResultFormatter.Format
    let explain: Bool
    private let scratch = ResourcePool { Scratch() }

    init(model: TriageModel, ledger: LedgerContext?, format: ResultFormatter.Format, explain: Bool) {
        self.model = model
        self.ledger = ledger
        self.format = format
        self.explain = explain
    }

    /// The disputes of `batch`, in input order.
    /// - Throws: the first error of the batch in input order (a bad record names its file and line).
    static func parse(_ batch: RecordBatch, ledger: LedgerContext?, parser: inout RecordBatch.Parser) throws
        -> Disputes
    {
        var parsed = Disputes()
        parsed.disputes.reserveCapacity(batch.count)  // one allocation per batch, none per dispute
        if ledger != nil { parsed.attachments.reserveCapacity(batch.count) }
        try batch.forEachRecord(parser: &parser) { record in
            var dispute = try Dispute(record: record)
            if let ledger {
                let attachment: LedgerContext.Attachment
                (dispute, attachment) = try ledger.attach(dispute, record: record)
                parsed.attachments.append(attachment)
            }
            parsed.textBytes += dispute.text.utf8.count
            parsed.disputes.append(dispute)
        }
        return parsed
    }

    /// The output of `input`, in input order.
    /// - Throws: the first error of the batch in input order.
    func score(_ input: Input) throws -> Output {
        try scratch.withResource { scratch in
            let batch: Disputes
            switch input {
            case let .raw(raw): batch = try Self.parse(raw, ledger: ledger, parser: &scratch.parser)
            case let .parsed(parsed): batch = try parsed.get()
            }
            var lines: [UInt8] = []
            lines.reserveCapacity(batch.disputes.count * (explain ? 512 : 192))  // a line's usual size, or more
            var results = model.score(batch.disputes, explain: explain, workspace: &scratch.workspace)
            let names = model.wordNames
            results.withUnsafeMutableBufferPointer { results in
                guard let first = results.baseAddress else { return }
                for i in results.indices {
                    // The words' names are random reads into a table larger than the cache: ask for
                    // their bounds two lines ahead and their bytes one line ahead.
                    if explain { Self.prefetchWords(of: results, at: i, names: names) }
                    // Moved out and its slot refilled with a vacant result: passing a result read in
                    // place copies it (retaining its id).
                    let result = (first + i).move()
                    (first + i).initialize(to: .vacant)
                    ResultFormatter.append(
                        result, format: format, wordNames: (names.subject, names.severity), to: &lines)
                    if format == .jsonl && i < batch.attachments.count { batch.attachments[i].append(to: &lines) }
                    lines.append(0x0A)
                }
            }
            return Output(lines: lines, documents: batch.disputes.count, textBytes: batch.textBytes)
        }
    }

    /// Asks for the bounds of the words of the result two lines after `i` and for the bytes of those
    /// one line after it.
    private static func prefetchWords(
        of results: UnsafeMutableBufferPointer<TriageResult>, at i: Int,
        names: (subject: FeatureNameTable, severity: FeatureNameTable)
    ) {
        if i + 2 < results.count { prefetch(.bounds, of: results, at: i + 2, names: names) }
        if i + 1 < results.count { prefetch(.literals, of: results, at: i + 1, names: names) }
    }

    /// `step` for both word lists of `results[j]`, reading only their feature numbers, in place.
    private static func prefetch(
        _ step: FeatureNameTable.PrefetchStep, of results: UnsafeMutableBufferPointer<TriageResult>, at j: Int,
        names: (subject: FeatureNameTable, severity: FeatureNameTable)
    ) {
        names.subject.prefetch(
            step, of: results[j].classification.subjectWords.features,
            count: results[j].classification.subjectWords.endIndex)
        names.severity.prefetch(
            step, of: results[j].classification.severityWords.features,
            count: results[j].classification.severityWords.endIndex)
    }
}
