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
}
