import DisputeTriage
import Foundation
import Records
import Testing

@Suite struct DisputeFactsTests {
    @Test func rejectsInvalidNumbers() {
        #expect(throws: DisputeError.self) { _ = try DisputeFacts(amount: -1) }
        #expect(throws: DisputeError.self) { _ = try DisputeFacts(customerValue: -5) }
        #expect(throws: DisputeError.self) { _ = try DisputeFacts(creditScore: 140) }
        #expect(throws: DisputeError.self) { _ = try DisputeFacts(creditScore: .nan) }
        #expect(throws: DisputeError.self) { _ = try DisputeFacts(openBalance: .infinity) }
        #expect(throws: DisputeError.self) { _ = try DisputeFacts(daysPastDue: -2) }
        #expect(throws: DisputeError.emptyText) { _ = try Dispute(id: "x", text: "  \n ", facts: DisputeFacts()) }
    }

    @Test func imputesDocumentedValues() throws {
        let facts = try DisputeFacts(amount: 250)
        #expect(facts.resolvedCustomerValue == DisputeFacts.defaultCustomerValue)
        #expect(facts.resolvedCreditScore == DisputeFacts.defaultCreditScore)
        #expect(facts.resolvedOpenBalance == 250)
        #expect(facts.resolvedDaysPastDue == 0)
        #expect(try DisputeFacts(openBalance: -300).resolvedOpenBalance == -300)
    }

    @Test func recordErrorsNameLineAndField() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("d.jsonl").path
        try Data(
            """
            {"id":"a","text":"fine","credit_score":50}
            {"id":"b","text":"bad score","credit_score":140}
            """.utf8
        ).write(to: URL(fileURLWithPath: path))
        let reader = try RecordReader(path: path)
        _ = try Dispute(record: try #require(try reader.next()))
        let second = try #require(try reader.next())
        do {
            _ = try Dispute(record: second)
            Issue.record("expected an error")
        } catch let error as RecordError {
            #expect(error.line == 2)
            #expect(error.field == "credit_score")
            #expect(error.description.contains("0…100"))
            #expect(error.reason == "140 is invalid: must be within 0…100")
        }
    }

    @Test("DisputeFacts and the record readers apply the same DisputeField rules")
    func oneSchema() throws {
        for field in DisputeField.numbers {
            let bad = field == .openBalance ? Double.infinity : (field == .creditScore ? 101 : -1)
            let record = Record(file: "f.csv", line: 7, fields: ["text": .string("t"), field.name: .number(bad)])
            let error = #expect(throws: RecordError.self) { _ = try Dispute(record: record) }
            #expect(error?.field == field.name && error?.line == 7)
        }
        #expect(
            DisputeField.dispute.map(\.name) == [
                "id", "text", "amount", "customer_value", "open_balance", "credit_score", "days_past_due",
            ])
    }

    @Test("a feedback log line reads back as the same feedback")
    func feedbackLogLineRoundTrip() throws {
        let facts = try DisputeFacts(
            amount: 12.5, customerValue: 900, openBalance: -3, creditScore: 35, daysPastDue: 20)
        let event = Feedback(
            dispute: try Dispute(id: "D-1", text: "Déjà payé \"F-1\"", facts: facts), urgent: true,
            subject: .alreadyPaid,
            severity: .high)
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("log.jsonl").path
        try FeedbackLog(path: path).append([event, event])
        let records = try RecordReader.readAll(path: path)
        #expect(records.count == 2)
        #expect(try Feedback(record: records[1]) == event)
        #expect(throws: DisputeError.self) { try FeedbackLog(path: directory.path).append([event]) }
    }

    @Test func feedbackRecordsNeedUrgentAndKnownLabels() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("f.jsonl").path
        try Data(
            """
            {"text":"t1","urgent":true,"subject":"tax","severity":"high"}
            {"text":"t2"}
            {"text":"t3","urgent":false,"subject":"taxes"}
            """.utf8
        ).write(to: URL(fileURLWithPath: path))
        let records = try RecordReader.readAll(path: path)
        let first = try Feedback(record: records[0])
        #expect(first.urgent && first.subject == .tax && first.severity == .high)
        #expect(throws: RecordError.self) { _ = try Feedback(record: records[1]) }
        do {
            _ = try Feedback(record: records[2])
            Issue.record("expected an error")
        } catch let error as RecordError {
            #expect(error.field == "subject" && error.line == 3 && error.reason.contains("allowed"))
        }
    }
}
