import DisputeTriage
import Mail
import ModelFormat

/// Mail as input to the CLI: reading every message of a path, and scoring mail threads as
/// disputes (`triage score --data inbox.mbox`), with the sender's customer carried along.
enum MailInput {
    /// Every message at `path`, in input order.
    static func read(path: String, cleaning: Bool, skipInvalid: Bool) throws -> [IntakeMessage] {
        var messages: [IntakeMessage] = []
        let source = MailSource(path: path)
        func skipOrStop(_ error: MailInputError) throws {
            guard skipInvalid else { throw CLIError(error.description) }
            Standard.error("skipped: \(error)")
        }
        let skipped = try source.forEachMessage(onError: skipOrStop) { raw in
            do {
                messages.append(try IntakeMessage(raw, limits: source.limits, cleaning: cleaning))
            } catch let error as MailInputError {
                try skipOrStop(error)
            }
        }
        if skipped > 0 { Standard.error("\(skipped) file(s) below \(path) are not e-mail and were skipped") }
        return messages
    }

    /// Scores the threads at `path` (one dispute per thread) and writes one record per thread, in
    /// the order of their first message: the score fields, then the mail fields (``appendResult``).
    /// - Returns: the number of disputes and the bytes of their texts.
    static func score(
        path: String, senders: String?, model: TriageModel, format: ResultFormatter.Format,
        output: String?, batchSize: Int, explain: Bool
    ) throws -> (count: Int, bytes: Int) {
        let directory = try senders.map { try SenderDirectory(path: $0) } ?? SenderDirectory()
        let disputes = MailDispute.disputes(from: try read(path: path, cleaning: true, skipInvalid: false))
        let out = try OutputFile(path: output)
        var workspace = ScoringWorkspace()
        var bytes = 0
        do {
            if format == .csv { try out.write(line: ResultFormatter.csvHeader + csvMailColumns) }
            var start = 0
            while start < disputes.count {
                let batch = disputes[start..<min(start + batchSize, disputes.count)]
                let inputs = try batch.map { try Dispute(id: $0.id, text: truncated($0.text), facts: DisputeFacts()) }
                bytes += inputs.reduce(0) { $0 + $1.text.utf8.count }
                let results = model.score(inputs, explain: explain, workspace: &workspace)
                for (dispute, result) in zip(batch, results) {
                    let customer = directory.customer(forAny: dispute.fromAddresses)
                    try out.writeLine { appendResult(result, dispute, customer: customer, format: format, to: &$0) }
                }
                start += batchSize
            }
            try out.commit()
        } catch {
            out.discard()
            throw error
        }
        return (disputes.count, bytes)
    }

    /// A thread longer than a dispute may be keeps its end: the latest messages matter most.
    private static func truncated(_ text: String) -> String {
        guard text.utf8.count > Dispute.maxTextBytes else { return text }
        var start = text.utf8.index(text.utf8.endIndex, offsetBy: -Dispute.maxTextBytes)
        while !text.unicodeScalars.indices.contains(start) && start < text.endIndex {
            start = text.utf8.index(after: start)
        }
        return String(text.unicodeScalars[start...])
    }

    /// The score record, then the mail fields: in JSON a `mail` object (`thread_id`, `messages`, `from`,
    /// `date`, `subject`; nested because `subject` is already the predicted subject) and `customer_id`;
    /// in CSV the columns of ``csvMailColumns``.
    private static func appendResult(
        _ result: TriageResult, _ dispute: MailDispute, customer: String?,
        format: ResultFormatter.Format, to out: inout [UInt8]
    ) {
        ResultFormatter.append(result, format: format, to: &out)
        switch format {
        case .jsonl:
            out.removeLast()  // the closing brace
            out.append(contentsOf: #","mail":{"thread_id":"#.utf8)
            JSONString.append(dispute.threadID, to: &out)
            out.append(contentsOf: #","messages":"#.utf8)
            JSONText.appendInteger(dispute.messageIDs.count, to: &out)
            MailCommand.appendField("from", dispute.from, to: &out)
            MailCommand.appendField("date", dispute.date, to: &out)
            MailCommand.appendField("subject", dispute.subject, to: &out)
            out.append(UInt8(ascii: "}"))
            MailCommand.appendField("customer_id", customer, to: &out)
            out.append(UInt8(ascii: "}"))
        case .csv:
            for value in [
                dispute.threadID, String(dispute.messageIDs.count), dispute.from, dispute.date, dispute.subject,
                customer,
            ] {
                out.append(UInt8(ascii: ","))
                ResultFormatter.appendCSVField(value ?? "", to: &out)
            }
        }
    }

    static let csvMailColumns = ",thread_id,messages,from,date,mail_subject,customer_id"
}
