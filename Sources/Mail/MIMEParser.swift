/// Parses one RFC 5322 message into its MIME tree (RFC 2045–2046), within ``MailLimits``.
///
/// It reads like Python's `email` package (the reference the tests compare against): lenient
/// where real mail is broken (a header block without its blank line, a missing close boundary,
/// a malformed Content-Type read as text/plain), strict only on the limits, each a typed error.
/// One pass over the bytes finds the header blocks and boundary lines; bodies stay slices of the
/// input and are decoded only when asked for (``MIMEPart/text(limit:)``).
///
/// ```swift
/// let root = try MIMEParser().parse(Array(rawMessage.utf8))
/// root.headers["Subject"]
/// ```
package struct MIMEParser: Sendable {
    package var limits: MailLimits

    package init(limits: MailLimits = MailLimits()) {
        self.limits = limits
    }

    /// Parses a whole message.
    /// - Throws: ``MailError`` when a limit is exceeded.
    package func parse(_ bytes: [UInt8]) throws(MailError) -> MIMEPart {
        guard bytes.count <= limits.maxMessageBytes else { throw .messageTooLarge(limit: limits.maxMessageBytes) }
        var partCount = 0
        return try parseEntity(bytes[...], depth: 0, fallback: .textPlain, partCount: &partCount)
    }

    private func parseEntity(
        _ bytes: ArraySlice<UInt8>, depth: Int, fallback: ContentType,
        partCount: inout Int
    ) throws(MailError) -> MIMEPart {
        partCount += 1
        guard partCount <= limits.maxParts else { throw .tooManyParts(limit: limits.maxParts) }
        guard depth <= limits.maxDepth else { throw .nestingTooDeep(limit: limits.maxDepth) }
        let (headers, bodyStart) = try HeaderBlock.parse(bytes, maxBytes: limits.maxHeaderBytes)
        let contentType = ContentType(header: headers.unfolded("content-type"), fallback: fallback)
        let body = bytes[bodyStart...]
        var parts: [MIMEPart] = []
        if contentType.isMultipart, let boundary = contentType.boundary, !boundary.isEmpty,
            let ranges = MultipartSplitter.split(body, boundary: Array(boundary.utf8))
        {
            let childFallback = contentType.subtype == "digest" ? ContentType.messageRFC822 : .textPlain
            parts.reserveCapacity(ranges.count)
            for range in ranges {
                parts.append(
                    try parseEntity(body[range], depth: depth + 1, fallback: childFallback, partCount: &partCount))
            }
        } else if contentType.isEnclosedMessage {
            parts.append(try parseEntity(body, depth: depth + 1, fallback: .textPlain, partCount: &partCount))
        }
        return MIMEPart(headers: headers, contentType: contentType, rawBody: body, parts: parts)
    }
}
