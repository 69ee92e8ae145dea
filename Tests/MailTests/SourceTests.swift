import Foundation
import Testing
@_spi(Components) import TriageTestSupport

@testable import Mail

@Suite("Mail sources")
struct SourceTests {
    static let mbox = """
        From a@x Mon Mar  2 10:00:00 2026
        Subject: one

        first body
        >From the start

        From b@x Mon Mar  2 11:00:00 2026
        Subject: two

        second body

        """

    @Test("mbox: split at From lines, >From unescaped, closing blank line dropped")
    func mailbox() throws {
        try TemporaryDirectory.with { folder in
            let path = folder.appendingPathComponent("inbox.mbox").path
            try Self.mbox.write(toFile: path, atomically: true, encoding: .utf8)
            var raws: [RawMail] = []
            try MailSource(path: path).forEachMessage { raws.append($0) }
            #expect(raws.map(\.index) == [0, 1])
            #expect(raws.map(\.name) == ["inbox.mbox#0", "inbox.mbox#1"])
            #expect(String(decoding: raws[0].bytes, as: UTF8.self) == "Subject: one\n\nfirst body\nFrom the start\n")
            #expect(try MailMessage(parsing: raws[1].bytes).body()?.text == "second body\n")
        }
    }

    @Test("an mbox message over the limit is reported with its index and skipped; the next one is read")
    func oversized() throws {
        try TemporaryDirectory.with { folder in
            let path = folder.appendingPathComponent("inbox.mbox").path
            try Self.mbox.replacingOccurrences(of: "first body", with: String(repeating: "y", count: 500))
                .write(toFile: path, atomically: true, encoding: .utf8)
            var limits = MailLimits()
            limits.maxMessageBytes = 200
            var errors: [MailInputError] = []
            var indices: [Int] = []
            try MailSource(path: path, limits: limits).forEachMessage(onError: { errors.append($0) }) {
                indices.append($0.index)
            }
            #expect(errors == [MailInputError(file: path, index: 0, error: .messageTooLarge(limit: 200))])
            #expect(indices == [1])
        }
    }

    @Test("folders: recursive, in path order, files recognised by content, others skipped")
    func folder() throws {
        try TemporaryDirectory.with { folder in
            let sub = folder.appendingPathComponent("b/c")
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            try "From: x@y\nSubject: s\n\nbody".write(
                to: sub.appendingPathComponent("m.txt"), atomically: true, encoding: .utf8)
            try "Date: Mon, 2 Mar 2026 10:00:00 +0000\n\nbody".write(
                to: folder.appendingPathComponent("a.eml"), atomically: true, encoding: .utf8)
            try "id,text\n1,hello\n".write(
                to: folder.appendingPathComponent("a.csv"), atomically: true, encoding: .utf8)
            try "Subject: hidden\n\nx".write(
                to: folder.appendingPathComponent(".hidden.eml"), atomically: true, encoding: .utf8)
            var files: [String] = []
            let skipped = try MailSource(path: folder.path).forEachMessage { files.append($0.name) }
            #expect(files == ["a.eml", "m.txt"])
            #expect(skipped == 1)
            #expect(MailSource.isMail(path: folder.path))
            #expect(MailSource.isMail(path: sub.appendingPathComponent("m.txt").path))
            #expect(!MailSource.isMail(path: folder.appendingPathComponent("a.csv").path))
        }
    }

    @Test("sniffing: envelope line in a .txt is one message; headers without a typical field are not mail")
    func sniffing() {
        #expect(MailSniffer.kind(prefix: Array("From a@b Mon\nSubject: x\n\n".utf8), mailboxName: false) == .message)
        #expect(MailSniffer.kind(prefix: Array("From a@b Mon\nSubject: x\n\n".utf8), mailboxName: true) == .mailbox)
        #expect(MailSniffer.kind(prefix: Array("Key: value\n\n".utf8), mailboxName: false) == nil)
        #expect(MailSniffer.kind(prefix: Array("hello world\n".utf8), mailboxName: false) == nil)
    }
}
