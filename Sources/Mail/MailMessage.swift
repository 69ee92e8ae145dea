/// A parsed e-mail: its MIME tree plus the header fields and body that triage needs.
///
/// ```swift
/// let message = try MailMessage(parsing: bytes)
/// message.subject; message.fromAddress; try message.body()?.text
/// ```
public struct MailMessage: Sendable {
    /// The whole message as a MIME tree.
    package let root: MIMEPart
    package let limits: MailLimits

    /// Parses `bytes` (one message, CR LF or LF line ends).
    /// - Throws: ``MailError`` when a limit is exceeded.
    public init(parsing bytes: [UInt8], limits: MailLimits = MailLimits()) throws(MailError) {
        root = try MIMEParser(limits: limits).parse(bytes)
        self.limits = limits
    }

    init(root: MIMEPart, limits: MailLimits) {
        self.root = root
        self.limits = limits
    }

    package var headers: MessageHeaders { root.headers }
    /// The Subject field, unfolded, RFC 2047 encoded words decoded.
    public var subject: String? { headers["subject"] }
    /// The From field, decoded (`Jane Doe <jane@acme.example>`).
    public var from: String? { headers["from"] }
    /// The Date field as written.
    public var date: String? { headers["date"] }
    /// The Date header as seconds since 1970 (UTC), when it parses.
    package var timestamp: Int64? { date.flatMap(MailDate.secondsSince1970) }
    /// The sender's address, lower-cased (`billing@acme.example`).
    package var fromAddress: String? { from.flatMap(MailAddress.firstAddress) }
    /// Message-ID without its angle brackets.
    public var messageID: String? { headers.unfolded("message-id").flatMap { MessageIDs.parse($0).first } }
    package var inReplyTo: [String] { headers.unfolded("in-reply-to").map(MessageIDs.parse) ?? [] }
    package var references: [String] { headers.unfolded("references").map(MessageIDs.parse) ?? [] }

    /// The part holding the body, chosen like Python's `get_body(preferencelist=("plain", "html"))`:
    /// text/plain before text/html, attachments skipped, multipart/related entered at its start part.
    package var bodyPart: MIMEPart? { BodyFinder.body(of: root) }

    /// The decoded body, or nil when the message has no text body of its own.
    /// - Throws: ``MailError/decodedTooLarge(limit:)``.
    public func body() throws(MailError) -> MailBody? {
        guard let part = bodyPart else { return nil }
        return MailBody(content: try part.text(limit: limits.maxDecodedBytes), mimeType: part.contentType.mimeType)
    }

    /// The messages enclosed in this one (message/rfc822 parts: forwarded as attachments), in order,
    /// not looking inside them.
    package var enclosedMessages: [MailMessage] {
        var found: [MailMessage] = []
        func visit(_ part: MIMEPart) {
            if part.contentType.isEnclosedMessage, let inner = part.parts.first {
                found.append(MailMessage(root: inner, limits: limits))
                return
            }
            part.parts.forEach(visit)
        }
        root.parts.forEach(visit)
        return found
    }

    /// Attachments: parts marked as such, non-text leaves (images, documents) and enclosed
    /// messages — not the body nor its alternatives.
    package var attachments: [MailAttachment] {
        var found: [MailAttachment] = []
        func visit(_ part: MIMEPart, isRoot: Bool) {
            let type = part.contentType
            if type.isEnclosedMessage && !isRoot {
                let inner = part.parts.first
                let name = part.fileName ?? inner.flatMap { $0.headers["subject"] }.map { "\($0).eml" } ?? ""
                found.append(MailAttachment(name: name, type: type.mimeType, size: part.rawBody.count))
                return
            }
            if type.isMultipart && !part.parts.isEmpty {
                for child in part.parts { visit(child, isRoot: false) }
                return
            }
            guard !isRoot, part.isAttachment || type.type != "text" else { return }
            found.append(MailAttachment(name: part.fileName ?? "", type: type.mimeType, size: part.decodedSize))
        }
        visit(root, isRoot: true)
        return found
    }
}

/// A message's body text.
public struct MailBody: Sendable, Equatable {
    /// The decoded content as in the message (for HTML, the markup).
    public let content: String
    /// `text/plain`, `text/html`, …
    package let mimeType: String

    package var isHTML: Bool { mimeType == "text/html" }
    /// The text to read: the content, or for HTML its text (block elements as line breaks,
    /// entities decoded, scripts and styles dropped).
    public var text: String { isHTML ? HTMLText.convert(content) : content }
}

/// A file attached to a message.
package struct MailAttachment: Sendable, Equatable {
    package let name: String
    package let type: String
    /// Decoded size in bytes.
    package let size: Int
}
