/// Finds the parts of a multipart body (RFC 2046 §5.1.1): the lines `--boundary` (optionally
/// followed by `--` for the last one, then blanks) delimit them; the line break before a
/// boundary line belongs to the boundary; the preamble and epilogue are dropped. Without a
/// close boundary the last part runs to the end of the body.
enum MultipartSplitter {
    /// The ranges of the parts in `body`, or nil when no boundary line is found (the body is then
    /// not a multipart at all, as in Python's parser).
    static func split(_ body: ArraySlice<UInt8>, boundary: [UInt8]) -> [Range<Int>]? {
        var ranges: [Range<Int>] = []
        var partStart: Int? = nil
        var lineStart = body.startIndex
        var previousLineBreakStart = body.startIndex  // where the line break before this line begins
        while lineStart < body.endIndex {
            let (contentEnd, next) = Lines.end(of: body, from: lineStart)
            if contentEnd - lineStart >= boundary.count + 2, body[lineStart] == UInt8(ascii: "-"),
                body[lineStart + 1] == UInt8(ascii: "-"),
                let isClose = match(body, from: lineStart + 2, to: contentEnd, boundary: boundary)
            {
                if let start = partStart {
                    ranges.append(start..<max(start, previousLineBreakStart))
                }
                if isClose { return ranges }
                partStart = next
            }
            previousLineBreakStart = contentEnd
            lineStart = next
        }
        guard let start = partStart else { return nil }
        ranges.append(start..<body.endIndex)
        return ranges
    }

    /// Whether `body[from..<to]` is `boundary`, optionally `--`, then blanks: nil if not, else
    /// whether it is the close delimiter.
    @inline(__always)
    private static func match(_ body: ArraySlice<UInt8>, from: Int, to: Int, boundary: [UInt8]) -> Bool? {
        var i = from
        for byte in boundary {
            guard i < to, body[i] == byte else { return nil }
            i += 1
        }
        var isClose = false
        if i + 2 <= to, body[i] == UInt8(ascii: "-"), body[i + 1] == UInt8(ascii: "-") {
            isClose = true
            i += 2
        }
        while i < to {
            guard body[i] == 0x20 || body[i] == 0x09 else { return nil }
            i += 1
        }
        return isClose
    }
}
