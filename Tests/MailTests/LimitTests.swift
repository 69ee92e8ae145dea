import Testing

@testable import Mail

@Suite("Limits")
struct LimitTests {
    static func nested(depth: Int) -> String {
        var text = "Content-Type: text/plain\n\nleaf\n"
        for level in 0..<depth {
            text = "Content-Type: multipart/mixed; boundary=b\(level)\n\n--b\(level)\n" + text + "--b\(level)--\n"
        }
        return text
    }

    @Test("each limit gives its own error; just under it parses")
    func limits() throws {
        var limits = MailLimits()
        limits.maxDepth = 3
        #expect(throws: MailError.nestingTooDeep(limit: 3)) {
            try MailFixtures.message(Self.nested(depth: 4), limits: limits)
        }
        _ = try MailFixtures.message(Self.nested(depth: 3), limits: limits)

        limits = MailLimits()
        limits.maxParts = 4
        #expect(throws: MailError.tooManyParts(limit: 4)) {
            try MailFixtures.message(Self.nested(depth: 4), limits: limits)
        }
        _ = try MailFixtures.message(Self.nested(depth: 3), limits: limits)

        limits = MailLimits()
        limits.maxHeaderBytes = 100
        let longHeader = "Subject: " + String(repeating: "x", count: 200) + "\n\nbody"
        #expect(throws: MailError.headerTooLarge(limit: 100)) { try MailFixtures.message(longHeader, limits: limits) }
        let folded = "Subject: a\n" + String(repeating: " continued\n", count: 20) + "\nbody"
        #expect(throws: MailError.headerTooLarge(limit: 100)) { try MailFixtures.message(folded, limits: limits) }

        limits = MailLimits()
        limits.maxMessageBytes = 50
        #expect(throws: MailError.messageTooLarge(limit: 50)) {
            try MailFixtures.message(String(repeating: "a", count: 60), limits: limits)
        }

        limits = MailLimits()
        limits.maxDecodedBytes = 10
        let big = try MailFixtures.message(
            "Content-Transfer-Encoding: base64\n\n" + String(repeating: "QUFB", count: 10), limits: limits)
        #expect(throws: MailError.decodedTooLarge(limit: 10)) { try big.body() }
        let small = try MailFixtures.message("Content-Transfer-Encoding: base64\n\nQUFB", limits: limits)
        #expect(try small.body()?.text == "AAA")
    }

    @Test("the intake error names the file and position")
    func intakeError() {
        var limits = MailLimits()
        limits.maxParts = 1
        let raw = RawMail(file: "inbox.mbox", index: 7, inMailbox: true, bytes: Array(Self.nested(depth: 1).utf8))
        #expect(throws: MailInputError(file: "inbox.mbox", index: 7, error: .tooManyParts(limit: 1))) {
            try IntakeMessage(raw, limits: limits)
        }
        #expect(
            MailInputError(file: "inbox.mbox", index: 7, error: .tooManyParts(limit: 1)).description
                == "inbox.mbox: message 7: more than 1 MIME parts")
    }
}
