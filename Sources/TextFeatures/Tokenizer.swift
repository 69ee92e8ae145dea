/// A Unicode tokenizer for English and French business e-mail that works directly on UTF-8 bytes.
///
/// Text is split on white space (including no-break and thin spaces used as French thousands
/// separators). Each piece is then either one *class token* (numbers, money, percentages, dates,
/// identifiers, e-mail addresses and URLs, see ``TokenKind``) or split into words at punctuation.
/// Words are lower-cased and, by default, accent-folded; French elisions are removed.
///
/// **Invalid UTF-8** never traps: each byte that does not start a valid sequence is read as U+FFFD
/// (the replacement character), which separates tokens like white space.
///
/// **No allocation per token**: tokens are written into a fixed scratch buffer on the stack and
/// handed to a closure; tokens longer than ``maxTokenBytes`` are truncated.
///
/// ```swift
/// let tokenizer = Tokenizer()
/// tokenizer.tokens(in: "L'article facturé 1 234,56 € (INV-2024-0042)")
/// // ["article", "facture", "<num>", "<num>", "<money>", "<id>"]
/// tokenizer.forEachToken(in: "Qty short") { token in print(token.text) }
/// ```
package struct Tokenizer: Sendable, Equatable {
    /// Normalisation settings.
    package var configuration: TokenizerConfiguration

    /// Longest token kept, in UTF-8 bytes; longer words are cut to this length.
    package static let maxTokenBytes = 64

    /// A tokenizer with the given configuration (default: ``TokenizerConfiguration/init()``).
    package init(configuration: TokenizerConfiguration = TokenizerConfiguration()) {
        self.configuration = configuration
    }

    /// Calls `body` for every token of `text`, in order.
    package func forEachToken(in text: String, _ body: (Token) -> Void) {
        var text = text
        text.withUTF8 { forEachToken(inUTF8: $0, body) }
    }

    /// Calls `body` for every token of the UTF-8 bytes `bytes` (which may be invalid UTF-8).
    package func forEachToken(inUTF8 bytes: UnsafeBufferPointer<UInt8>, _ body: (Token) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Tokenizer.maxTokenBytes) { scratch in
            var scanner = Scanner(bytes: bytes, scratch: scratch, configuration: configuration)
            scanner.run(body)
        }
    }

    /// All tokens of `text` as strings (allocates; for tests, inspection and training).
    package func tokens(in text: String) -> [String] {
        var result: [String] = []
        forEachToken(in: text) { result.append($0.text) }
        return result
    }
}

// MARK: - Scanning

/// Classes of Unicode scalars the scanner distinguishes.
private enum ScalarClass {
    case space, letter, digit, apostrophe, currency, other
}

@inline(__always)
private func classify(_ value: UInt32) -> ScalarClass {
    if value < 0x80 {
        switch value {
        case 0x41...0x5A, 0x61...0x7A: return .letter
        case 0x30...0x39: return .digit
        case 0x09...0x0D, 0x20: return .space
        case 0x27: return .apostrophe
        case 0x24: return .currency
        default: return .other
        }
    }
    return classifyNonASCII(value)
}

/// The rest of ``classify(_:)``, kept out of line: `Unicode.Scalar.Properties` is a resilient type
/// whose metadata lookup and stack frame would otherwise be paid on every ASCII character too.
@inline(never)
private func classifyNonASCII(_ value: UInt32) -> ScalarClass {
    switch value {
    case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFFFD:
        return .space
    case 0x2019, 0x02BC: return .apostrophe
    case 0xA2, 0xA3, 0xA5, 0x20AC, 0x20B9, 0x20A3: return .currency
    default:
        if CharacterFolding.isCombiningMark(value) { return .letter }
        if let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic { return .letter }
        return .other
    }
}

/// Decodes one scalar at `index`; an invalid or truncated sequence yields U+FFFD and length 1.
@inline(__always)
private func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> (value: UInt32, length: Int) {
    let b0 = bytes[index]
    if b0 < 0x80 { return (UInt32(b0), 1) }
    let remaining = bytes.count - index
    @inline(__always) func continuation(_ offset: Int) -> UInt32? {
        let byte = bytes[index + offset]
        return byte & 0xC0 == 0x80 ? UInt32(byte & 0x3F) : nil
    }
    if b0 >= 0xC2 && b0 <= 0xDF, remaining >= 2, let c1 = continuation(1) {
        return ((UInt32(b0 & 0x1F) << 6) | c1, 2)
    }
    if b0 >= 0xE0 && b0 <= 0xEF, remaining >= 3, let c1 = continuation(1), let c2 = continuation(2) {
        let value = (UInt32(b0 & 0x0F) << 12) | (c1 << 6) | c2
        if value >= 0x800 && !(0xD800...0xDFFF).contains(value) { return (value, 3) }
        return (0xFFFD, 1)
    }
    if b0 >= 0xF0 && b0 <= 0xF4, remaining >= 4, let c1 = continuation(1), let c2 = continuation(2),
        let c3 = continuation(3)
    {
        let value = (UInt32(b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3
        if value >= 0x10000 && value <= 0x10FFFF { return (value, 4) }
    }
    return (0xFFFD, 1)
}

/// Facts about one white-space separated piece of text, gathered in a single pass.
/// Byte tests for the scanner's plain-word fast path, agreeing with ``classify(_:)`` on ASCII.
private enum ASCIIClass {
    /// A–Z, a–z (``ScalarClass/letter``).
    @inline(__always)
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }

    /// Tab, line feed, vertical tab, form feed, carriage return and space (``ScalarClass/space``).
    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte &- 0x09 < 5 }

    /// Printable ASCII that is neither a letter nor a digit and that ``Scanner/handleSpan(from:to:mayBeClass:_:)``
    /// trims from both ends of a span without it marking a class token: ``!"&'()*+,-./:;<=>?[\]^_`{|}~``,
    /// not '$', '%' or '@' (they may make a class token) nor '#' (kept at the start of a span).
    @inline(__always)
    static func isTrimmedPunctuation(_ byte: UInt8) -> Bool {
        // One bit per byte: 0x00–0x3F in the first mask, 0x40–0x7F in the second.
        let mask: UInt64 = byte < 0x40 ? 0xFC00_FFC6_0000_0000 : 0x7800_0001_F800_0000
        return byte < 0x80 && (mask >> UInt64(byte & 0x3F)) & 1 == 1
    }
}

private struct SpanFacts {
    var letters = 0
    var digits = 0
    var hasCurrency = false
    var atIndex = -1  // byte offset of '@'
    var hasDotAfterAt = false
    var hasDashOrSlashOrHash = false
    var hasDecimalMark = false
    var endsWithPercent = false
    // Date shape: up to three digit groups split by one repeated separator.
    var groupLengths: (Int, Int, Int, Int) = (0, 0, 0, 0)
    var groupCount = 0
    var dateSeparator: UInt32 = 0
    var dateShapeBroken = false
}

private struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let scratch: UnsafeMutableBufferPointer<UInt8>
    let configuration: TokenizerConfiguration
    var length = 0  // bytes used in scratch

    init(
        bytes: UnsafeBufferPointer<UInt8>, scratch: UnsafeMutableBufferPointer<UInt8>,
        configuration: TokenizerConfiguration
    ) {
        self.bytes = bytes
        self.scratch = scratch
        self.configuration = configuration
    }

    mutating func run(_ body: (Token) -> Void) {
        var index = 0
        let end = bytes.count
        while index < end {
            if ASCIIClass.isSpace(bytes[index]) {
                index += 1
                continue
            }
            if let spanEnd = plainWordSpanEnd(from: index) {
                emitPlainWord(from: index, to: spanEnd, body)
                index = spanEnd
                continue
            }
            // Skip white space.
            let (value, length) = decodeScalar(bytes, index)
            let kind = classify(value)
            if kind == .space { index += length; continue }
            // Find the end of the span, noting whether it holds anything a class token needs.
            var mayBeClass = Self.mayStartClass(value, kind)
            var spanEnd = index + length
            while spanEnd < end {
                let (next, nextLength) = decodeScalar(bytes, spanEnd)
                let nextKind = classify(next)
                if nextKind == .space { break }
                mayBeClass = mayBeClass || Self.mayStartClass(next, nextKind)
                spanEnd += nextLength
            }
            handleSpan(from: index, to: spanEnd, mayBeClass: mayBeClass, body)
            index = spanEnd
        }
    }

    /// The end of the span starting at `start` when it is a plain word: ASCII letters with only
    /// ``ASCIIClass/isTrimmedPunctuation(_:)`` around them, ended by ASCII white space or the text's
    /// end (most words of English text); otherwise nil. ``handleSpan(from:to:mayBeClass:_:)`` would
    /// trim such a span to its letters, find no class token (no digit, currency sign, '@' or '%';
    /// no URL without '.' or ':') and emit the letters as one word: ``emitPlainWord(from:to:_:)``
    /// does that without decoding and classifying every character three times.
    @inline(__always)
    func plainWordSpanEnd(from start: Int) -> Int? {
        let end = bytes.count
        var index = start
        while index < end && ASCIIClass.isTrimmedPunctuation(bytes[index]) { index += 1 }
        let lettersStart = index
        while index < end && ASCIIClass.isLetter(bytes[index]) { index += 1 }
        guard index > lettersStart else { return nil }
        while index < end && ASCIIClass.isTrimmedPunctuation(bytes[index]) { index += 1 }
        guard index == end || ASCIIClass.isSpace(bytes[index]) else { return nil }
        return index
    }

    /// Emits the letters of a plain word span (see ``plainWordSpanEnd(from:)``) as
    /// ``emitWords(from:to:_:)`` would: lower-cased, cut to the scratch buffer's length.
    @inline(__always)
    mutating func emitPlainWord(from start: Int, to end: Int, _ body: (Token) -> Void) {
        length = 0
        let lowercase = configuration.lowercase
        for index in start..<end where ASCIIClass.isLetter(bytes[index]) {
            let byte = bytes[index]
            appendByte(lowercase ? UInt8(CharacterFolding.lowercase(UInt32(byte))) : byte)
        }
        flushWord(body)
    }

    /// Whether a span holding `value` (of class `kind`) may be a class token other than a URL: every
    /// e-mail address, amount, percentage, date, number and identifier has a digit, a currency sign,
    /// '@' or '%'.
    @inline(__always)
    static func mayStartClass(_ value: UInt32, _ kind: ScalarClass) -> Bool {
        return kind == .digit || kind == .currency || value == 0x40 /* @ */ || value == 0x25 /* % */
    }

    /// Trims punctuation around a span, then emits a class token or its words. `mayBeClass` false
    /// (see ``mayStartClass(_:_:)``) skips the class-token scan unless the span starts like a URL.
    mutating func handleSpan(from start: Int, to end: Int, mayBeClass: Bool, _ body: (Token) -> Void) {
        var lower = start
        var upper = end
        // Leading characters that cannot start a token.
        while lower < upper {
            let (value, length) = decodeScalar(bytes, lower)
            let kind = classify(value)
            if kind == .letter || kind == .digit || kind == .currency || value == 0x23 /* # */ || value == 0x25 /* % */
            {
                break
            }
            lower += length
        }
        // Trailing characters that cannot end a token (walk back over continuation bytes).
        while upper > lower {
            var scalarStart = upper - 1
            while scalarStart > lower && bytes[scalarStart] & 0xC0 == 0x80 { scalarStart -= 1 }
            let (value, _) = decodeScalar(bytes, scalarStart)
            let kind = classify(value)
            if kind == .letter || kind == .digit || kind == .currency || value == 0x25 /* % */ { break }
            upper = scalarStart
        }
        guard lower < upper else { return }

        if configuration.classTokens, mayBeClass || hasURLPrefix(lower, upper),
            let kind = classTokenKind(from: lower, to: upper)
        {
            emitClass(kind, body)
            return
        }
        emitWords(from: lower, to: upper, body)
    }

    /// Decides whether the span is one class token.
    func classTokenKind(from start: Int, to end: Int) -> TokenKind? {
        if hasURLPrefix(start, end) { return .url }
        var facts = SpanFacts()
        var index = start
        var groupLength = 0
        while index < end {
            let (value, length) = decodeScalar(bytes, index)
            switch classify(value) {
            case .letter: facts.letters += 1; facts.dateShapeBroken = true
            case .digit: facts.digits += 1; groupLength += 1
            case .currency: facts.hasCurrency = true; facts.dateShapeBroken = true
            default:
                if value == 0x40 { facts.atIndex = index }
                if value == 0x2E && facts.atIndex >= 0 { facts.hasDotAfterAt = true }
                if value == 0x2D || value == 0x2F || value == 0x23 { facts.hasDashOrSlashOrHash = true }
                if value == 0x2C || value == 0x2E { facts.hasDecimalMark = true }
                if value == 0x25 && index + length == end { facts.endsWithPercent = true }
                if value == 0x2D || value == 0x2F || value == 0x2E {
                    if facts.dateSeparator == 0 { facts.dateSeparator = value }
                    if facts.dateSeparator != value || groupLength == 0 { facts.dateShapeBroken = true }
                    record(&facts, groupLength)
                    groupLength = 0
                } else {
                    facts.dateShapeBroken = true
                }
            }
            index += length
        }
        record(&facts, groupLength)

        if facts.atIndex > start && facts.hasDotAfterAt && facts.letters > 0 { return .email }
        guard facts.digits > 0 else {
            // A detached sign, as French typography writes "10 %" and "12 €", still marks the amount.
            if facts.letters == 0 && facts.hasCurrency { return .money }
            if facts.letters == 0 && facts.endsWithPercent { return .percent }
            return nil
        }
        if facts.hasCurrency { return .money }
        if facts.endsWithPercent && facts.letters == 0 { return .percent }
        if facts.letters == 0 {
            if !facts.dateShapeBroken && isDateShape(facts) { return .date }
            if facts.hasDashOrSlashOrHash { return .identifier }
            if facts.digits >= 6 && !facts.hasDecimalMark { return .identifier }
            return .number
        }
        // Letters and digits together: an identifier when it carries at least three digits
        // ("INV-2024-00123", "F23/0456"); short forms like "3rd" or "10kg" are split into words.
        return facts.digits >= 3 ? .identifier : nil
    }

    private func record(_ facts: inout SpanFacts, _ groupLength: Int) {
        switch facts.groupCount {
        case 0: facts.groupLengths.0 = groupLength
        case 1: facts.groupLengths.1 = groupLength
        case 2: facts.groupLengths.2 = groupLength
        default: facts.groupLengths.3 = groupLength
        }
        facts.groupCount += 1
    }

    private func isDateShape(_ facts: SpanFacts) -> Bool {
        guard facts.groupCount == 3 else { return false }
        let (a, b, c, _) = facts.groupLengths
        let dayFirst = (1...2).contains(a) && (1...2).contains(b) && (c == 2 || c == 4)
        let yearFirst = a == 4 && (1...2).contains(b) && (1...2).contains(c)
        return dayFirst || yearFirst
    }

    private func hasURLPrefix(_ start: Int, _ end: Int) -> Bool {
        func matches(_ prefix: StaticString) -> Bool {
            let count = prefix.utf8CodeUnitCount
            guard end - start >= count + 1 else { return false }
            let p = prefix.utf8Start
            for i in 0..<count where bytes[start + i] | 0x20 != p[i] | 0x20 { return false }
            return true
        }
        return matches("http://") || matches("https://") || matches("www.")
    }

    // MARK: Words

    mutating func emitWords(from start: Int, to end: Int, _ body: (Token) -> Void) {
        length = 0
        var inDigits = false
        var index = start
        while index < end {
            let (value, scalarLength) = decodeScalar(bytes, index)
            let kind = classify(value)
            switch kind {
            case .letter:
                if inDigits { flushNumber(body); inDigits = false }
                appendLetter(value)
            case .digit where !configuration.classTokens:
                appendScalar(value)  // without class tokens digits stay part of the word
            case .digit:
                if !inDigits { flushWord(body); inDigits = true }
            case .apostrophe:
                if inDigits { flushNumber(body); inDigits = false }
                let next = index + scalarLength < end ? decodeScalar(bytes, index + scalarLength).value : 0
                let nextIsLetter = next != 0 && classify(next) == .letter
                if configuration.frenchElision && nextIsLetter && isElidedWord() {
                    length = 0  // "l'", "qu'", "jusqu'": the elided word carries no meaning
                } else if !nextIsLetter {
                    flushWord(body)
                }
            // Otherwise ("don't", "customer's") the apostrophe is dropped and the word continues.
            default:
                if inDigits { flushNumber(body); inDigits = false } else { flushWord(body) }
            }
            index += scalarLength
        }
        if inDigits { flushNumber(body) } else { flushWord(body) }
    }

    @inline(__always)
    mutating func appendLetter(_ value: UInt32) {
        if value < 0x80 {  // ASCII: no accent to fold, one byte
            appendByte(configuration.lowercase ? UInt8(CharacterFolding.lowercase(value)) : UInt8(value))
            return
        }
        let folded = configuration.lowercase ? CharacterFolding.lowercase(value) : value
        if configuration.foldAccents {
            if CharacterFolding.isCombiningMark(folded) { return }
            // Folded letters come out as lower-case ASCII ("É" → "e") even when `lowercase` is off.
            if let ascii = CharacterFolding.accentFold(CharacterFolding.lowercase(folded)) {
                let p = ascii.utf8Start
                for i in 0..<ascii.utf8CodeUnitCount { appendByte(p[i]) }
                return
            }
        }
        appendScalar(folded)
    }

    @inline(__always)
    mutating func appendByte(_ byte: UInt8) {
        guard length < scratch.count else { return }
        scratch[length] = byte
        length += 1
    }

    @inline(__always)
    mutating func appendScalar(_ value: UInt32) {
        let needed = value < 0x80 ? 1 : value < 0x800 ? 2 : value < 0x10000 ? 3 : 4
        guard length + needed <= scratch.count else { return }  // truncate, never split a scalar
        switch needed {
        case 1:
            scratch[length] = UInt8(value)
        case 2:
            scratch[length] = UInt8(0xC0 | (value >> 6))
            scratch[length + 1] = UInt8(0x80 | (value & 0x3F))
        case 3:
            scratch[length] = UInt8(0xE0 | (value >> 12))
            scratch[length + 1] = UInt8(0x80 | ((value >> 6) & 0x3F))
            scratch[length + 2] = UInt8(0x80 | (value & 0x3F))
        default:
            scratch[length] = UInt8(0xF0 | (value >> 18))
            scratch[length + 1] = UInt8(0x80 | ((value >> 12) & 0x3F))
            scratch[length + 2] = UInt8(0x80 | ((value >> 6) & 0x3F))
            scratch[length + 3] = UInt8(0x80 | (value & 0x3F))
        }
        length += needed
    }

    /// Whether the letters collected so far are a French elided word (l, d, j, m, n, s, t, c, qu,
    /// jusqu, lorsqu, puisqu), compared case-insensitively.
    func isElidedWord() -> Bool {
        @inline(__always) func letter(_ i: Int) -> UInt8 { scratch[i] | 0x20 }
        switch length {
        case 1:
            switch letter(0) {
            case UInt8(ascii: "l"), UInt8(ascii: "d"), UInt8(ascii: "j"), UInt8(ascii: "m"),
                UInt8(ascii: "n"), UInt8(ascii: "s"), UInt8(ascii: "t"), UInt8(ascii: "c"):
                return true
            default: return false
            }
        case 2: return letter(0) == UInt8(ascii: "q") && letter(1) == UInt8(ascii: "u")
        case 5: return matchesLower("jusqu")
        case 6: return matchesLower("lorsqu") || matchesLower("puisqu")
        default: return false
        }
    }

    private func matchesLower(_ word: StaticString) -> Bool {
        let p = word.utf8Start
        for i in 0..<word.utf8CodeUnitCount where scratch[i] | 0x20 != p[i] { return false }
        return true
    }

    mutating func flushWord(_ body: (Token) -> Void) {
        guard length > 0 else { return }
        body(Token(kind: .word, bytes: UnsafeBufferPointer(rebasing: scratch[0..<length])))
        length = 0
    }

    mutating func flushNumber(_ body: (Token) -> Void) {
        emitClass(.number, body)
    }

    mutating func emitClass(_ kind: TokenKind, _ body: (Token) -> Void) {
        guard let text = kind.classText else { return }
        let count = text.utf8CodeUnitCount
        let p = text.utf8Start
        for i in 0..<count { scratch[i] = p[i] }
        body(Token(kind: kind, bytes: UnsafeBufferPointer(rebasing: scratch[0..<count])))
        length = 0
    }
}
