/// A body as lines, each either kept or removed, so the cleaning steps can mark what they take
/// out and the removed amount is counted per kind.
struct BodyLines {
    let lines: [Substring]
    private(set) var kept: [Bool]
    private(set) var removals: [Removal] = []

    init(_ text: String) {
        // CR LF and lone CR become LF first, so every step sees one kind of line end.
        let normalised = text.utf8.contains(0x0D) ? text.replacingCRLF() : text
        // Split on UTF-8 bytes: splitting the String would break it into grapheme clusters first.
        lines = normalised.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { normalised[$0.startIndex..<$0.endIndex] }
        kept = Array(repeating: true, count: lines.count)
    }

    var count: Int { lines.count }

    /// Removes lines `range` (those still kept), recording them as `kind`.
    mutating func remove(_ range: Range<Int>, as kind: Removal.Kind) {
        var characters = 0
        for index in range where kept[index] {
            kept[index] = false
            characters += lines[index].unicodeScalars.count + 1
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
