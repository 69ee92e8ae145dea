import DisputeTriage
import Foundation
import Records
import Testing

/// The committed corpus is what the default model is built from: check it is sound.
@Suite struct TrainingDataTests {
    struct Row { let language: String; let subject: String; let severity: String; let text: String }

    static func rows(_ name: String) throws -> [Row] {
        try RecordReader.readAll(path: Fixtures.trainingData.appendingPathComponent(name).path).map { record in
            Row(
                language: try record.requiredText("language"), subject: try record.requiredText("subject"),
                severity: try record.requiredText("severity"), text: try record.requiredText("text"))
        }
    }

    @Test(arguments: ["disputes.jsonl", "evaluation.jsonl"])
    func parsesWithValidLabelsAndNoDuplicates(file: String) throws {
        let rows = try Self.rows(file)
        #expect(rows.count >= 300)
        var seen = Set<String>()
        for row in rows {
            #expect(Subject(rawValue: row.subject) != nil, "\(row.subject)")
            #expect(Severity(rawValue: row.severity) != nil, "\(row.severity)")
            #expect(["en", "fr"].contains(row.language))
            let key = row.text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(seen.insert(key).inserted, "duplicate text: \(row.text.prefix(60))")
        }
    }

    @Test func corpusMeetsTheDatasheetsCoverage() throws {
        let rows = try Self.rows("disputes.jsonl")
        let french = rows.filter { $0.language == "fr" }.count
        #expect(Double(french) / Double(rows.count) >= 0.40)
        for subject in Subject.allCases {
            let ofSubject = rows.filter { $0.subject == subject.rawValue }
            #expect(ofSubject.count >= 100, "\(subject.rawValue): \(ofSubject.count)")
            for severity in Severity.allCases {
                #expect(
                    ofSubject.contains { $0.severity == severity.rawValue },
                    "\(subject.rawValue) lacks \(severity.rawValue)")
            }
        }
    }

    @Test func trainingAndEvaluationSetsDoNotOverlap() throws {
        let training = Set(try Self.rows("disputes.jsonl").map { $0.text.lowercased() })
        let overlap = try Self.rows("evaluation.jsonl").filter { training.contains($0.text.lowercased()) }
        #expect(overlap.isEmpty)
    }

    @Test func sampleDisputesAreValidInput() throws {
        let records = try RecordReader.readAll(
            path: Fixtures.trainingData.appendingPathComponent("sample_disputes.jsonl").path)
        #expect(records.count >= 20)
        for record in records { _ = try Dispute(record: record) }
    }
}
