import Foundation
import Testing

@testable import ModelFormat

@Suite("JSONString")
struct JSONStringTests {
    /// The escaping `SafeTensors` and `triage`'s JSONText each had before they shared
    /// `JSONString` (Unicode scalar by scalar): the shared one must give the same bytes.
    static func reference(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static let samples = [
        "", "plain", "say \"hi\"", "back\\slash", "line\nbreak\ttab\rreturn", "a/b", "del\u{7F}",
        "Überweisung → 返金 🧾", "e\u{301}", "👨‍👩‍👧 \r\n", "\"\\\"\\",
        String(decoding: (0..<0x20).map { UInt8($0) }, as: UTF8.self),
        String(repeating: "long text with \"quotes\" ", count: 200),
    ]

    @Test("escapes like the previous implementations", arguments: samples)
    func matchesReference(text: String) {
        #expect(JSONString.quoted(text) == Self.reference(text))
        var bytes: [UInt8] = [0x41]
        JSONString.append(text, to: &bytes)
        #expect(bytes == [0x41] + Array(Self.reference(text).utf8))
    }

    @Test("the literal reads back as the same string", arguments: samples)
    func roundTrip(text: String) throws {
        let decoded = try JSONSerialization.jsonObject(
            with: Data(JSONString.quoted(text).utf8), options: .fragmentsAllowed)
        #expect(decoded as? String == text)
    }

    @Test("control characters use the short escapes or \\u00xx in lower case")
    func controlCharacters() {
        #expect(JSONString.quoted("\u{00}\u{1F}\u{0B}\n") == #""\u0000\u001f\u000b\n""#)
        #expect(JSONString.quoted("a\"b\\c") == #""a\"b\\c""#)
    }

    @Test("bridged (non-native) strings are escaped too")
    func bridged() {
        let text = NSString(string: "ns \"string\" é").description
        #expect(JSONString.quoted(text) == Self.reference(text))
    }

    @Test("arrays of strings read as JSONDecoder reads them, or are left to it")
    func decodeArray() throws {
        let decoder = JSONDecoder()
        let arrays = [
            #"["a","",  "b c" , "say \"hi\"\n\t\r\b\f\/ \\ é"]"#, "[]", " [ ] ", #"["only"]"#,
            "[\"caf\u{E9}\",\n\"x\"]\n", #"["<num> po","deja paye"]"#,
        ]
        for text in arrays {
            let bytes = Array(text.utf8)
            let expected = try decoder.decode([String].self, from: Data(bytes))
            #expect(JSONString.decodeArray(bytes) == expected, "\(text)")
        }
        // Anything else is not read here (nil), so the caller's JSONDecoder decides.
        let others: [[UInt8]] = [
            Array(#"["\u00e9"]"#.utf8), Array(#"["a",]"#.utf8), Array(#"["a"] x"#.utf8), Array(#"{"a":1}"#.utf8),
            Array(#"["a" "b"]"#.utf8), Array(#"[1]"#.utf8), Array(#"["a"#.utf8), Array("[\"a\tb\"]".utf8),
            [0x5B, 0x22, 0xFF, 0x22, 0x5D], [0x5B, 0x22, 0x5C, 0x6E, 0xC3, 0x22, 0x5D], [0xFF, 0x5B, 0x5D], [],
        ]
        for bytes in others { #expect(JSONString.decodeArray(bytes) == nil, "\(bytes)") }
        // The shipped model's feature names.
        let names = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../Models/default/features.0.json")
        let bytes = try [UInt8](Data(contentsOf: names))
        let fast = try #require(JSONString.decodeArray(bytes))
        #expect(fast == (try decoder.decode([String].self, from: Data(bytes))))
    }

    @Test("arrays of strings written as JSONEncoder writes them, byte for byte")
    func encoderArray() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let ascii = (0..<0x80).map { String(UnicodeScalar(UInt8($0))) }
        let arrays: [[String]] = [
            [], [""], Self.samples, ascii, ["x\u{8}y\u{C}z/", "a\u{0}b", "\u{2028}\u{2029}", "\u{10FFFF}"],
            [NSString(string: "ns / \"bridged\"").description, "<num> po", "deja paye"],
        ]
        for strings in arrays {
            let expected = try [UInt8](encoder.encode(strings))
            #expect(JSONString.encoderArray(strings) == expected, "\(strings)")
        }
        // The shipped model's feature names, written back.
        let names = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../Models/default/features.0.json")
        let bytes = try [UInt8](Data(contentsOf: names))
        let decoded = try JSONDecoder().decode([String].self, from: Data(bytes))
        #expect(JSONString.encoderArray(decoded) == bytes)
    }
}
