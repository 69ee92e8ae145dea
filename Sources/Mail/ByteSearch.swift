/// ASCII case-insensitive search over UTF-8 text, the cheap test the cleaner runs on every line
/// before building the lower-cased form that its patterns are written for (most lines of a body
/// match no pattern, and lower-casing every line cost most of the cleaning time).
enum ByteSearch {
    /// Calls `body` with the UTF-8 bytes of `text` in contiguous memory.
    @inline(__always)
    static func withBytes<T>(_ text: some StringProtocol, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// Whether `text` contains `needle`, a lower-case UTF-8 string, ignoring ASCII case.
    static func contains(_ text: some StringProtocol, _ needle: StaticString) -> Bool {
        withBytes(text) { bytes in
            needle.withUTF8Buffer { needle in
                guard let first = needle.first, bytes.count >= needle.count else { return needle.isEmpty }
                for start in 0...(bytes.count - needle.count) where lower(bytes[start]) == first {
                    if matches(bytes, at: start, needle) { return true }
                }
                return false
            }
        }
    }

    /// Whether `text` contains any of `needles` (lower-case UTF-8), ignoring ASCII case: one pass,
    /// in which a byte is compared with the needles only when one of them starts with it.
    static func containsAny(_ text: some StringProtocol, _ needles: NeedleSet) -> Bool {
        withBytes(text) { bytes in
            guard bytes.count >= 2 else { return false }
            for start in 0..<(bytes.count - 1)
            where needles.startsPair[Int(lower(bytes[start])) << 8 | Int(lower(bytes[start + 1]))] {
                for needle in needles.byFirstByte[Int(lower(bytes[start]))] {
                    if needle.withUTF8Buffer({ matches(bytes, at: start, $0) }) { return true }
                }
            }
            return false
        }
    }

    /// Needles grouped by their first byte, for ``containsAny(_:_:)``.
    struct NeedleSet: Sendable {
        let byFirstByte: [[StaticString]]
        /// Whether some needle starts with the two bytes (index `first << 8 | second`): most
        /// positions of a line start none, and this flat table answers without touching the
        /// nested arrays.
        let startsPair: [Bool]

        init(_ needles: [StaticString]) {
            var table = [[StaticString]](repeating: [], count: 256)
            var pairs = [Bool](repeating: false, count: 1 << 16)
            for needle in needles {
                needle.withUTF8Buffer {
                    precondition($0.count >= 2, "needles have at least two bytes")
                    table[Int($0[0])].append(needle)
                    pairs[Int($0[0]) << 8 | Int($0[1])] = true
                }
            }
            byFirstByte = table
            startsPair = pairs
        }
    }

    /// Whether `text` (from its first non-blank byte) starts with `prefix`, ignoring ASCII case.
    static func hasPrefix(_ text: some StringProtocol, _ prefix: StaticString) -> Bool {
        withBytes(text) { bytes in
            var start = 0
            while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
            return prefix.withUTF8Buffer { matches(bytes, at: start, $0) }
        }
    }

    /// The last byte that is not a blank, or nil.
    static func lastNonBlank(_ text: Substring) -> UInt8? {
        text.utf8.last { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }
    }

    /// The first byte that is not a blank or `*` (HTML bold marks), or nil.
    static func firstSignificant(_ text: some StringProtocol) -> UInt8? {
        text.utf8.first { $0 != 0x20 && $0 != 0x09 && $0 != UInt8(ascii: "*") }
    }

    /// Whether `text` may hold a combining diacritic (U+0300–U+036F, bytes CC 80–CD AF): only then
    /// can a byte comparison and a String (canonical) comparison disagree on the patterns here.
    static func mayHaveCombiningMarks(_ text: some StringProtocol) -> Bool {
        text.utf8.contains { $0 == 0xCC || $0 == 0xCD }
    }

    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    @inline(__always)
    private static func matches(
        _ bytes: UnsafeBufferPointer<UInt8>, at start: Int, _ needle: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        guard start + needle.count <= bytes.count else { return false }
        for offset in 0..<needle.count where lower(bytes[start + offset]) != needle[offset] { return false }
        return true
    }
}
