/// The header block at the start of a message or part (RFC 5322 §2.2), read like Python's
/// feed parser: a field is `name:` with a name of printable ASCII other than the colon; lines
/// starting with a blank continue the previous field; a leading mbox `From ` line is skipped;
/// a blank line ends the block; any other line ends it too and starts the body.
enum HeaderBlock {
    /// The fields and the index where the body starts.
    /// - Throws: ``MailError/headerTooLarge(limit:)``.
    static func parse(_ bytes: ArraySlice<UInt8>, maxBytes: Int) throws(MailError) -> (MessageHeaders, Int) {
        var headers = MessageHeaders()
        var pending: (name: Range<Int>, valueStart: Int)? = nil
        var lineStart = bytes.startIndex
        var bodyStart = bytes.endIndex
        func finishField(at end: Int) {
            if let field = pending { headers.append(name: bytes[field.name], rawValue: bytes[field.valueStart..<end]) }
            pending = nil
        }
        while lineStart < bytes.endIndex {
            if lineStart - bytes.startIndex > maxBytes { throw .headerTooLarge(limit: maxBytes) }
            let (contentEnd, next) = Lines.end(of: bytes, from: lineStart)
            if contentEnd == lineStart {  // blank line: the body follows it
                finishField(at: lineStart)
                bodyStart = next
                break
            }
            let byte = bytes[lineStart]
            if byte == 0x20 || byte == 0x09 {
                // A continuation; one before any field is dropped (Python records a defect).
                lineStart = next
                continue
            }
            if Lines.hasPrefix(bytes, at: lineStart, end: contentEnd, "From ".utf8) {
                // The mbox envelope line, or a misplaced one: not a field.
                finishField(at: lineStart)
                lineStart = next
                continue
            }
            guard let colon = fieldNameEnd(bytes, from: lineStart, to: contentEnd) else {
                finishField(at: lineStart)
                bodyStart = lineStart
                break
            }
            finishField(at: lineStart)
            pending = (lineStart..<colon, colon + 1)
            lineStart = next
        }
        if lineStart >= bytes.endIndex { finishField(at: bytes.endIndex); bodyStart = bytes.endIndex }
        if bodyStart - bytes.startIndex > maxBytes + 2 { throw .headerTooLarge(limit: maxBytes) }
        return (headers, bodyStart)
    }

    /// The index of the colon ending a field name at `start`, or nil when the line is not a field.
    private static func fieldNameEnd(_ bytes: ArraySlice<UInt8>, from start: Int, to end: Int) -> Int? {
        var i = start
        while i < end {
            let byte = bytes[i]
            if byte == UInt8(ascii: ":") { return i }
            guard byte >= 0x21 && byte <= 0x7E else { return nil }
            i += 1
        }
        return nil
    }
}

/// Line scanning over raw message bytes (LF or CR LF line ends).
enum Lines {
    /// For the line starting at `start`: the end of its content (before CR LF / LF) and the start
    /// of the next line.
    @inline(__always)
    static func end(of bytes: ArraySlice<UInt8>, from start: Int) -> (contentEnd: Int, next: Int) {
        guard let lf = bytes[start...].firstIndex(of: 0x0A) else { return (bytes.endIndex, bytes.endIndex) }
        let contentEnd = lf > start && bytes[lf - 1] == 0x0D ? lf - 1 : lf
        return (contentEnd, lf + 1)
    }

    @inline(__always)
    static func hasPrefix<Prefix: Collection<UInt8>>(
        _ bytes: ArraySlice<UInt8>, at start: Int, end: Int, _ prefix: Prefix
    ) -> Bool {
        guard end - start >= prefix.count else { return false }
        var i = start
        for byte in prefix {
            if bytes[i] != byte { return false }
            i += 1
        }
        return true
    }
}
