import Foundation
import Testing

@testable import Records

@Suite("RecordValue")
struct RecordValueTests {
    @Test(
        "stringValue formats numbers and booleans",
        arguments: [
            (RecordValue.string("x"), "x" as String?), (.string(""), ""), (.number(3), "3"), (.number(-42), "-42"),
            (.number(12.5), "12.5"), (.number(-0.0), "0"), (.number(1e20), "1e+20"), (.number(0.1), "0.1"),
            (.bool(true), "true"), (.bool(false), "false"), (.null, nil), (.nested, nil),
        ])
    func stringValue(value: RecordValue, expected: String?) {
        #expect(value.stringValue == expected)
    }

    @Test("decoding JSON keeps types; arrays and objects become nested")
    func decoding() throws {
        let json = #"[1, 2.5, "a", "1", true, false, null, [1, 2], {"k": "v"}, -0, 1e3]"#
        let values = try JSONDecoder().decode([RecordValue].self, from: Data(json.utf8))
        #expect(
            values == [
                .number(1), .number(2.5), .string("a"), .string("1"), .bool(true), .bool(false), .null, .nested,
                .nested,
                .number(0), .number(1000),
            ])
    }

    @Test(
        "decoding rejects corrupt values, also inside arrays and objects, instead of calling them nested",
        arguments: [
            "[01]", "[1.]", "[-]", "[1e400]", "[1e-400]", #"["\x"]"#, #"["\ud800"]"#, "[[1, 01]]", #"[{"k": 1e400}]"#,
            #"[{"k": ["\q"]}]"#,
        ])
    func decodingCorruptValues(json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([RecordValue].self, from: Data(json.utf8)) }
    }
}
