/// Reduces a message body to what its sender wrote in this message: quoted history, `>` lines,
/// forwarded messages (kept when the forwarding note says nothing), confidentiality notices and
/// signatures are removed, each removal recorded (``Removal``).
///
/// The steps run in this order, each on what the previous ones kept:
/// 1. the first reply or forward marker (``QuoteMarkers``) cuts off everything below it, except
///    that an attribution followed by `>` lines only removes itself (bottom-posting keeps the
///    reply text below the quote), and a forward whose note has fewer than
///    ``minimumNoteWords`` words keeps the forwarded text (only its header block goes);
/// 2. lines starting with `>`;
/// 3. notice paragraphs (``Disclaimers``) and a heading standing just above one;
/// 4. the signature (``Signatures``): from a `-- ` line, mobile footers, or from a closing line
///    followed by at most a short contact block.
///
/// ```swift
/// let cleaned = BodyCleaner().clean(body)
/// cleaned.text; cleaned.removals   // [Removal(kind: .quotedHistory, characters: 812), …]
/// ```
package struct BodyCleaner: Sendable {
    /// A forwarding note shorter than this (in words) is not the message: the forwarded text is kept.
    package static let minimumNoteWords = 6

    package init() {}

    package func clean(_ body: String) -> CleanedBody {
        var lines = BodyLines(body)
        removeHistory(&lines)
        removeQuotedLines(&lines)
        removeDisclaimers(&lines)
        removeSignature(&lines)
        return CleanedBody(text: lines.text(), removals: lines.removals)
    }

    /// Step 1. Looks for markers in kept lines; a kept forward restarts the search below its header.
    private func removeHistory(_ lines: inout BodyLines) {
        var index = 0
        while index < lines.count {
            guard lines.kept[index], let marker = QuoteMarkers.marker(at: index, in: lines) else {
                index += 1; continue
            }
            switch marker {
            case .attribution(let length):
                var next = index + length
                while next < lines.count, lines.lines[next].isBlank { next += 1 }
                if next < lines.count, lines.lines[next].trimmingWhitespace().hasPrefix(">") {
                    lines.remove(index..<index + length, as: .quotedLines)
                    index = next
                } else {
                    lines.remove(index..<lines.count, as: .quotedHistory)
                    return
                }
            case .replyHeader:
                lines.remove(index..<lines.count, as: .quotedHistory)
                return
            case .forwardHeader(let length):
                if wordCount(lines, before: index) < Self.minimumNoteWords {
                    lines.remove(index..<index + length, as: .forwardHeader)
                    index += length
                } else {
                    lines.remove(index..<lines.count, as: .forwardedMessage)
                    return
                }
            }
        }
    }

    /// Step 2.
    private func removeQuotedLines(_ lines: inout BodyLines) {
        for index in 0..<lines.count where lines.kept[index] {
            let line = lines.lines[index]
            guard let first = line.utf8.first(where: { $0 != 0x20 && $0 != 0x09 }), first == UInt8(ascii: ">") else {
                continue
            }
            lines.remove(index..<index + 1, as: .quotedLines)
        }
    }

    /// Step 3.
    private func removeDisclaimers(_ lines: inout BodyLines) {
        var start = 0
        var previousParagraph: Range<Int>? = nil
        while start < lines.count {
            while start < lines.count, !lines.kept[start] || lines.lines[start].isBlank { start += 1 }
            guard start < lines.count else { break }
            var end = start
            while end < lines.count, lines.kept[end], !lines.lines[end].isBlank { end += 1 }
            let paragraph = start..<end
            if lines.lines[paragraph].contains(where: Disclaimers.mayBeNotice),
                Disclaimers.isNotice(lines.lines[paragraph].map { $0.cleaningKey }.joined(separator: " "))
            {
                if let previous = previousParagraph, previous.count == 1,
                    Disclaimers.isHeading(lines.lines[previous.lowerBound].cleaningKey)
                {
                    lines.remove(previous, as: .disclaimer)
                }
                lines.remove(paragraph, as: .disclaimer)
            }
            previousParagraph = paragraph
            start = end
        }
    }

    /// Step 4.
    private func removeSignature(_ lines: inout BodyLines) {
        for index in lines.keptNonBlank() {
            let line = lines.lines[index]
            if Signatures.isDelimiter(line) {
                lines.remove(index..<lines.count, as: .signature)
                break
            }
            if Signatures.mayBeMobileFooter(line), Signatures.isMobileFooter(line.cleaningKey) {
                lines.remove(index..<index + 1, as: .signature)
            }
        }
        let remaining = lines.keptNonBlank()
        // The closing is searched among the last lines only, nearest the end first wins last:
        // the earliest closing whose tail is a contact block.
        let window = remaining.suffix(Signatures.maxContactLines + 1)
        for (offset, index) in window.enumerated()
        where Signatures.mayBeClosing(lines.lines[index]) && Signatures.isClosing(lines.lines[index].cleaningKey) {
            let tail = window.dropFirst(offset + 1)
            if Signatures.isContactBlock(tail, in: lines), remaining.first != index {
                lines.remove(index..<lines.count, as: .signature)
                return
            }
        }
    }

    private func wordCount(_ lines: BodyLines, before end: Int) -> Int {
        var words = 0
        for index in 0..<end where lines.kept[index] {
            words += lines.lines[index].split(whereSeparator: { $0 == " " || $0 == "\t" }).count
        }
        return words
    }
}
