/// The character sets mail text is decoded from. Every decode succeeds: a byte that is invalid
/// in the charset becomes U+FFFD. A charset name that is not known here is read as UTF-8, which
/// is right for ASCII text and for the many mislabelled UTF-8 messages.
package enum Charset: Sendable, Equatable {
    case utf8
    case ascii
    /// ISO-8859-1.
    case latin1
    /// ISO-8859-15 (Latin-1 with €, Œ, œ, Š, š, Ž, ž, Ÿ).
    case latin9
    case windows1252

    /// The charset a MIME `charset` parameter names (case-insensitive, common aliases), or nil.
    package init?(name: String) {
        // Every known name is ASCII: a name with other characters is none of them.
        guard name.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        let key = String(
            decoding: name.utf8.filter { $0 != UInt8(ascii: "-") && $0 != UInt8(ascii: "_") && $0 != 0x20 }.map(
                ByteSearch.lower),
            as: UTF8.self)
        switch key {
        case "utf8", "unicode11utf8": self = .utf8
        case "usascii", "ascii", "ansix3.41968", "iso646us", "us", "csascii": self = .ascii
        case "iso88591", "latin1", "l1", "iso885911987", "cp819", "ibm819", "iso8859": self = .latin1
        case "iso885915", "latin9", "l9", "latin0": self = .latin9
        case "windows1252", "cp1252", "xcp1252", "win1252", "mswin1252": self = .windows1252
        default: return nil
        }
    }

    /// The charset for a `charset` parameter, UTF-8 when absent or unknown.
    package static func named(_ name: String?) -> Charset {
        guard let name, let charset = Charset(name: name) else { return .utf8 }
        return charset
    }

    /// Decodes `bytes`; never fails.
    package func decode<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        if self == .utf8 || bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        // Encoded to UTF-8 bytes, then one String: appending scalar by scalar was slower.
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.count + bytes.count / 4)
        for byte in bytes {
            if byte < 0x80 { utf8.append(byte); continue }
            utf8.append(contentsOf: UTF8.encode(scalar(byte))!)
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// The character for one byte of a single-byte charset.
    @inline(__always)
    func scalar(_ byte: UInt8) -> Unicode.Scalar {
        if byte < 0x80 { return Unicode.Scalar(byte) }
        switch self {
        case .utf8, .ascii: return "\u{FFFD}"
        case .latin1: return Unicode.Scalar(byte)
        case .latin9: return Unicode.Scalar(Charset.latin9High(byte))!
        case .windows1252:
            guard byte < 0xA0 else { return Unicode.Scalar(byte) }
            return Unicode.Scalar(Charset.windows1252C1[Int(byte) - 0x80])!
        }
    }

    private static func latin9High(_ byte: UInt8) -> UInt32 {
        switch byte {
        case 0xA4: 0x20AC
        case 0xA6: 0x0160
        case 0xA8: 0x0161
        case 0xB4: 0x017D
        case 0xB8: 0x017E
        case 0xBC: 0x0152
        case 0xBD: 0x0153
        case 0xBE: 0x0178
        default: UInt32(byte)
        }
    }

    /// Windows-1252 0x80–0x9F; the five bytes it leaves undefined decode to U+FFFD.
    private static let windows1252C1: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD,
        0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD,
        0x017E, 0x0178,
    ]
}
