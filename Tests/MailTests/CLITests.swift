import Foundation
import Testing
@_spi(Components) import TriageTestSupport

/// Runs the built `triage` tool (``TriageExecutable``) on mail inputs and checks its output.
@Suite("triage mail / score on e-mail")
struct CLITests {
    static var triageBuilt: Bool { TriageExecutable.url != nil }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let outcome = try TriageExecutable.run(arguments)
        return (outcome.status, outcome.output, outcome.standardError)
    }

    static func records(_ output: String) throws -> [[String: Any]] {
        try output.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    static let thread = """
        From billing@client.example Mon Mar  2 10:00:00 2026
        Message-ID: <m1@client.example>
        From: Buyer <billing@client.example>
        Date: Mon, 2 Mar 2026 10:00:00 +0000
        Subject: Invoice INV-88 charged twice

        We were charged twice for invoice INV-88, please refund the duplicate payment.

        From ar@supplier.example Tue Mar  3 10:00:00 2026
        Message-ID: <m2@supplier.example>
        In-Reply-To: <m1@client.example>
        From: AR <ar@supplier.example>
        Date: Tue, 3 Mar 2026 10:00:00 +0000
        Subject: Re: Invoice INV-88 charged twice
        Content-Type: text/html; charset=iso-8859-1
        Content-Transfer-Encoding: quoted-printable

        <p>We are checking.</p><p>Le 2 mars 2026, Buyer a =E9crit :</p><blockquote>We were charged twice</blockquote>

        From x@other.example Wed Mar  4 10:00:00 2026
        From: X <x@other.example>
        Subject: Damaged pallets

        Three pallets arrived crushed.

        """

    @Test("triage mail prints every field per message, with threads and removals", .enabled(if: triageBuilt))
    func mail() throws {
        try TemporaryDirectory.with { folder in
            let path = folder.appendingPathComponent("inbox.mbox").path
            try Self.thread.write(toFile: path, atomically: true, encoding: .utf8)
            let result = try Self.run(["mail", "--data", path, "--format", "jsonl"])
            #expect(result.status == 0, "\(result.error)")
            let records = try Self.records(result.output)
            #expect(records.count == 3)
            #expect(
                records.map { $0["id"] as? String } == ["m1@client.example", "m2@supplier.example", "inbox.mbox#2"])
            #expect(records.map { $0["index"] as? Int } == [0, 1, 2])
            #expect(
                records.map { $0["thread_id"] as? String } == [
                    "m1@client.example", "m1@client.example", "inbox.mbox#2",
                ])
            #expect(records[1]["body_type"] as? String == "text/html")
            #expect((records[1]["body"] as? String)?.contains("<blockquote>") == true)
            #expect(records[1]["text"] as? String == "We are checking.")
            let removed = records[1]["removed"] as? [[String: Any]]
            #expect(removed?.first?["kind"] as? String == "quoted_lines")  // the attribution above a <blockquote>
            for key in ["file", "message_id", "from", "date", "subject", "attachments"] {
                #expect(records[0].keys.contains(key), "\(key)")
            }
        }
    }

    @Test(
        "triage score on an mbox: one record per thread, carrying from/date/subject/customer_id",
        .enabled(if: triageBuilt))
    func score() throws {
        try TemporaryDirectory.with { folder in
            let path = folder.appendingPathComponent("inbox.mbox").path
            try Self.thread.write(toFile: path, atomically: true, encoding: .utf8)
            let senders = folder.appendingPathComponent("senders.csv").path
            try "sender,customer_id\n@client.example,C-7\nx@other.example,C-9\n".write(
                toFile: senders, atomically: true, encoding: .utf8)
            let result = try Self.run(["score", "--data", path, "--senders", senders])
            #expect(result.status == 0, "\(result.error)")
            let records = try Self.records(result.output)
            #expect(records.map { $0["id"] as? String } == ["m2@supplier.example", "inbox.mbox#2"])
            #expect(records.map { $0["customer_id"] as? String } == ["C-7", "C-9"])
            let mail = records.map { $0["mail"] as? [String: Any] ?? [:] }
            #expect(mail.map { $0["messages"] as? Int } == [2, 1])
            #expect(mail.map { $0["thread_id"] as? String } == ["m1@client.example", "inbox.mbox#2"])
            #expect(mail[0]["subject"] as? String == "Re: Invoice INV-88 charged twice")
            #expect(mail[1]["from"] as? String == "X <x@other.example>")
            #expect(mail[1]["date"] is NSNull)
            #expect((records[0]["subject"] as? [String: Any])?["label"] != nil && records[0]["priority"] != nil)
            try "sender,customer\nx@other.example,C-9\n".write(toFile: senders, atomically: true, encoding: .utf8)
            let bad = try Self.run(["score", "--data", path, "--senders", senders])
            #expect(bad.status != 0)
            #expect(bad.error.contains("senders.csv:2") && bad.error.contains("customer_id"), "\(bad.error)")
            let csv = try Self.run(["score", "--data", path, "--format", "csv"])
            #expect(
                csv.output.hasPrefix(
                    "id,priority,subject,subject_probability,severity,severity_probability,explanation,thread_id,messages,from,date,mail_subject,customer_id\n"
                ))
        }
    }

    @Test("a single .eml file scores with its file name as id when it has no Message-ID", .enabled(if: triageBuilt))
    func singleFile() throws {
        try TemporaryDirectory.with { folder in
            let path = folder.appendingPathComponent("complaint.eml").path
            try "Subject: VAT\n\nThe VAT rate on F-3 is 20% instead of 5.5%.\n".write(
                toFile: path, atomically: true, encoding: .utf8)
            let result = try Self.run(["score", "--data", path, "--no-explanation"])
            #expect(result.status == 0, "\(result.error)")
            #expect(try Self.records(result.output).first?["id"] as? String == "complaint.eml")
        }
    }
}
