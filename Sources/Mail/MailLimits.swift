/// Bounds on what one message may cost to parse. Each one exceeded stops parsing with its own
/// ``MailError``; the defaults are far above real mail (Outlook caps messages at 150 MB with
/// attachments; a message's text is rarely above a few hundred kB).
public struct MailLimits: Sendable, Equatable {
    /// Raw bytes of one message (an mbox is read one message at a time, so this bounds memory).
    package var maxMessageBytes = 64 << 20
    /// Bytes of one header block (the message's or one part's).
    package var maxHeaderBytes = 256 << 10
    /// MIME parts in one message, enclosed messages included.
    package var maxParts = 2_000
    /// Nesting of multiparts and enclosed messages.
    package var maxDepth = 32
    /// Bytes produced by decoding the text that is extracted from one message.
    package var maxDecodedBytes = 16 << 20

    /// Limits with the defaults above, or the ones given.
    public init(
        maxMessageBytes: Int = 64 << 20, maxHeaderBytes: Int = 256 << 10, maxParts: Int = 2_000,
        maxDepth: Int = 32, maxDecodedBytes: Int = 16 << 20
    ) {
        self.maxMessageBytes = maxMessageBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxParts = maxParts
        self.maxDepth = maxDepth
        self.maxDecodedBytes = maxDecodedBytes
    }
}
