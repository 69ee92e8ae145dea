/// Quoted-printable decoding (RFC 2045 §6.7 for bodies, RFC 2047 "Q" for encoded words).
/// Lenient like mail readers: an `=` not followed by two hex digits or a line break is kept as is.
enum QuotedPrintable {
    /// Decodes `input`, appending to `out`. `underscoreIsSpace` selects the RFC 2047 "Q" form.
    /// - Throws: ``MailError/decodedTooLarge(limit:)`` when `out` ends up longer than `limit` bytes
    ///   (the output is never longer than the input, so checking once at the end bounds memory).
    static func decode<Bytes: RandomAccessCollection<UInt8>>(
        _ input: Bytes, underscoreIsSpace: Bool = false,
        limit: Int = .max, into out: inout [UInt8]
    ) throws(MailError)
    where Bytes.Index == Int {
        out.reserveCapacity(out.count + input.count)
        var i = input.startIndex
        let end = input.endIndex
        while i < end {
            let byte = input[i]
            if byte == UInt8(ascii: "=") {
                // Soft line break: "=", optional trailing blanks, then LF, CR LF or the end.
                var j = i + 1
                while j < end, input[j] == 0x20 || input[j] == 0x09 { j += 1 }
                if j == end { i = end; continue }
                if input[j] == 0x0A { i = j + 1; continue }
                if input[j] == 0x0D, j + 1 < end, input[j + 1] == 0x0A { i = j + 2; continue }
                if i + 2 < end, let high = hexValue(input[i + 1]), let low = hexValue(input[i + 2]) {
                    out.append(high << 4 | low)
                    i += 3
                    continue
                }
                out.append(byte)
            } else if underscoreIsSpace && byte == UInt8(ascii: "_") {
                out.append(0x20)
            } else {
                out.append(byte)
            }
            i += 1
        }
        if out.count > limit { throw .decodedTooLarge(limit: limit) }
    }

    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
