/// A body as lines, each either kept or removed, so the cleaning steps can mark what they take
/// out and the removed amount is counted per kind.
struct BodyLines {
    let lines: [Substring]
    private(set) var kept: [Bool]
    private(set) var removals: [Removal] = []

    init(_ text: String) {
        // CR LF and lone CR become LF first, so every step sees one kind of line end.
        var normalised = text
        let hasCR = normalised.withUTF8 { $0.contains(0x0D) }
        if hasCR { normalised = normalised.replacingCRLF() }
        // Split on UTF-8 bytes (splitting the String would break it into grapheme clusters first),
        // found in the contiguous buffer; a line is the Substring between two offsets.
        let breaks = normalised.withUTF8 { bytes in bytes.indices.filter { bytes[$0] == 0x0A } }
        let utf8 = normalised.utf8
        var lines: [Substring] = []
        lines.reserveCapacity(breaks.count + 1)
        var start = utf8.startIndex
        for offset in breaks + [utf8.count] {
            let end = utf8.index(utf8.startIndex, offsetBy: offset)
            lines.append(normalised[start..<end])
            if end < utf8.endIndex { start = utf8.index(after: end) }
        }
        self.lines = lines
        kept = Array(repeating: true, count: lines.count)
    }

    var count: Int { lines.count }

    /// Removes lines `range` (those still kept), recording them as `kind`.
    mutating func remove(_ range: Range<Int>, as kind: Removal.Kind) {
        var characters = 0
        for index in range where kept[index] {
            kept[index] = false
            // Unicode scalars counted on the bytes: every byte but a continuation byte starts one.
            let line = lines[index]
            characters +=
                1
                + (line.utf8.withContiguousStorageIfAvailable { $0.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } }
                    ?? line.unicodeScalars.count)
        }
        guard characters > 0 else { return }
        if let last = removals.last, last.kind == kind {
            removals[removals.count - 1] = Removal(kind: kind, characters: last.characters + characters)
        } else {
            removals.append(Removal(kind: kind, characters: characters))
        }
    }

    /// Indices of kept lines that are not blank, in order.
    func keptNonBlank(in range: Range<Int>? = nil) -> [Int] {
        (range ?? 0..<count).filter { kept[$0] && !lines[$0].isBlank }
    }

    /// The kept lines joined, runs of blank lines collapsed to one, outer blank lines dropped,
    /// trailing blanks of each line trimmed.
    func text() -> String {
        var out = ""
        var blankRun = 0
        var started = false
        for index in 0..<count where kept[index] {
            let line = lines[index].droppingTrailingBlanks()
            if line.isEmpty {
                blankRun += 1
                continue
            }
            if started { out += blankRun > 0 ? "\n\n" : "\n" }
            out += line
            started = true
            blankRun = 0
        }
        return out
    }
}
