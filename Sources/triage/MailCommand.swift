import ArgumentParser
import Mail
import ModelFormat

struct MailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail",
        abstract: "Read e-mail (.eml, a folder, an mbox) and print each message as triage reads it.",
        discussion: """
            One JSON object per message, in input order: id (Message-ID, else the file name), file, index \
            (position in an mbox), message_id, thread_id (the id of the thread's first message), from, date, \
            subject, body (decoded, before cleaning; HTML as markup), body_type, text (the cleaned text), \
            removed ([{kind, characters}]) and attachments ([{name, type, size}]). Folders are read \
            recursively and files recognised by content. A message over a limit stops the run with \
            file: message N: reason (or is skipped with --skip-invalid).
            With --threads: one object per thread instead, as triage score reads it: id (the latest \
            message's), thread_id, messages (ids in date order), from, date, subject (the latest message's) \
            and text (the subject unless the messages hold all its words, then each message's cleaned text, \
            latest last, without the inbox owner's own replies and bare requests for news).
            Example: triage mail --data inbox.mbox
            """)

    enum Format: String, ExpressibleByArgument { case jsonl }

    @Option(help: "A message file, a folder of them or an mbox file.")
    var data: String

    @Option(help: "Output format (jsonl).")
    var format: Format = .jsonl

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    @Flag(help: "Keep quoted history, signatures and notices in text (text is then the body as text).")
    var noCleaning = false

    @Flag(help: "Skip messages over a limit (reported on standard error) instead of stopping.")
    var skipInvalid = false

    @Flag(help: "Print one record per thread (the dispute triage score sees) instead of one per message.")
    var threads = false

    func run() throws {
        let messages = try MailInput.read(path: data, cleaning: !noCleaning, skipInvalid: skipInvalid)
        var threadOf = [Int](repeating: 0, count: messages.count)
        for group in MailThreads.group(messages.map(\.threadMember)) {
            for member in group { threadOf[member] = group[0] }
        }
        let out = try OutputFile(path: output)
        do {
            if threads {
                for dispute in MailDispute.disputes(from: messages) {
                    try out.writeLine { Self.appendJSON(dispute, to: &$0) }
                }
            } else {
                for (index, message) in messages.enumerated() {
                    try out.writeLine { Self.appendJSON(message, threadID: messages[threadOf[index]].id, to: &$0) }
                }
            }
            try out.commit()
        } catch {
            out.discard()
            throw error
        }
    }

    static func appendJSON(_ dispute: MailDispute, to out: inout [UInt8]) {
        out.append(contentsOf: #"{"id":"#.utf8)
        JSONString.append(dispute.id, to: &out)
        appendField("thread_id", dispute.threadID, to: &out)
        out.append(contentsOf: #","messages":"#.utf8)
        JSONText.appendArray(dispute.messageIDs, to: &out)
        appendField("from", dispute.from, to: &out)
        appendField("date", dispute.date, to: &out)
        appendField("subject", dispute.subject, to: &out)
        appendField("text", dispute.text, to: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// `,"name":value` with a JSON string or null.
    static func appendField(_ name: String, _ value: String?, to out: inout [UInt8]) {
        out.append(contentsOf: ",\"\(name)\":".utf8)
        if let value { JSONString.append(value, to: &out) } else { out.append(contentsOf: "null".utf8) }
    }

    static func appendJSON(_ message: IntakeMessage, threadID: String, to out: inout [UInt8]) {
        func key(_ name: String, _ value: String?) { appendField(name, value, to: &out) }
        out.append(contentsOf: #"{"id":"#.utf8)
        JSONString.append(message.id, to: &out)
        key("file", message.file)
        out.append(contentsOf: #","index":"#.utf8)
        JSONText.appendInteger(message.index, to: &out)
        key("message_id", message.messageID)
        key("thread_id", threadID)
        key("from", message.from)
        key("date", message.date)
        key("subject", message.subject)
        key("body", message.body)
        key("body_type", message.bodyType)
        key("text", message.text)
        out.append(contentsOf: #","removed":["#.utf8)
        for (index, removal) in message.removals.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"kind":"#.utf8)
            JSONString.append(removal.kind.rawValue, to: &out)
            out.append(contentsOf: #","characters":"#.utf8)
            JSONText.appendInteger(removal.characters, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: #"],"attachments":["#.utf8)
        for (index, attachment) in message.attachments.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"name":"#.utf8)
            JSONString.append(attachment.name, to: &out)
            out.append(contentsOf: #","type":"#.utf8)
            JSONString.append(attachment.type, to: &out)
            out.append(contentsOf: #","size":"#.utf8)
            JSONText.appendInteger(attachment.size, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: "]}".utf8)
    }
}
