import SystemSupport

/// Reads an mbox file one message at a time (constant memory beyond the message being read).
/// A message starts at each line beginning with `From ` (as Python's `mailbox.mbox` splits);
/// `>From ` escapes (mboxrd) are undone and the blank line closing each message is dropped.
package final class MailboxReader {
    package let path: String
    package let limits: MailLimits
    private let stream: ByteStream
    private var line: [UInt8] = []
    private var lookahead: Bool = false  // `line` holds the next message's `From ` line
    private var nextIndex = 0
    private var finished = false

    /// - Throws: ``MailError/unreadable(path:reason:)``.
    package init(path: String, limits: MailLimits = MailLimits()) throws(MailError) {
        self.path = path
        self.limits = limits
        do {
            stream = try ByteStream(path: path)
        } catch {
            throw .unreadable(path: path, reason: SystemError.message(for: error.code))
        }
    }

    /// The next message, or nil at the end.
    /// - Throws: ``MailInputError`` (``MailError/messageTooLarge(limit:)``) for a message over the
    ///   limit; the reader then skips it, so the next call reads the message after it.
    package func next() throws(MailInputError) -> RawMail? {
        guard !finished else { return nil }
        var message: [UInt8] = []
        var tooLarge = false
        let index = nextIndex
        // Find the first `From ` line (text before it, normally none, is not a message).
        if !lookahead {
            while true {
                guard stream.readLine(into: &line, maxBytes: limits.maxMessageBytes) else {
                    finished = true; return nil
                }
                if isSeparator(line) { break }
            }
        }
        lookahead = false
        while stream.readLine(into: &line, maxBytes: limits.maxMessageBytes) {
            if isSeparator(line) { lookahead = true; break }
            if tooLarge { continue }
            if message.count + line.count + 1 > limits.maxMessageBytes {
                tooLarge = true
                message = []
                continue
            }
            appendUnescaped(line, to: &message)
        }
        if !lookahead { finished = true }
        nextIndex += 1
        if tooLarge {
            throw MailInputError(file: path, index: index, error: .messageTooLarge(limit: limits.maxMessageBytes))
        }
        // The blank line before the next `From ` belongs to the mbox format, not the message.
        if message.count >= 2 && message[message.count - 1] == 0x0A && message[message.count - 2] == 0x0A {
            message.removeLast()
        }
        return RawMail(file: path, index: index, inMailbox: true, bytes: message)
    }

    private func isSeparator(_ line: [UInt8]) -> Bool {
        line.count >= 5 && line[0] == UInt8(ascii: "F") && line[1] == UInt8(ascii: "r") && line[2] == UInt8(ascii: "o")
            && line[3] == UInt8(ascii: "m") && line[4] == UInt8(ascii: " ")
    }

    /// Appends the line and its LF, undoing one level of `>From ` quoting.
    private func appendUnescaped(_ line: [UInt8], to message: inout [UInt8]) {
        var start = 0
        if line.first == UInt8(ascii: ">") {
            var i = 0
            while i < line.count, line[i] == UInt8(ascii: ">") { i += 1 }
            if line.count - i >= 5, line[i...].starts(with: "From ".utf8) { start = 1 }
        }
        message.append(contentsOf: line[start...])
        message.append(0x0A)
    }
}
