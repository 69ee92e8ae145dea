/// Plain text from an HTML mail body, for reading and scoring (not for display): block elements
/// and `<br>` become line breaks, paragraphs and headings blank lines, list items `- ` lines,
/// table rows lines with cells joined by ` | `, `<blockquote>` content `> ` lines (so quoted
/// history is recognised like in plain-text mail); scripts, styles, titles and comments are
/// dropped, entities decoded, white space collapsed outside `<pre>`.
///
/// One pass over the bytes; the output is never more than a few bytes per input byte.
package enum HTMLText {
    package static func convert(_ html: String) -> String {
        var converter = Converter(Array(html.utf8))
        converter.run()
        return converter.result()
    }

    /// Most `> ` marks put before a line of nested `<blockquote>`s.
    static let maxQuoteMarks = 8

    /// Elements whose content is not text.
    static let skippedElements: Set<String> = ["script", "style", "title", "template", "xml", "noscript", "object"]
    /// Elements that end a paragraph: a blank line before and after.
    static let paragraphElements: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "blockquote", "pre", "hr",
    ]
    /// Elements that end a line.
    static let lineElements: Set<String> = [
        "div", "tr", "li", "dt", "dd", "section", "article", "header", "footer", "address", "form", "fieldset",
        "center", "nav", "aside", "main", "figure", "figcaption", "caption", "tbody", "thead", "tfoot", "body", "html",
    ]

    private struct Converter {
        let input: [UInt8]
        var out: [UInt8] = []
        var i = 0
        var pendingBreaks = 0  // line breaks owed before the next text
        var pendingSpace = false
        var atLineStart = true
        var quoteDepth = 0
        var preDepth = 0
        var cellInRow = 0

        init(_ input: [UInt8]) {
            self.input = input
            out.reserveCapacity(input.count / 2)
        }

        mutating func result() -> String {
            // Trailing blanks on lines are dropped.
            var text: [UInt8] = []
            text.reserveCapacity(out.count)
            var lineBlanks = 0
            for byte in out {
                if byte == 0x20 { lineBlanks += 1; continue }
                if byte != 0x0A { text.append(contentsOf: repeatElement(0x20, count: lineBlanks)) }
                lineBlanks = 0
                text.append(byte)
            }
            return String(decoding: text, as: UTF8.self)
        }

        mutating func lineBreak(_ count: Int) {
            guard !out.isEmpty else { return }
            pendingBreaks = max(pendingBreaks, count)
            pendingSpace = false
        }

        /// Writes what is owed before visible text: line breaks with their quote marks, or a space.
        mutating func beforeText() {
            if pendingBreaks > 0 {
                for _ in 0..<pendingBreaks { out.append(0x0A) }
                pendingBreaks = 0
                atLineStart = true
            } else if pendingSpace && !atLineStart {
                out.append(0x20)
            }
            pendingSpace = false
            if atLineStart {
                // Capped, so deeply nested quotes cannot multiply the output size.
                for _ in 0..<min(quoteDepth, HTMLText.maxQuoteMarks) { out.append(UInt8(ascii: ">")); out.append(0x20) }
                atLineStart = false
            }
        }

        mutating func text(_ byte: UInt8) {
            if preDepth == 0 {
                if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                    pendingSpace = true
                    return
                }
            } else if byte == 0x0A {
                out.append(0x0A)
                atLineStart = true
                return
            } else if byte == 0x0D {
                return
            }
            beforeText()
            out.append(byte)
        }

        mutating func scalar(_ scalar: Unicode.Scalar) {
            if scalar == "\u{A0}" || scalar == "\u{200B}" { pendingSpace = pendingSpace || scalar == "\u{A0}"; return }
            beforeText()
            out.append(contentsOf: String(scalar).utf8)
        }

        mutating func run() {
            while i < input.count {
                let byte = input[i]
                if byte == UInt8(ascii: "<") {
                    tag()
                } else if byte == UInt8(ascii: "&"), let (value, next) = HTMLEntities.decode(input, at: i) {
                    scalar(value)
                    i = next
                } else {
                    text(byte)
                    i += 1
                }
            }
        }

        /// At `<`: a comment, declaration or tag; anything else is the text `<`.
        mutating func tag() {
            let start = i
            if starts(with: "<!--", at: i) {
                i = find("-->", from: i + 4).map { $0 + 3 } ?? input.count
                return
            }
            guard i + 1 < input.count else { text(UInt8(ascii: "<")); i += 1; return }
            let next = input[i + 1]
            if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
                i = (input[i...].firstIndex(of: UInt8(ascii: ">")) ?? input.count - 1) + 1
                return
            }
            var j = i + 1
            let closing = next == UInt8(ascii: "/")
            if closing { j += 1 }
            let nameStart = j
            while j < input.count, isNameByte(input[j]) { j += 1 }
            guard j > nameStart, isLetter(input[nameStart]) else {
                text(UInt8(ascii: "<"))
                i = start + 1
                return
            }
            let name = String(decoding: input[nameStart..<j], as: UTF8.self).lowercased()
            i = endOfTag(from: j)
            if !closing && HTMLText.skippedElements.contains(name) {
                skipContent(of: name)
                return
            }
            element(name, closing: closing)
        }

        mutating func element(_ name: String, closing: Bool) {
            switch name {
            case "br":
                // Each <br> is a line break of its own: two make a blank line.
                if !out.isEmpty { pendingBreaks = min(pendingBreaks + 1, 2); pendingSpace = false }
            case "blockquote":
                lineBreak(2)
                quoteDepth = closing ? max(0, quoteDepth - 1) : quoteDepth + 1
            case "pre":
                lineBreak(2)
                preDepth = closing ? max(0, preDepth - 1) : preDepth + 1
            case "li":
                lineBreak(1)
                if !closing {
                    beforeText()
                    out.append(contentsOf: "- ".utf8)
                }
            case "tr":
                lineBreak(1)
                cellInRow = 0
            case "td", "th":
                if !closing {
                    if cellInRow > 0 { pendingBreaks = 0; beforeText(); out.append(contentsOf: " | ".utf8) }
                    cellInRow += 1
                }
            default:
                if HTMLText.paragraphElements.contains(name) {
                    lineBreak(2)
                } else if HTMLText.lineElements.contains(name) {
                    lineBreak(1)
                }
            }
        }

        /// Skips to after `</name …>`, or to the end.
        mutating func skipContent(of name: String) {
            let closer = Array("</\(name)".utf8)
            var j = i
            while let lt = input[j...].firstIndex(of: UInt8(ascii: "<")) {
                if lt + closer.count <= input.count,
                    zip(closer, input[lt..<lt + closer.count]).allSatisfy({
                        $0 == $1 | ($1 >= 0x41 && $1 <= 0x5A ? 0x20 : 0)
                    })
                {
                    i = endOfTag(from: lt + closer.count)
                    return
                }
                j = lt + 1
            }
            i = input.count
        }

        /// The index after the `>` that ends a tag whose attributes start at `from` (quotes respected).
        func endOfTag(from: Int) -> Int {
            var j = from
            var quote: UInt8 = 0
            while j < input.count {
                let byte = input[j]
                if quote != 0 {
                    if byte == quote { quote = 0 }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    return j + 1
                }
                j += 1
            }
            return input.count
        }

        func starts(with prefix: StaticString, at index: Int) -> Bool {
            let count = prefix.utf8CodeUnitCount
            guard index + count <= input.count else { return false }
            return prefix.withUTF8Buffer { zip($0, input[index..<index + count]).allSatisfy { $0 == $1 } }
        }

        func find(_ needle: StaticString, from index: Int) -> Int? {
            var j = index
            while let position = input[j...].firstIndex(of: needle.utf8Start.pointee) {
                if starts(with: needle, at: position) { return position }
                j = position + 1
            }
            return nil
        }

        func isLetter(_ byte: UInt8) -> Bool { byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z") }
        func isNameByte(_ byte: UInt8) -> Bool {
            isLetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: ":")
        }
    }
}
