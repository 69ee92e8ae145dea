import Testing

@testable import Mail

@Suite("Charsets")
struct CharsetTests {
    @Test("names and aliases")
    func names() {
        #expect(Charset(name: "ISO-8859-1") == .latin1)
        #expect(Charset(name: "latin1") == .latin1)
        #expect(Charset(name: "iso_8859-15") == .latin9)
        #expect(Charset(name: "CP1252") == .windows1252)
        #expect(Charset(name: "us-ascii") == .ascii)
        #expect(Charset(name: "UTF8") == .utf8)
        #expect(Charset(name: "koi8-r") == nil)
        #expect(Charset.named("koi8-r") == .utf8)
    }

    @Test("the bytes where the single-byte charsets differ")
    func differences() {
        let bytes: [UInt8] = [0x80, 0xA4, 0xE9, 0xBD]
        #expect(Charset.latin1.decode(bytes) == "\u{80}¤é½")
        #expect(Charset.latin9.decode(bytes) == "\u{80}€éœ")
        #expect(Charset.windows1252.decode(bytes) == "€¤é½")
    }

    @Test("invalid bytes become U+FFFD")
    func invalid() {
        #expect(Charset.utf8.decode([0x61, 0xFF, 0x62, 0xC3]) == "a\u{FFFD}b\u{FFFD}")
        #expect(Charset.ascii.decode([0x61, 0xE9]) == "a\u{FFFD}")
        #expect(Charset.windows1252.decode([0x81, 0x8D]) == "\u{FFFD}\u{FFFD}")
    }

    @Test("a body in each charset")
    func bodies() throws {
        for (name, bytes, expected) in [
            ("iso-8859-1", [0x72, 0xE9, 0x67, 0x6C, 0xE9], "réglé"),
            ("iso-8859-15", [0xA4, 0x20, 0xBD, 0x75, 0x76, 0x72, 0x65], "€ œuvre"),
            ("windows-1252", [0x93, 0x6F, 0x6B, 0x94, 0x20, 0x80], "“ok” €"),
            ("us-ascii", [0x6F, 0x6B], "ok"),
        ] as [(String, [UInt8], String)] {
            let raw = Array("Content-Type: text/plain; charset=\(name)\r\n\r\n".utf8) + bytes
            #expect(try MailMessage(parsing: raw).body()?.text == expected, "\(name)")
        }
    }

    @Test("raw 8-bit header bytes: UTF-8 when valid, else Windows-1252")
    func rawHeaders() throws {
        let utf8 = try MailMessage(parsing: Array("Subject: Réclamation\r\n\r\n".utf8))
        #expect(utf8.subject == "Réclamation")
        let latin = try MailMessage(parsing: [
            0x53, 0x75, 0x62, 0x6A, 0x65, 0x63, 0x74, 0x3A, 0x20, 0x72, 0xE9, 0x0D, 0x0A, 0x0D, 0x0A,
        ])
        #expect(latin.subject == "ré")
    }
}
