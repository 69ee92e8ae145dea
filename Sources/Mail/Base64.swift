/// Base64 decoding (RFC 2045 §6.8), lenient like mail readers: characters outside the alphabet
/// (line breaks, stray punctuation) are skipped and missing padding is tolerated.
enum Base64 {
    /// Decodes `input`, appending to `out`.
    /// - Throws: ``MailError/decodedTooLarge(limit:)`` when `out` would exceed `limit` bytes.
    static func decode<Bytes: Sequence<UInt8>>(_ input: Bytes, limit: Int = .max, into out: inout [UInt8])
        throws(MailError)
    {
        out.reserveCapacity(out.count + input.underestimatedCount / 4 * 3)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in input {
            let value = table[Int(byte)]
            if value == 0xFF { continue }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                if out.count >= limit { throw .decodedTooLarge(limit: limit) }
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
    }

    /// The number of bytes `input` decodes to, without decoding it.
    static func decodedCount<Bytes: Sequence<UInt8>>(_ input: Bytes) -> Int {
        var symbols = 0
        for byte in input where table[Int(byte)] != 0xFF { symbols += 1 }
        return symbols * 6 / 8
    }

    /// Alphabet value of each byte; 0xFF for everything else ("=" included).
    private static let table: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(byte)] = UInt8(value)
        }
        return table
    }()
}
