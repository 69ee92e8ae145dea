import Foundation
import SystemSupport

/// Recognises mail by content: a file is a message when it starts with header fields, one of
/// them a field every message has (From, Date, Subject, Message-ID, Received, MIME-Version,
/// Content-Type, …); it is an mbox when it is named `.mbox`/`.mbx`/`mbox`/`Inbox` and starts with
/// a `From ` envelope line or header fields. A file of another name that starts with an envelope
/// line is one message (as in many test corpora), whose envelope line the parser skips.
package enum MailSniffer {
    package enum Kind: Sendable, Equatable { case message, mailbox }

    /// Bytes looked at.
    static let prefixBytes = 8192

    private static let typicalFields: Set<String> = [
        "from", "to", "cc", "date", "subject", "message-id", "received", "return-path", "mime-version",
        "content-type", "delivered-to", "reply-to", "sender", "in-reply-to", "references", "x-mailer",
    ]

    /// The kind of mail at `path`, or nil when it is not mail.
    /// - Throws: ``MailError/unreadable(path:reason:)``.
    package static func kind(of path: String) throws -> Kind? {
        guard let handle = fopen(path, "rb") else {
            throw MailError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { fclose(handle) }
        var prefix = [UInt8](repeating: 0, count: prefixBytes)
        let count = prefix.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, handle) }
        prefix.removeSubrange(count...)
        let name = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
        let mailboxName = name.hasSuffix(".mbox") || name.hasSuffix(".mbx") || name == "mbox" || name == "inbox"
        return kind(prefix: prefix, mailboxName: mailboxName)
    }

    static func kind(prefix: [UInt8], mailboxName: Bool) -> Kind? {
        var bytes = prefix[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let startsWithEnvelope = bytes.starts(with: "From ".utf8)
        if startsWithEnvelope, mailboxName { return .mailbox }
        if startsWithEnvelope, let lf = bytes.firstIndex(of: 0x0A) { bytes = bytes[(lf + 1)...] }
        guard looksLikeHeaders(bytes) else { return nil }
        return mailboxName ? .mailbox : .message
    }

    /// The first lines are header fields (continuations allowed) and one is a typical field.
    private static func looksLikeHeaders(_ bytes: ArraySlice<UInt8>) -> Bool {
        var lineStart = bytes.startIndex
        var fields = 0
        var typical = false
        while lineStart < bytes.endIndex, fields < 40 {
            let (contentEnd, next) = Lines.end(of: bytes, from: lineStart)
            if contentEnd == lineStart { break }
            let first = bytes[lineStart]
            if first == 0x20 || first == 0x09 {
                if fields == 0 { return false }
            } else {
                guard let colon = bytes[lineStart..<contentEnd].firstIndex(of: UInt8(ascii: ":")), colon > lineStart,
                    bytes[lineStart..<colon].allSatisfy({ $0 > 0x20 && $0 < 0x7F })
                else {
                    // A truncated prefix may cut the last line; anything else means not headers.
                    if next >= bytes.endIndex && fields > 0 { break }
                    return false
                }
                fields += 1
                let name = String(decoding: bytes[lineStart..<colon], as: UTF8.self).lowercased()
                if typicalFields.contains(name) { typical = true }
            }
            lineStart = next
        }
        return fields > 0 && typical
    }
}
