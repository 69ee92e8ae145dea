/// Why a message or a mail source could not be read. Limits are checked while parsing, so an
/// oversized or hostile message stops with one of these instead of using unbounded memory or time.
public enum MailError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message is larger than `maxMessageBytes` (``MailLimits``).
    case messageTooLarge(limit: Int)
    /// A header block (of the message or of one MIME part) is larger than `maxHeaderBytes` (``MailLimits``).
    case headerTooLarge(limit: Int)
    /// The message has more MIME parts than `maxParts` (``MailLimits``).
    case tooManyParts(limit: Int)
    /// Multiparts and enclosed messages are nested deeper than `maxDepth` (``MailLimits``).
    case nestingTooDeep(limit: Int)
    /// Decoding the body would produce more than `maxDecodedBytes` (``MailLimits``).
    case decodedTooLarge(limit: Int)
    /// A file or folder could not be read.
    case unreadable(path: String, reason: String)

    /// A short reason, naming the limit or path.
    public var description: String {
        switch self {
        case .messageTooLarge(let limit): "message larger than \(limit) bytes"
        case .headerTooLarge(let limit): "header block larger than \(limit) bytes"
        case .tooManyParts(let limit): "more than \(limit) MIME parts"
        case .nestingTooDeep(let limit): "MIME parts nested deeper than \(limit) levels"
        case .decodedTooLarge(let limit): "decoded body larger than \(limit) bytes"
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        }
    }
}

/// A ``MailError`` with the message it happened in: the file and, in an mbox, the message's
/// 0-based position.
public struct MailInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file the message was read from.
    public let file: String
    /// The message's 0-based position in an mbox; 0 for a single-message file.
    public let index: Int
    /// What went wrong.
    public let error: MailError

    package init(file: String, index: Int, error: MailError) {
        self.file = file
        self.index = index
        self.error = error
    }

    /// A short reason, naming the limit or path.
    /// `file: message N: reason`.
    public var description: String { "\(file): message \(index): \(error)" }
}
