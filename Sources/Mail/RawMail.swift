/// One message's bytes as read from a source, with where it came from.
public struct RawMail: Sendable {
    /// The file it was read from (as given, or joined below the given folder).
    package let file: String
    /// Its 0-based position in an mbox; 0 for a single-message file.
    package let index: Int
    /// Whether it came from an mbox (then `index` matters for finding it).
    package let inMailbox: Bool
    /// The message as it is in the file: header block and body, undecoded.
    public let bytes: [UInt8]

    /// A message from elsewhere (an IMAP fetch, a queue): `file` and `index` only name it in errors
    /// and in ``name``.
    public init(file: String, index: Int, inMailbox: Bool, bytes: [UInt8]) {
        self.file = file
        self.index = index
        self.inMailbox = inMailbox
        self.bytes = bytes
    }

    /// A name for it when it has no Message-ID: the file's name, plus `#index` in an mbox.
    public var name: String {
        let base = file.split(separator: "/").last.map(String.init) ?? file
        return inMailbox ? "\(base)#\(index)" : base
    }
}
