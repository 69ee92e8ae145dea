import Testing

@testable import Records

@Suite("Record")
struct RecordTests {
    static func record(_ fields: [String: RecordValue]) -> Record {
        Record(file: "disputes.csv", line: 14, fields: fields)
    }

    /// Expects `body` to throw a RecordError at disputes.csv:14 for `field`, with `fragments` in the reason.
    static func expectError(
        field: String, _ fragments: [String], sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () throws -> Void
    ) {
        do {
            try body()
            Issue.record("expected a RecordError for \(field)", sourceLocation: sourceLocation)
        } catch let error as RecordError {
            #expect(error.file == "disputes.csv", sourceLocation: sourceLocation)
            #expect(error.line == 14, sourceLocation: sourceLocation)
            #expect(error.field == field, sourceLocation: sourceLocation)
            for fragment in fragments {
                #expect(error.reason.contains(fragment), "reason: \(error.reason)", sourceLocation: sourceLocation)
            }
            #expect(error.description.hasPrefix("disputes.csv:14: field '\(field)': "), sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected a RecordError, got \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("subscript and error helper")
    func basics() {
        let record = Self.record(["a": .string("x")])
        #expect(record["a"] == .string("x"))
        #expect(record["b"] == nil)
        #expect(record.error("a", "bad") == RecordError(file: "disputes.csv", line: 14, field: "a", reason: "bad"))
        #expect(record.error(nil, "bad").description == "disputes.csv:14: bad")
    }

    // MARK: requiredText

    @Test("requiredText returns non-blank text unchanged")
    func requiredTextPresent() throws {
        let record = Self.record(["text": .string("  refund please "), "x": .string("a")])
        #expect(try record.requiredText("text") == "  refund please ")
        #expect(try record.requiredText("x") == "a")
    }

    @Test("requiredText: missing field names the field and lists the fields present")
    func requiredTextMissing() {
        let record = Self.record(["b": .string("1"), "a": .string("2")])
        Self.expectError(field: "text", ["missing", "a, b"]) { _ = try record.requiredText("text") }
    }

    @Test("requiredText: blank text is an error", arguments: ["", " ", "\t\n", "\u{00A0}"])
    func requiredTextBlank(text: String) {
        let record = Self.record(["text": .string(text)])
        Self.expectError(field: "text", ["is empty"]) { _ = try record.requiredText("text") }
    }

    @Test(
        "requiredText: non-string values are errors naming the type",
        arguments: [
            (RecordValue.number(3), "a number"), (.bool(true), "a boolean"), (.null, "null"),
            (.nested, "an array or object"),
        ])
    func requiredTextWrongType(value: RecordValue, typeName: String) {
        let record = Self.record(["text": value])
        Self.expectError(field: "text", ["expected text", typeName]) { _ = try record.requiredText("text") }
    }

    // MARK: optionalText

    @Test("optionalText: absent, null and empty are nil; numbers and booleans are formatted")
    func optionalText() throws {
        let record = Self.record([
            "s": .string("hi"), "e": .string(""), "z": .null, "n": .number(12.5), "i": .number(3), "b": .bool(false),
            "o": .nested,
        ])
        #expect(try record.optionalText("s") == "hi")
        #expect(try record.optionalText("e") == nil)
        #expect(try record.optionalText("z") == nil)
        #expect(try record.optionalText("absent") == nil)
        #expect(try record.optionalText("n") == "12.5")
        #expect(try record.optionalText("i") == "3")
        #expect(try record.optionalText("b") == "false")
        Self.expectError(field: "o", ["expected text"]) { _ = try record.optionalText("o") }
    }

    // MARK: optionalNumber

    @Test("optionalNumber: absent, null and empty or blank text are nil")
    func optionalNumberAbsent() throws {
        let record = Self.record(["z": .null, "e": .string(""), "w": .string("   ")])
        for name in ["z", "e", "w", "absent"] {
            #expect(try record.optionalNumber(name) == nil)
            #expect(try record.optionalNumber(name, in: 0...1) == nil)
        }
    }

    @Test(
        "optionalNumber accepts numbers and numeric strings",
        arguments: [
            (RecordValue.number(5), 5.0), (.number(-0.25), -0.25), (.string("12.5"), 12.5), (.string(" 7 "), 7),
            (.string("-3e2"), -300), (.string("0"), 0), (.string("+4"), 4), (.string(".5"), 0.5),
        ])
    func optionalNumberAccepts(value: RecordValue, expected: Double) throws {
        #expect(try Self.record(["n": value]).optionalNumber("n") == expected)
    }

    @Test("optionalNumber rejects non-numeric text", arguments: ["abc", "12abc", "1,5", "--1", "1 2", "e"])
    func optionalNumberRejectsText(text: String) {
        Self.expectError(field: "n", ["'\(text)' is not a number"]) {
            _ = try Self.record(["n": .string(text)]).optionalNumber("n")
        }
    }

    @Test(
        "optionalNumber rejects NaN and infinities", arguments: ["NaN", "nan", "inf", "-inf", "infinity", "-Infinity"])
    func optionalNumberRejectsNonFinite(text: String) {
        Self.expectError(field: "n", ["not a finite number"]) {
            _ = try Self.record(["n": .string(text)]).optionalNumber("n")
        }
    }

    @Test("optionalNumber rejects non-finite JSON numbers")
    func optionalNumberRejectsNonFiniteNumber() {
        for value in [Double.nan, .infinity, -.infinity] {
            Self.expectError(field: "n", ["not a finite number"]) {
                _ = try Self.record(["n": .number(value)]).optionalNumber("n")
            }
        }
    }

    @Test("optionalNumber rejects booleans and nested values")
    func optionalNumberRejectsTypes() {
        Self.expectError(field: "n", ["expected a number", "a boolean"]) {
            _ = try Self.record(["n": .bool(true)]).optionalNumber("n")
        }
        Self.expectError(field: "n", ["expected a number", "an array or object"]) {
            _ = try Self.record(["n": .nested]).optionalNumber("n")
        }
    }

    @Test("optionalNumber: range bounds are inclusive")
    func optionalNumberRangeInclusive() throws {
        #expect(try Self.record(["n": .string("0")]).optionalNumber("n", in: 0...100) == 0)
        #expect(try Self.record(["n": .string("100")]).optionalNumber("n", in: 0...100) == 100)
        #expect(try Self.record(["n": .number(50.5)]).optionalNumber("n", in: 0...100) == 50.5)
    }

    @Test("optionalNumber: out of range names the value and the range")
    func optionalNumberOutOfRange() {
        Self.expectError(field: "credit_score", ["140 is outside 0…100"]) {
            _ = try Self.record(["credit_score": .string("140")]).optionalNumber("credit_score", in: 0...100)
        }
        Self.expectError(field: "n", ["-1 is outside 0…100"]) {
            _ = try Self.record(["n": .number(-1)]).optionalNumber("n", in: 0...100)
        }
        Self.expectError(field: "n", ["100.5 is outside 0…100"]) {
            _ = try Self.record(["n": .number(100.5)]).optionalNumber("n", in: 0...100)
        }
        Self.expectError(field: "n", ["2 is outside 0.5…1.5"]) {
            _ = try Self.record(["n": .string("2")]).optionalNumber("n", in: 0.5...1.5)
        }
    }

    @Test("the RecordError description matches the documented example")
    func documentedExample() throws {
        let error = try #require(throws: RecordError.self) {
            _ = try Self.record(["credit_score": .number(140)]).optionalNumber("credit_score", in: 0...100)
        }
        #expect(error.description == "disputes.csv:14: field 'credit_score': 140 is outside 0…100")
    }

    // MARK: optionalBool

    @Test(
        "optionalBool accepts true/false/yes/no/y/n/1/0 in any case",
        arguments: [
            ("true", true), ("TRUE", true), ("True", true), ("yes", true), ("Yes", true), ("y", true), ("Y", true),
            ("1", true), (" true ", true),
            ("false", false), ("FALSE", false), ("no", false), ("NO", false), ("n", false), ("N", false), ("0", false),
        ])
    func optionalBoolText(text: String, expected: Bool) throws {
        #expect(try Self.record(["b": .string(text)]).optionalBool("b") == expected)
    }

    @Test("optionalBool: JSON booleans, 0/1 numbers, and absent values")
    func optionalBoolValues() throws {
        let record = Self.record([
            "t": .bool(true), "f": .bool(false), "one": .number(1), "zero": .number(0), "z": .null, "e": .string(""),
            "w": .string("  "),
        ])
        #expect(try record.optionalBool("t") == true)
        #expect(try record.optionalBool("f") == false)
        #expect(try record.optionalBool("one") == true)
        #expect(try record.optionalBool("zero") == false)
        #expect(try record.optionalBool("z") == nil)
        #expect(try record.optionalBool("e") == nil)
        #expect(try record.optionalBool("w") == nil)
        #expect(try record.optionalBool("absent") == nil)
    }

    @Test("optionalBool rejects other text", arguments: ["maybe", "2", "on", "tru", "-1"])
    func optionalBoolRejectsText(text: String) {
        Self.expectError(field: "b", ["'\(text)' is not a boolean"]) {
            _ = try Self.record(["b": .string(text)]).optionalBool("b")
        }
    }

    @Test("optionalBool rejects other numbers and nested values")
    func optionalBoolRejectsValues() {
        Self.expectError(field: "b", ["expected a boolean", "a number"]) {
            _ = try Self.record(["b": .number(2)]).optionalBool("b")
        }
        Self.expectError(field: "b", ["expected a boolean", "a number"]) {
            _ = try Self.record(["b": .number(0.5)]).optionalBool("b")
        }
        Self.expectError(field: "b", ["expected a boolean", "an array or object"]) {
            _ = try Self.record(["b": .nested]).optionalBool("b")
        }
    }
}

/// The fast test of a required text agrees with `Character.isWhitespace` on every kind of start.
@Suite struct NonWhitespaceTests {
    @Test(arguments: [
        "", " ", "\t\n\r ", "\u{A0}", "\u{2003}\u{3000}", " a", "a", "~", "!", "\u{7F}", "\u{1}",
        "e\u{301}", " \u{301}", "\u{301}", "\u{A0}x", "é", "日本", "\r\n", "\u{85}", "\u{200B}", "\u{FEFF}",
    ])
    func agreesWithCharacterIsWhitespace(text: String) {
        #expect(text.containsNonWhitespace == text.contains { !$0.isWhitespace })
        #expect(Substring(text).containsNonWhitespace == text.contains { !$0.isWhitespace })
    }
}
