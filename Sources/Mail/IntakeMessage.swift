/// One message read for triage: where it came from, its header fields, its body before and
/// after cleaning, and its attachments. This is what `triage mail` prints, one per message.
///
/// ```swift
/// try MailSource(path: "inbox.mbox").forEachMessage { raw in
///     let message = try IntakeMessage(raw)
///     print(message.id, message.text)
/// }
/// ```
public struct IntakeMessage: Sendable {
    /// Message-ID, else the file name (`inbox.mbox#3` in an mbox).
    public let id: String
    package let file: String
    package let index: Int
    /// The Message-ID without its angle brackets, when the message has one.
    public let messageID: String?
    package let inReplyTo: [String]
    package let references: [String]
    /// The From field, decoded (`Jane Doe <jane@acme.example>`).
    public let from: String?
    /// The sender's address, lower-cased.
    package let fromAddress: String?
    /// The To and Cc fields, unfolded, joined by a comma (``recipientAddresses`` reads them: only
    /// threads need them, so a message does not pay for parsing the lists).
    package let recipients: String
    /// The Date field as written.
    public let date: String?
    package let timestamp: Int64?
    /// The Subject field, decoded.
    public let subject: String?
    /// The decoded body before cleaning (for HTML, the markup), empty when the message has none.
    public let body: String
    /// The body's media type (`text/plain`, `text/html`), nil when there is no body.
    package let bodyType: String?
    /// The cleaned text: the body read as text (HTML converted), with quoted history, notices and
    /// signature removed. A message with no body of its own (a forward as an attachment) gives
    /// the cleaned body of the first message it encloses.
    public let text: String
    package let removals: [Removal]
    package let attachments: [MailAttachment]

    /// Reads `raw`; with `cleaning` off, `text` is the body text as it is (HTML converted).
    /// - Throws: ``MailInputError`` (a limit exceeded), naming the file and position.
    public init(_ raw: RawMail, limits: MailLimits = MailLimits(), cleaning: Bool = true) throws(MailInputError) {
        do {
            let message = try MailMessage(parsing: raw.bytes, limits: limits)
            messageID = message.messageID
            id = messageID ?? raw.name
            file = raw.file
            index = raw.index
            inReplyTo = message.inReplyTo
            references = message.references
            // Each field decoded once (MailMessage's accessors decode on every call).
            from = message.from
            fromAddress = from.flatMap(MailAddress.firstAddress)
            recipients = [message.headers.unfolded("to"), message.headers.unfolded("cc")].compactMap { $0 }.joined(
                separator: ",")
            date = message.date
            timestamp = date.flatMap(MailDate.secondsSince1970)
            subject = message.subject
            let mailBody = try message.body()
            body = mailBody?.content ?? ""
            bodyType = mailBody?.mimeType
            var textBody = mailBody?.text ?? ""
            if mailBody == nil || textBody.isBlank {
                // Forwarded as an attachment: the enclosed message is what was sent.
                for enclosed in message.enclosedMessages {
                    if let inner = try enclosed.body(), !inner.text.isBlank { textBody = inner.text; break }
                }
            }
            if cleaning {
                let cleaned = BodyCleaner().clean(textBody)
                text = cleaned.text
                removals = cleaned.removals
            } else {
                text = BodyLines(textBody).text()
                removals = []
            }
            attachments = message.attachments
        } catch {
            throw MailInputError(file: raw.file, index: raw.index, error: error)
        }
    }

    /// The addresses in To and Cc, lower-cased.
    package var recipientAddresses: [String] { MailAddress.addresses(recipients) }

    /// What threading needs.
    package var threadMember: MailThreads.Member {
        MailThreads.Member(
            messageID: messageID, inReplyTo: inReplyTo, references: references, subject: subject ?? "",
            timestamp: timestamp)
    }
}
