/// A strict, allocation-light parser for one JSONL line: a single JSON object (RFC 8259) whose
/// field values become ``RecordValue``s.
///
/// It reads the line's bytes once, makes no copy of the line, and allocates only the field
/// dictionary and strings too long to be stored inline (why it replaced `JSONDecoder`: CHANGELOG). It owns two scratch buffers, so keep one
/// parser per reader and reuse it for every line.
///
/// What it accepts is exactly RFC 8259 with an object at the top level:
/// - white space is space, tab, CR and LF only, and only white space may follow the object;
/// - strings hold no raw control character (< 0x20) and no invalid UTF-8; the escapes are
///   `\" \\ \/ \b \f \n \r \t \uXXXX`, a surrogate pair is combined and a lone surrogate is an error;
/// - numbers follow `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` and must be representable: one
///   that overflows to ±infinity, or underflows to zero although it has a non-zero digit, is an error;
/// - nested arrays and objects are validated to the end but kept only as ``RecordValue/nested``;
///   nesting deeper than ``maxDepth`` (the line's object counting as 1) is an error;
/// - a field name used twice in the line's object is an error (``SyntaxError/field`` names it).
///
/// Against Foundation's `JSONDecoder` decoding `[String: RecordValue]` (with ``RecordValue``'s strict
/// `Decodable` conformance), the differential unit tests and the `jsonl-reader` fuzz harness check
/// that both accept the same lines with equal values, with three deliberate differences, all lines
/// that `JSONDecoder` accepts and this parser rejects:
/// - a duplicate top-level field name (`JSONDecoder` keeps the first value); names are compared as
///   Swift strings, so "é" and "e\u{301}" are the same name;
/// - a trailing comma (`{"a":1,}`, `[1,]`);
/// - a line `JSONDecoder` reads in another encoding: one starting with a UTF-8 byte-order mark
///   (``RecordReader`` skips one only at the start of the file), or with a NUL among its first four
///   bytes, which it takes for UTF-16 or UTF-32.
/// Both reject lone surrogates, out-of-range numbers and nesting deeper than 512 levels.
///
/// ```swift
/// var parser = JSONObjectParser()
/// let fields = try parser.parse(Array(#"{"id":"a-1","amount":12.5}"#.utf8))
/// // ["id": .string("a-1"), "amount": .number(12.5)]
/// ```
struct JSONObjectParser {
    /// Deepest nesting accepted, counting the line's own object as level 1. Foundation's JSON scanner
    /// has the same limit, so the two agree on which lines are valid.
    static let maxDepth = 512

    /// Why a line is not a valid JSON object, and where.
    struct SyntaxError: Error, Equatable, CustomStringConvertible {
        /// What is wrong, e.g. "expected ':' after a field name".
        var reason: String
        /// 1-based byte offset of the offending byte in the line (one past the end when the line
        /// ends too early; the opening quote for an unterminated string).
        var column: Int
        /// The field name, for a duplicate field.
        var field: String? = nil

        var description: String { "\(reason) at column \(column)" }
    }

    /// The line being parsed; set only while a `parse` call runs.
    private var input = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    /// Offset of the next byte to read.
    private var position = 0
    /// The closing byte of each open array or object, innermost last. An explicit stack rather than
    /// recursion, so that deep nesting is a ``SyntaxError``, never a stack overflow.
    private var closers: [UInt8] = []
    /// Reused buffer for the bytes of strings that contain escapes.
    private var unescaped: [UInt8] = []
    /// The previous line's field count, up to ``maxFieldCountHint``: lines of one file usually have
    /// the same fields, so the field list is created at its final size instead of growing field by
    /// field.
    private var fieldCountHint = 0
    /// Cap on ``fieldCountHint``, so that one line with a huge number of fields does not make every
    /// later line's field list reserve that much memory.
    private static let maxFieldCountHint = 64

    /// Where the parser is within the current array or object.
    private enum Step {
        /// A value comes next.
        case value
        /// A field name comes next (after `{` or a comma inside an object).
        case fieldName
        /// A comma or the closing bracket comes next.
        case afterValue
    }

    init() {}

    /// Parses `bytes` (one line without its line end) as a JSON object.
    mutating func parse(_ bytes: [UInt8]) throws(SyntaxError) -> [String: RecordValue] {
        try bytes.withUnsafeBufferPointer { (buffer) throws(SyntaxError) in try parse(buffer) }
    }

    /// Parses `bytes` (one line without its line end) as a JSON object.
    mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(SyntaxError) -> [String: RecordValue] {
        Dictionary(uniqueKeysWithValues: try parseFields(bytes).map { ($0.name, $0.value) })
    }

    /// Parses `bytes` (one line without its line end) as a JSON object: its top-level fields in order.
    mutating func parseFields(_ bytes: UnsafeBufferPointer<UInt8>) throws(SyntaxError) -> [Record.Field] {
        input = bytes
        position = 0
        closers.removeAll(keepingCapacity: true)
        defer { input = UnsafeBufferPointer(start: nil, count: 0) }  // never keep the caller's pointer

        skipWhitespace()
        guard peek() == UInt8(ascii: "{") else { throw failure("expected a JSON object") }
        var fields = FieldList(capacity: fieldCountHint)
        var field = ""  // the top-level field whose value is being read
        var step = Step.value
        parsing: while true {
            switch step {
            case .value:
                skipWhitespace()
                guard let byte = peek() else { throw failure("expected a value") }
                if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                    guard closers.count < Self.maxDepth else {
                        throw failure("nesting deeper than \(Self.maxDepth) levels")
                    }
                    let closer = byte + 2  // ASCII: '{' + 2 == '}', '[' + 2 == ']'
                    closers.append(closer)
                    position += 1
                    skipWhitespace()
                    if peek() == closer {
                        step = .afterValue  // an empty container: `.afterValue` closes it
                    } else {
                        step = byte == UInt8(ascii: "{") ? .fieldName : .value
                    }
                } else {
                    let value = try scalar(byte, field: closers.count == 1 ? field : nil)
                    if closers.count == 1 { fields.append(field, value) }
                    step = .afterValue
                }
            case .fieldName:
                skipWhitespace()
                guard peek() == UInt8(ascii: "\"") else {
                    throw failure("expected a field name (a string in double quotes)")
                }
                let column = position + 1
                let name = try string()
                if closers.count == 1 {
                    // Checked here rather than when the value is stored, so the first error in the line is the one reported.
                    guard !fields.contains(name) else {
                        throw SyntaxError(reason: "duplicate field '\(name)'", column: column, field: name)
                    }
                    field = name
                }
                skipWhitespace()
                guard peek() == UInt8(ascii: ":") else { throw failure("expected ':' after a field name") }
                position += 1
                step = .value
            case .afterValue:
                skipWhitespace()
                let closer = closers[closers.count - 1]
                switch peek() {
                case UInt8(ascii: ","):
                    position += 1
                    skipWhitespace()
                    guard peek() != closer else { throw failure("trailing comma before '\(Self.describe(closer))'") }
                    step = closer == UInt8(ascii: "}") ? .fieldName : .value
                case closer:
                    position += 1
                    closers.removeLast()
                    if closers.isEmpty { break parsing }
                    if closers.count == 1 { fields.append(field, .nested) }
                default:
                    throw failure(
                        closer == UInt8(ascii: "}")
                            ? "expected ',' or '}' after a field value" : "expected ',' or ']' after an array element")
                }
            }
        }
        skipWhitespace()
        guard position == input.count else { throw failure("unexpected data after the JSON object") }
        fieldCountHint = min(fields.fields.count, Self.maxFieldCountHint)
        return fields.fields
    }

    /// The top-level fields read so far, and the test for a repeated name: by comparing names while
    /// there are few (the usual line), through a set of the names past that (a line with thousands of
    /// fields stays linear).
    private struct FieldList {
        private(set) var fields: [Record.Field] = []
        private var names: Set<String>?
        private static let comparedNames = 16

        init(capacity: Int) { fields.reserveCapacity(capacity) }

        func contains(_ name: String) -> Bool {
            if let names { return names.contains(name) }
            return fields.contains { $0.name == name }
        }

        /// Adds a field whose name ``contains(_:)`` said is new.
        mutating func append(_ name: String, _ value: RecordValue) {
            fields.append(Record.Field(name: name, value: value))
            if names != nil {
                names!.insert(name)
            } else if fields.count > Self.comparedNames {
                names = Set(fields.map(\.name))
            }
        }
    }

    // MARK: - Bytes

    /// The next byte, or `nil` at the end of the line. Every read goes through here or checks
    /// `position < input.count` itself: the buffer may lie inside a larger allocation, where an
    /// over-read would go unnoticed even by AddressSanitizer.
    @inline(__always)
    private func peek() -> UInt8? {
        position < input.count ? input[position] : nil
    }

    private mutating func skipWhitespace() {
        while position < input.count {
            switch input[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    /// An error at the current position.
    private func failure(_ reason: String) -> SyntaxError {
        SyntaxError(reason: reason, column: position + 1)
    }

    /// A byte for an error message: the character when it is printable ASCII, else its hex value.
    private static func describe(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte)
            ? String(UnicodeScalar(byte)) : "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    // MARK: - Scalars

    /// A string, number, `true`, `false` or `null` starting with `byte` (the current byte).
    /// `field` is the top-level field the value belongs to, named in the error for a non-finite
    /// literal.
    private mutating func scalar(_ byte: UInt8, field: String?) throws(SyntaxError) -> RecordValue {
        switch byte {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "N"), UInt8(ascii: "I"):
            throw nonFiniteLiteral(field: field)
        case UInt8(ascii: "-") where position + 1 < input.count && input[position + 1] == UInt8(ascii: "I"):
            throw nonFiniteLiteral(field: field)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: throw failure("expected a value")
        }
    }

    /// `NaN`, `Infinity` and `-Infinity` are not JSON, but Python's `json.dumps` writes them for
    /// float('nan') and float('inf'): say so and name the field, not only the column.
    private func nonFiniteLiteral(field: String?) -> SyntaxError {
        SyntaxError(
            reason: "NaN and Infinity are not JSON numbers (write null for a missing number)", column: position + 1,
            field: field)
    }

    /// Consumes `word` or throws.
    private mutating func literal(_ word: StaticString) throws(SyntaxError) {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard input.count - position >= expected.count,
            input[position..<position + expected.count].elementsEqual(expected)
        else { throw failure("invalid literal (expected \(word))") }
        position += expected.count
    }

    // MARK: - Strings

    /// The string starting at the current `"`.
    private mutating func string() throws(SyntaxError) -> String {
        let quote = position
        position += 1
        let start = position
        // Fast path: most strings have no escape, so their bytes are the text itself.
        let allBits = skipPlainBytes()
        guard position < input.count else { throw SyntaxError(reason: "unterminated string", column: quote + 1) }
        let byte = input[position]
        if byte < 0x20 { throw controlCharacter(byte) }
        if byte == UInt8(ascii: "\\") { return try escapedString(from: start, quote: quote, allBits: allBits) }
        position += 1  // the closing quote
        return try Self.text(
            UnsafeBufferPointer(rebasing: input[start..<position - 1]), allBits: allBits, column: start + 1)
    }

    /// The rest of a string whose first escape is at the current position; `start` is its first
    /// byte and `allBits` the OR of the bytes before the escape.
    private mutating func escapedString(from start: Int, quote: Int, allBits: UInt8) throws(SyntaxError) -> String {
        unescaped.removeAll(keepingCapacity: true)
        unescaped.append(contentsOf: input[start..<position])
        var allBits = allBits
        while position < input.count {
            let byte = input[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return try Self.text(unescaped, allBits: allBits, column: start + 1)
            }
            if byte < 0x20 { throw controlCharacter(byte) }
            if byte == UInt8(ascii: "\\") {
                let before = unescaped.count
                try unescape()
                for added in unescaped[before...] { allBits |= added }
            } else {
                let run = position
                allBits |= skipPlainBytes()
                unescaped.append(contentsOf: input[run..<position])
            }
        }
        throw SyntaxError(reason: "unterminated string", column: quote + 1)
    }

    /// Moves past the string bytes that stand for themselves (all but `"`, `\` and control
    /// characters) and returns the OR of their bits: below 0x80 means they are ASCII.
    private mutating func skipPlainBytes() -> UInt8 {
        var allBits: UInt8 = 0
        while position < input.count {
            let byte = input[position]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            allBits |= byte
            position += 1
        }
        return allBits
    }

    /// A string's text from its bytes, validated as UTF-8 so that a parsed line is always valid
    /// UTF-8 (structure outside strings is ASCII) and the reader need not check lines that parse.
    /// ASCII (`allBits` < 0x80) needs no check: it skips `String(validating:)`, which is generic and
    /// unspecialised and so costs runtime metadata lookups.
    private static func text(_ bytes: some Collection<UInt8>, allBits: UInt8, column: Int) throws(SyntaxError) -> String
    {
        if allBits < 0x80 { return String(decoding: bytes, as: UTF8.self) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw SyntaxError(reason: "invalid UTF-8 in a string", column: column)
        }
        return text
    }

    private func controlCharacter(_ byte: UInt8) -> SyntaxError {
        failure(
            "unescaped control character U+00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
                + " in a string")
    }

    /// Appends the character of the escape at the current `\` to ``unescaped``.
    private mutating func unescape() throws(SyntaxError) {
        let backslash = position
        position += 1
        guard let escape = peek() else { return }  // the caller then reports the unterminated string
        position += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped.append(escape)
        case UInt8(ascii: "b"): unescaped.append(0x08)
        case UInt8(ascii: "f"): unescaped.append(0x0C)
        case UInt8(ascii: "n"): unescaped.append(0x0A)
        case UInt8(ascii: "r"): unescaped.append(0x0D)
        case UInt8(ascii: "t"): unescaped.append(0x09)
        case UInt8(ascii: "u"): try unicodeEscape(backslash: backslash)
        default:
            throw SyntaxError(reason: "invalid escape '\\\(Self.describe(escape))' in a string", column: backslash + 1)
        }
    }

    /// Appends the UTF-8 of a `\uXXXX` escape (and of the low surrogate's escape that must follow a
    /// high surrogate); the current position is just after the `u`.
    private mutating func unicodeEscape(backslash: Int) throws(SyntaxError) {
        guard let unit = hex4() else {
            throw SyntaxError(reason: "invalid \\u escape (expected 4 hex digits)", column: backslash + 1)
        }
        var value = UInt32(unit)
        switch unit {
        case 0xD800...0xDBFF:
            let second = position
            guard input.count - position >= 2, input[position] == UInt8(ascii: "\\"),
                input[position + 1] == UInt8(ascii: "u")
            else {
                throw SyntaxError(reason: "unpaired surrogate \\u\(Self.hex(unit)) in a string", column: backslash + 1)
            }
            position += 2
            guard let low = hex4() else {
                throw SyntaxError(reason: "invalid \\u escape (expected 4 hex digits)", column: second + 1)
            }
            guard (0xDC00...0xDFFF).contains(low) else {
                throw SyntaxError(reason: "unpaired surrogate \\u\(Self.hex(unit)) in a string", column: backslash + 1)
            }
            value = 0x10000 + (UInt32(unit - 0xD800) << 10) + UInt32(low - 0xDC00)
        case 0xDC00...0xDFFF:
            throw SyntaxError(reason: "unpaired surrogate \\u\(Self.hex(unit)) in a string", column: backslash + 1)
        default:
            break
        }
        // Never nil: surrogates were excluded above and the value is at most 0x10FFFF.
        guard let scalar = Unicode.Scalar(value) else {
            throw SyntaxError(reason: "invalid \\u escape", column: backslash + 1)
        }
        UTF8.encode(scalar) { unescaped.append($0) }
    }

    /// Four hex digits (either case) at the current position, consumed; `nil` if they are not there.
    private mutating func hex4() -> UInt16? {
        guard input.count - position >= 4 else { return nil }
        var value: UInt16 = 0
        for byte in input[position..<position + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        position += 4
        return value
    }

    private static func hex(_ unit: UInt16) -> String {
        String(unit, radix: 16, uppercase: true)
    }

    // MARK: - Numbers

    /// Powers of ten that are exact as `Double`s (10^22 is the last one).
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// The number starting at the current position (a `-` or a digit).
    private mutating func number() throws(SyntaxError) -> Double {
        let start = position
        let negative = peek() == UInt8(ascii: "-")
        if negative { position += 1 }
        // The digits as an integer and the power of ten that scales it, for the fast path below; more
        // than 19 significant digits or a huge exponent leave the conversion to the slow path.
        var significand: UInt64 = 0
        var significantDigits = 0
        var fastPathPossible = true
        var hasNonZeroDigit = false
        var exponent = 0

        func isDigit(_ byte: UInt8?) -> Bool { byte.map { $0 &- UInt8(ascii: "0") < 10 } ?? false }
        func accumulate(_ byte: UInt8) {
            let digit = UInt64(byte &- UInt8(ascii: "0"))
            hasNonZeroDigit = hasNonZeroDigit || digit != 0
            if significantDigits < 19 {  // 19 digits always fit in a UInt64
                significand = significand * 10 + digit
                if significand != 0 { significantDigits += 1 }
            } else {
                fastPathPossible = false
            }
        }

        guard isDigit(peek()) else { throw failure("expected a digit after '-'") }
        if peek() == UInt8(ascii: "0") {
            position += 1
            guard !isDigit(peek()) else { throw failure("leading zeros are not allowed in numbers") }
        } else {
            while let byte = peek(), isDigit(byte) {
                accumulate(byte)
                position += 1
            }
        }
        if peek() == UInt8(ascii: ".") {
            position += 1
            guard isDigit(peek()) else { throw failure("expected a digit after the decimal point") }
            while let byte = peek(), isDigit(byte) {
                accumulate(byte)
                exponent -= 1
                position += 1
            }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            position += 1
            let negativeExponent = peek() == UInt8(ascii: "-")
            if negativeExponent || peek() == UInt8(ascii: "+") { position += 1 }
            guard isDigit(peek()) else { throw failure("expected a digit in the exponent") }
            var written = 0
            while let byte = peek(), isDigit(byte) {
                if written < 1_000_000_000 {
                    written = written * 10 + Int(byte &- UInt8(ascii: "0"))
                } else {
                    fastPathPossible = false  // stop before `written` could overflow
                }
                position += 1
            }
            exponent += negativeExponent ? -written : written
        }

        var value: Double
        if fastPathPossible, significand <= 1 << 53, (-22...22).contains(exponent) {
            let power = Self.exactPowersOfTen[abs(exponent)]
            // Both operands are exact, so one IEEE multiplication or division is correctly rounded
            // (Clinger's fast path): the same result as strtod, without making a String.
            value = exponent < 0 ? Double(significand) / power : Double(significand) * power
            if negative { value = -value }
        } else {
            let token = String(decoding: UnsafeBufferPointer(rebasing: input[start..<position]), as: UTF8.self)
            guard let parsed = Double(token) else {
                throw SyntaxError(reason: "invalid number", column: start + 1)
            }
            value = parsed
        }
        guard value.isFinite, value != 0 || !hasNonZeroDigit else {
            throw SyntaxError(reason: "number out of range", column: start + 1)
        }
        return value
    }
}
