import Foundation
import Testing

@testable import Records

@Suite("JSONObjectParser")
struct JSONObjectParserTests {
    typealias SyntaxError = JSONObjectParser.SyntaxError

    static func parse(_ text: String) throws(SyntaxError) -> [String: RecordValue] {
        var parser = JSONObjectParser()
        return try parser.parse(Array(text.utf8))
    }

    /// The error for `text`, or `nil` (recorded as an issue) when it parses.
    static func syntaxError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> SyntaxError? {
        do {
            let fields = try parse(text)
            Issue.record("expected a syntax error, got \(fields)", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Values

    @Test("every value type, with white space (space, tab, CR, LF) around every token")
    func valueTypes() throws {
        let line =
            " \t{ \"s\" : \"x\" ,\"e\":\"\",\"n\":12.5,\"i\":3,\"neg\":-4e2,\"z0\":-0,\"t\":true,\"f\":false,\r\n"
            + "\"null\":null,\"a\":[1, [2], {\"k\": [\"v\"]}],\"o\":{\"k\":1,\"k\":2},\"ea\":[],\"eo\":{ } } \t"
        let fields = try Self.parse(line)
        #expect(
            fields == [
                "s": .string("x"), "e": .string(""), "n": .number(12.5), "i": .number(3), "neg": .number(-400),
                "z0": .number(0), "t": .bool(true), "f": .bool(false), "null": .null, "a": .nested, "o": .nested,
                "ea": .nested, "eo": .nested,
            ])
        guard case let .number(zero)? = fields["z0"] else { return }
        #expect(zero.sign == .minus)  // -0 keeps its sign, like strtod
        #expect(try Self.parse("{}").isEmpty)
        #expect(try Self.parse(" { } ").isEmpty)
    }

    @Test(
        "numbers match strtod exactly, on the fast path and off it",
        arguments: [
            "0", "-0", "1", "-1", "12.5", "0.1", "0.2", "0.30000000000000004", "3.14159", "1e0", "1E+2", "1e-2",
            "1.5e-3", "123456789012345", "9007199254740992", "9007199254740993", "18446744073709551616",
            "1234567890123456789012", "0.000001", "1e22", "1e23", "4.35e-22", "1e-22", "1e-23", "5e-324",
            "2.4703282292062328e-324", "1.7976931348623157e308", "2.2250738585072011e-308", "0e999999999999",
            "-0.0e-5", "1.00000000000000011102230246251565404236316680908203125", "7e-10", "89255e-22",
        ])
    func numbers(text: String) throws {
        let fields = try Self.parse("{\"n\":\(text)}")
        let expected = try #require(Double(text))
        guard case let .number(value)? = fields["n"] else {
            Issue.record("\(text) parsed as \(String(describing: fields["n"]))")
            return
        }
        #expect(value.bitPattern == expected.bitPattern, "\(text): \(value) vs strtod \(expected)")
    }

    @Test("fast-path numbers agree with strtod on many generated decimals")
    func generatedNumbers() throws {
        var state: UInt64 = 0x5EED
        func random() -> UInt64 {  // Knuth's MMIX linear congruential step: reproducible variety
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        var parser = JSONObjectParser()
        var mismatches: [String] = []
        for _ in 0..<20_000 {
            let digits = String(random() % 10_000_000_000_000_000)
            let point = Int(random() % UInt64(digits.count + 1))
            var text = point == 0 ? digits : String(digits.prefix(point)) + "." + digits.dropFirst(point)
            if text.hasSuffix(".") { text += "0" }
            while text.count > 1 && text.hasPrefix("0") && !text.hasPrefix("0.") { text.removeFirst() }
            if random() % 2 == 0 { text += "e" + String(Int(random() % 61) - 30) }
            if random() % 2 == 0 { text = "-" + text }
            let fields = try parser.parse(Array("{\"n\":\(text)}".utf8))
            guard case let .number(value)? = fields["n"], let expected = Double(text),
                value.bitPattern == expected.bitPattern
            else {
                mismatches.append(text)
                continue
            }
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
    }

    @Test("escapes, surrogate pairs, \\u0000 and upper- or lower-case hex")
    func escapes() throws {
        let fields = try Self.parse(
            #"{"e":"\"\\\/\b\f\n\r\t","u":"\u00e9\u00C9\u0000x","p":"\ud83e\uddfe\uD800\uDC00\uDBFF\uDFFF","m":"a\u0041b\n"}"#
        )
        #expect(fields["e"] == .string("\"\\/\u{08}\u{0C}\n\r\t"))
        #expect(fields["u"] == .string("éÉ\u{0}x"))
        #expect(fields["p"] == .string("🧾\u{10000}\u{10FFFF}"))
        #expect(fields["m"] == .string("aAb\n"))
        if case let .string(text)? = fields["u"] { #expect(Array(text.utf8) == [0xC3, 0xA9, 0xC3, 0x89, 0x00, 0x78]) }
    }

    @Test("unicode text in field names and values, raw and escaped")
    func unicodeText() throws {
        let fields = try Self.parse(#"{"café":"naïve résumé 🧾","名前":"日本語","\u00e9t\u00e9":"e\u0301", "💳":"\u20AC 12"}"#)
        #expect(
            fields == [
                "café": .string("naïve résumé 🧾"), "名前": .string("日本語"), "été": .string("e\u{301}"),
                "💳": .string("€ 12"),
            ])
    }

    @Test("a string slice inside a larger buffer: the parser reads only its bytes")
    func bufferSlice() throws {
        let bytes = Array("{\"a\":\"b\"}{\"ignored\":1}".utf8)
        var parser = JSONObjectParser()
        let fields = try bytes.withUnsafeBufferPointer { (buffer) throws(SyntaxError) in
            try parser.parse(UnsafeBufferPointer(rebasing: buffer[0..<9]))
        }
        #expect(fields == ["a": .string("b")])
        // The same parser, reused, after an error and with escapes (its scratch buffers are reused).
        #expect(throws: SyntaxError.self) { try parser.parse(Array(#"{"a":"\q"}"#.utf8)) }
        #expect(
            try parser.parse(Array(#"{"b":"x\ty","c":"\u0041"}"#.utf8)) == ["b": .string("x\ty"), "c": .string("A")])
    }

    @Test("nesting up to the limit is accepted; one level more is an error, however deep")
    func nestingDepth() throws {
        func nested(_ levels: Int) -> String {
            "{\"a\":" + String(repeating: "[", count: levels) + String(repeating: "]", count: levels) + "}"
        }
        let limit = JSONObjectParser.maxDepth
        #expect(try Self.parse(nested(limit - 1)) == ["a": .nested])
        let tooDeep = try #require(Self.syntaxError(nested(limit)))
        #expect(tooDeep.reason == "nesting deeper than 512 levels")
        #expect(tooDeep.column == 5 + limit)  // the bracket that opens level 513
        #expect(Self.syntaxError(nested(200_000))?.reason == "nesting deeper than 512 levels")
        let objects =
            "{\"a\":" + String(repeating: "{\"b\":", count: limit - 1) + "1" + String(repeating: "}", count: limit)
        #expect(try Self.parse(objects) == ["a": .nested])
    }

    // MARK: - Errors

    @Test(
        "syntax errors name the problem",
        arguments: [
            ("trailing comma before '}'", [#"{"a":1,}"#]),
            ("trailing comma before ']'", [#"{"a":[1,]}"#]),
            ("expected ':' after a field name", [#"{"a" 1}"#]),
            ("unterminated string", [#"{"a":"abc}"#, #"{"a":"abc\"#]),
            ("unescaped control character U+0001 in a string", ["{\"a\":\"x\u{1}\"}"]),
            ("unescaped control character U+001F in a string", ["{\"a\":\"x\\n\u{1F}\"}"]),
            ("unescaped control character U+0009 in a string", ["{\"a\tb\":1}"]),
            (#"invalid escape '\x' in a string"#, [#"{"a":"\x"}"#]),
            (#"invalid \u escape (expected 4 hex digits)"#, [#"{"a":"\u12"}"#, #"{"a":"\u12G4"}"#]),
            (
                #"unpaired surrogate \uD800 in a string"#,
                [#"{"a":"\ud800"}"#, #"{"a":"\ud800x"}"#, #"{"a":"\ud800\u0041"}"#, #"{"a":"\ud800\ud800"}"#]
            ),
            (#"unpaired surrogate \uDC00 in a string"#, [#"{"a":"\udc00"}"#]),
            ("leading zeros are not allowed in numbers", [#"{"a":01}"#, #"{"a":-01}"#]),
            ("expected a digit after the decimal point", [#"{"a":1.}"#]),
            ("expected a value", [#"{"a":.5}"#, #"{"a":+1}"#, #"{"a":"#, #"{"a":True}"#]),
            ("expected a digit after '-'", [#"{"a":-}"#]),
            ("expected a digit in the exponent", [#"{"a":1e}"#, #"{"a":1e+}"#]),
            ("number out of range", [#"{"a":1e400}"#, #"{"a":-1e400}"#, #"{"a":1e-400}"#, #"{"a":[1e999999999999]}"#]),
            ("unexpected data after the JSON object", [#"{"a":1} x"#, #"{"a":1}{"b":2}"#, "{}\u{0B}"]),
            ("expected a JSON object", [#"[1,2]"#, #""text""#, "42", "null", "", "\u{0C}{}"]),
            ("expected a field name (a string in double quotes)", [#"{a:1}"#, #"{'a':1}"#]),
            ("expected ',' or '}' after a field value", [#"{"a":1 "b":2}"#, #"{"a":nulll}"#]),
            ("expected ',' or ']' after an array element", [#"{"a":[1 2]}"#, #"{"a":[1}"#]),
            ("invalid literal (expected true)", [#"{"a":tru}"#, #"{"a":[t]}"#]),
            ("invalid literal (expected false)", [#"{"a":fals}"#, #"{"a":f}"#]),
            ("invalid literal (expected null)", [#"{"a":nul}"#, #"{"a":nill}"#]),
            ("duplicate field 'a'", [#"{"a":1,"a":2}"#]),
        ])
    func syntaxErrors(reason: String, lines: [String]) throws {
        for line in lines {
            let error = try #require(Self.syntaxError(line))
            #expect(error.reason == reason, "\(line)")
        }
    }

    @Test(
        "errors give the 1-based byte column of the offending byte",
        arguments: [
            (#"{"amount": 12, "text" "x"}"#, 23),  // the '"' where ':' should be
            (#"{"a":1,}"#, 8),  // the '}' after the comma
            (#"{"a":"abc"#, 6),  // the opening quote of the unterminated string
            ("{\"é\":\"x\u{1}\"}", 9),  // bytes, not characters: "é" is two bytes
            (#"{"a":"ok\ud800"}"#, 9),  // the backslash of the lone surrogate
            (#"{"a":1e400}"#, 6),  // the first byte of the number
            (#"{"a":1,"a":2}"#, 8),  // the second "a"
            (#"{"a":1}  x"#, 10),
            (#"{"a":"#, 6),  // one past the end
            ("   [1]", 4),
        ])
    func errorColumns(line: String, column: Int) throws {
        let error = try #require(Self.syntaxError(line))
        #expect(error.column == column, "\(line): \(error)")
        #expect(error.description == "\(error.reason) at column \(column)")
    }

    @Test("many fields keep their order, and a repeated name is found past the first sixteen")
    func manyFields() throws {
        let names = (0..<40).map { "f\($0)" }
        let line = "{" + names.enumerated().map { "\"\($1)\":\($0)" }.joined(separator: ",") + "}"
        var parser = JSONObjectParser()
        let fields = try Array(line.utf8).withUnsafeBufferPointer { (bytes) throws(SyntaxError) in
            try parser.parseFields(bytes)
        }
        #expect(fields.map(\.name) == names)
        #expect(fields.map(\.value) == (0..<40).map { .number(Double($0)) })
        for repeated in [3, 20, 39] {
            let withRepeat = String(line.dropLast()) + ",\"f\(repeated)\":1}"
            #expect(Self.syntaxError(withRepeat)?.reason == "duplicate field 'f\(repeated)'")
        }
        let record = Record(
            file: "x.jsonl", line: 1, orderedFields: fields.map { Record.Field(name: $0.name, value: $0.value) })
        #expect(record["f25"] == .number(25))
        #expect(record["f40"] == nil)
        #expect(record == Record(file: "x.jsonl", line: 1, fields: record.fields))
        #expect(record != Record(file: "x.jsonl", line: 1, orderedFields: Array(record.orderedFields.dropLast())))
    }

    @Test("a duplicate field names the field; the first error in the line wins")
    func duplicateField() throws {
        let duplicate = try #require(Self.syntaxError(#"{"id":"1","text":"a","id":"2"}"#))
        #expect(duplicate.field == "id")
        #expect(duplicate.description == "duplicate field 'id' at column 22")
        // Names are compared as Swift strings: an escape or a decomposed accent is the same name.
        #expect(Self.syntaxError(#"{"\u0061":1,"a":2}"#)?.field == "a")
        #expect(Self.syntaxError("{\"é\":1,\"e\u{301}\":2}")?.reason.hasPrefix("duplicate field") == true)
        // The duplicate comes before the bad value, so it is the one reported.
        #expect(Self.syntaxError(#"{"a":1,"a":01}"#)?.field == "a")
        // Only the line's own object is checked; nested objects are only validated.
        #expect(try Self.parse(#"{"a":{"k":1,"k":2}}"#) == ["a": .nested])
    }

    @Test("any bytes are safe: invalid UTF-8 in a string is an error, outside one a syntax error")
    func invalidUTF8() throws {
        var parser = JSONObjectParser()
        let inString = Array("{\"a\":\"x".utf8) + [0xFF] + Array("\"}".utf8)
        #expect(throws: SyntaxError(reason: "invalid UTF-8 in a string", column: 7)) { try parser.parse(inString) }
        let escaped = Array("{\"a\":\"\\n".utf8) + [0xC3] + Array("\"}".utf8)
        #expect(throws: SyntaxError(reason: "invalid UTF-8 in a string", column: 7)) { try parser.parse(escaped) }
        let outside = Array("{\"a\":".utf8) + [0xC3, 0xA9] + Array("}".utf8)
        #expect(throws: SyntaxError(reason: "expected a value", column: 6)) { try parser.parse(outside) }
        // Every prefix of a valid line is rejected without reading past its end.
        let line = Array(#"{"a":[1,{"b":"\ud83e\uddfe"}],"c":-1.5e3,"d":null}"#.utf8)
        for length in 0..<line.count {
            let prefix = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: length)
            defer { prefix.deallocate() }
            _ = prefix.initialize(from: line[0..<length])
            #expect(throws: SyntaxError.self) { try parser.parse(UnsafeBufferPointer(prefix)) }
        }
    }

    // MARK: - Against JSONDecoder

    /// Lines on which the parser deliberately differs from `JSONDecoder` (see ``JSONObjectParser``):
    /// it rejects them, `JSONDecoder` accepts them — duplicate fields, trailing commas, and lines that
    /// `JSONDecoder` reads in another encoding (a UTF-8 byte-order mark; NULs in the first four bytes,
    /// taken as UTF-16 or UTF-32: here `{\0}\0` is UTF-16LE for `{}`).
    static let documentedDifferences: Set<String> = [
        #"{"a":1,"a":2}"#, #"{"\u0061":1,"a":"x"}"#, #"{"a":1,}"#, #"{"a":[1,]}"#, #"{"a":{"b":1,},"c":2}"#,
        "\u{FEFF}{\"a\":1}", "{\u{0}}\u{0}",
    ]

    @Test(
        "the parser accepts exactly what JSONDecoder accepts, with equal values",
        arguments: [
            #"{}"#, #" {"a" : 1 } "#, #"{"a":"x","b":-0.5e-3,"c":true,"d":false,"e":null}"#,
            #"{"a":[1,"x",{"b":[null,true,[]]}],"c":{}}"#, #"{"u":"caf\u00e9 \ud83e\uddfe \u0000 \/"}"#,
            "{\"é\":\"naïve 🧾\"}", #"{"n":123456789012345678901234567890}"#, #"{"n":9007199254740993}"#,
            #"{"n":1.7976931348623157e308}"#, #"{"n":4.9e-324}"#, #"{"n":0e999}"#, #"{"n":-0}"#, #"{"n":1E+2}"#,
            #"{"a":1,"a":2}"#, #"{"\u0061":1,"a":"x"}"#, #"{"a":1,}"#, #"{"a":[1,]}"#, #"{"a":{"b":1,},"c":2}"#,
            #"{"a":"\ud800"}"#, #"{"a":"\udc00"}"#, #"{"a":"\ud800\u0041"}"#, #"{"a":1e400}"#, #"{"a":2e-324}"#,
            #"{"a":[1e400]}"#, #"{"a":01}"#, #"{"a":1.}"#, #"{"a":.5}"#, #"{"a":+1}"#, #"{"a":1e}"#, #"{"a":-}"#,
            "{\"a\":\"x\u{1}\"}", #"{"a":"\x"}"#, #"{"a":"\u12"}"#, #"{"a":[1 2]}"#, #"{"a":{"b"}}"#, #"{"a":1} x"#,
            #"{"a":tru}"#, #"[1,2]"#, #""text""#, "42", "null", "\u{0C}{}", "{\"a\":1}\r", #"{,}"#, #"{"a":1,,"b":2}"#,
            "\u{FEFF}{\"a\":1}", "{\u{0}}\u{0}",
        ])
    func agreesWithJSONDecoder(line: String) throws {
        let reference = try? JSONDecoder().decode([String: RecordValue].self, from: Data(line.utf8))
        let parsed = try? Self.parse(line)
        if Self.documentedDifferences.contains(line) {
            #expect(
                parsed == nil && reference != nil,
                "\(line): parser \(String(describing: parsed)), JSONDecoder \(String(describing: reference))")
        } else {
            #expect(parsed == reference, "\(line)")
        }
    }
}
