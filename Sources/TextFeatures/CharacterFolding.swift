/// Case and accent folding of single Unicode scalars, without allocation.
///
/// Covers ASCII, Latin-1 Supplement and Latin Extended-A (every letter used in French, and most of
/// Western and Central Europe), Greek and Cyrillic capitals. Other scripts pass through unchanged:
/// `Unicode.Scalar.Properties.lowercaseMapping` would allocate a `String` per letter.
enum CharacterFolding {
    /// The lower-case form of `scalar`, as a scalar value.
    @inline(__always)
    static func lowercase(_ value: UInt32) -> UInt32 {
        if value < 0x80 {
            return (value >= 0x41 && value <= 0x5A) ? value + 0x20 : value
        }
        if value >= 0xC0 && value < 0x180 { return latinLower[Int(value - 0xC0)] }
        if value >= 0x391 && value <= 0x3A9 && value != 0x3A2 { return value + 0x20 }  // Greek
        if value >= 0x410 && value <= 0x42F { return value + 0x20 }  // Cyrillic А–Я
        if value >= 0x400 && value <= 0x40F { return value + 0x50 }  // Cyrillic Ѐ–Џ
        return value
    }

    /// The ASCII letters that replace an accented Latin letter (already lower-cased), or `nil` when
    /// the scalar has no folding. "é" → "e", "œ" → "oe", "ß" → "ss".
    @inline(__always)
    static func accentFold(_ value: UInt32) -> StaticString? {
        guard value >= 0xC0 && value < 0x180 else { return nil }
        let folded = latinFold[Int(value - 0xC0)]
        return folded.utf8CodeUnitCount == 0 ? nil : folded
    }

    /// Whether `value` is a combining diacritical mark (U+0300–U+036F), dropped when folding accents.
    @inline(__always)
    static func isCombiningMark(_ value: UInt32) -> Bool { value >= 0x300 && value <= 0x36F }

    // Generated from Python's `str.lower()` and NFD decomposition for U+00C0…U+017F.
    private static let latinLower: [UInt32] = [
        0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee, 0xef,
        0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xd7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xdf,
        0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee, 0xef,
        0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff,
        0x101, 0x101, 0x103, 0x103, 0x105, 0x105, 0x107, 0x107, 0x109, 0x109, 0x10b, 0x10b, 0x10d, 0x10d, 0x10f, 0x10f,
        0x111, 0x111, 0x113, 0x113, 0x115, 0x115, 0x117, 0x117, 0x119, 0x119, 0x11b, 0x11b, 0x11d, 0x11d, 0x11f, 0x11f,
        0x121, 0x121, 0x123, 0x123, 0x125, 0x125, 0x127, 0x127, 0x129, 0x129, 0x12b, 0x12b, 0x12d, 0x12d, 0x12f, 0x12f,
        0x69, 0x131, 0x133, 0x133, 0x135, 0x135, 0x137, 0x137, 0x138, 0x13a, 0x13a, 0x13c, 0x13c, 0x13e, 0x13e, 0x140,
        0x140, 0x142, 0x142, 0x144, 0x144, 0x146, 0x146, 0x148, 0x148, 0x149, 0x14b, 0x14b, 0x14d, 0x14d, 0x14f, 0x14f,
        0x151, 0x151, 0x153, 0x153, 0x155, 0x155, 0x157, 0x157, 0x159, 0x159, 0x15b, 0x15b, 0x15d, 0x15d, 0x15f, 0x15f,
        0x161, 0x161, 0x163, 0x163, 0x165, 0x165, 0x167, 0x167, 0x169, 0x169, 0x16b, 0x16b, 0x16d, 0x16d, 0x16f, 0x16f,
        0x171, 0x171, 0x173, 0x173, 0x175, 0x175, 0x177, 0x177, 0xff, 0x17a, 0x17a, 0x17c, 0x17c, 0x17e, 0x17e, 0x17f,
    ]

    private static let latinFold: [StaticString] = [
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
        "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
        "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
        "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
        "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
        "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
        "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
        "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
        "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
    ]
}
