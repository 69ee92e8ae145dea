/// One node of a parsed message: the message itself, a part of a multipart, or an enclosed
/// (forwarded) message. Bodies are kept raw, as slices of the message's bytes, and decoded only
/// when asked for, so parsing a message costs a scan of its bytes and no copies.
package struct MIMEPart: Sendable {
    package let headers: MessageHeaders
    package let contentType: ContentType
    /// The body as it is in the message: transfer-encoded, not yet decoded.
    package let rawBody: ArraySlice<UInt8>
    /// The parts of a multipart; for message/rfc822, one element: the enclosed message.
    package let parts: [MIMEPart]
    /// `Content-Transfer-Encoding`, lower-cased (`7bit` when absent).
    package let transferEncoding: String
    /// `Content-Disposition` with its parameters, when present.
    package let disposition: HeaderParameters?

    /// The header fields that decide how the body is read are parsed once, here.
    init(headers: MessageHeaders, contentType: ContentType, rawBody: ArraySlice<UInt8>, parts: [MIMEPart]) {
        self.headers = headers
        self.contentType = contentType
        self.rawBody = rawBody
        self.parts = parts
        transferEncoding =
            headers.unfolded("content-transfer-encoding").map { String($0.trimmingWhitespace()).asciiLowercased() }
            ?? "7bit"
        disposition = headers.unfolded("content-disposition").map(HeaderParameters.init)
    }

    /// True when Content-Disposition says `attachment` (the test mail readers use).
    package var isAttachment: Bool { disposition?.value == "attachment" }

    /// The file name: Content-Disposition's `filename`, else Content-Type's `name`.
    package var fileName: String? { disposition?.parameters["filename"] ?? contentType.parameters["name"] }

    /// The body with its transfer encoding undone (quoted-printable, base64; others as they are).
    /// - Throws: ``MailError/decodedTooLarge(limit:)``.
    package func decodedBody(limit: Int = MailLimits().maxDecodedBytes) throws(MailError) -> [UInt8] {
        var out: [UInt8] = []
        switch transferEncoding {
        case "quoted-printable":
            try QuotedPrintable.decode(rawBody, limit: limit, into: &out)
        case "base64":
            try Base64.decode(rawBody, limit: limit, into: &out)
        default:
            guard rawBody.count <= limit else { throw .decodedTooLarge(limit: limit) }
            out.append(contentsOf: rawBody)
        }
        return out
    }

    /// Size of the decoded body, computed without decoding base64.
    package var decodedSize: Int {
        switch transferEncoding {
        case "base64": Base64.decodedCount(rawBody)
        case "quoted-printable": (try? decodedBody(limit: .max).count) ?? rawBody.count
        default: rawBody.count
        }
    }

    /// The body as text: decoded, then read in the part's charset (invalid bytes become U+FFFD).
    package func text(limit: Int = MailLimits().maxDecodedBytes) throws(MailError) -> String {
        Charset.named(contentType.charset).decode(try decodedBody(limit: limit))
    }

    /// This part and every part below it, depth first, in message order.
    package func forEachPart(_ body: (MIMEPart) throws -> Void) rethrows {
        try body(self)
        for part in parts { try part.forEachPart(body) }
    }
}
