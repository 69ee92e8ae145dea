/// HTML character references: the named entities mail clients emit (HTML 4's set: Latin-1,
/// typographic punctuation, €) and numeric ones, decoded as browsers do (`&#128;`–`&#159;`
/// read as Windows-1252, invalid code points as U+FFFD).
enum HTMLEntities {
    /// Longest entity name in ``named``; a longer run after `&` is not looked up.
    static let maxNameLength = 8

    /// Decodes the reference starting at `bytes[start]` (`&`): the scalar and the index after it,
    /// or nil when it is not a reference (the `&` is then text).
    static func decode(_ bytes: [UInt8], at start: Int) -> (Unicode.Scalar, Int)? {
        var i = start + 1
        guard i < bytes.count else { return nil }
        if bytes[i] == UInt8(ascii: "#") {
            i += 1
            var hex = false
            if i < bytes.count, bytes[i] | 0x20 == UInt8(ascii: "x") { hex = true; i += 1 }
            var value: UInt32 = 0
            let digitsStart = i
            while i < bytes.count, i - digitsStart < 8 {
                let byte = bytes[i]
                if let digit = QuotedPrintable.hexValue(byte), hex || byte <= UInt8(ascii: "9") {
                    value = value * (hex ? 16 : 10) + UInt32(digit)
                    i += 1
                } else {
                    break
                }
            }
            guard i > digitsStart else { return nil }
            if i < bytes.count, bytes[i] == UInt8(ascii: ";") { i += 1 }
            return (numeric(value), i)
        }
        let nameStart = i
        while i < bytes.count, i - nameStart <= maxNameLength, isAlphanumeric(bytes[i]) { i += 1 }
        guard i > nameStart, i - nameStart <= maxNameLength else { return nil }
        let name = String(decoding: bytes[nameStart..<i], as: UTF8.self)
        guard let value = named[name] else { return nil }
        if i < bytes.count, bytes[i] == UInt8(ascii: ";") { i += 1 }
        return (Unicode.Scalar(value)!, i)
    }

    private static func numeric(_ value: UInt32) -> Unicode.Scalar {
        if value >= 0x80 && value < 0xA0 { return Charset.windows1252.scalar(UInt8(value)) }
        guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
        return scalar
    }

    @inline(__always)
    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    static let named: [String: UInt32] = {
        var table: [String: UInt32] = [
            "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27,
            "OElig": 338, "oelig": 339, "Scaron": 352, "scaron": 353, "Yuml": 376, "fnof": 402, "circ": 710,
            "tilde": 732,
            "ensp": 8194, "emsp": 8195, "thinsp": 8201, "zwnj": 8204, "zwj": 8205, "lrm": 8206, "rlm": 8207,
            "ndash": 8211, "mdash": 8212, "lsquo": 8216, "rsquo": 8217, "sbquo": 8218, "ldquo": 8220, "rdquo": 8221,
            "bdquo": 8222, "dagger": 8224, "Dagger": 8225, "bull": 8226, "hellip": 8230, "permil": 8240, "prime": 8242,
            "lsaquo": 8249, "rsaquo": 8250, "euro": 8364, "trade": 8482, "larr": 8592, "rarr": 8594, "minus": 8722,
        ]
        // U+00A0…U+00FF in order.
        let latin1 = """
            nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr \
            deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest \
            Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml \
            ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig \
            agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml \
            eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml
            """
        for (offset, name) in latin1.split(separator: " ").enumerated() { table[String(name)] = 0xA0 + UInt32(offset) }
        return table
    }()
}
