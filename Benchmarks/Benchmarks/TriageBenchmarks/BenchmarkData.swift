import DisputeTriage
import Foundation
import Records

/// Texts for the benchmarks: banking77 (short) and cfpb (long) test texts from `../shared/data`
/// beside the repository, or the dispute corpus when that folder is absent.
enum BenchmarkData {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared =
        ProcessInfo.processInfo.environment["DISPUTETRIAGE_DATA"].map { URL(fileURLWithPath: $0) }
        ?? repository.deletingLastPathComponent().appendingPathComponent("shared/data")

    static func texts(_ dataset: String, file: String = "test.csv", field: String = "text") -> [String] {
        let path = shared.appendingPathComponent(dataset).appendingPathComponent(file).path
        if let records = try? RecordReader.readAll(path: path) {
            return records.compactMap { try? $0.requiredText(field) }
        }
        FileHandle.standardError.write(Data("note: \(path) not found; using TrainingData/disputes.jsonl\n".utf8))
        return corpus.map(\.text)
    }

    static func labelled(_ dataset: String, label: String, file: String = "train.csv") -> (
        texts: [String], labels: [String]
    ) {
        let path = shared.appendingPathComponent(dataset).appendingPathComponent(file).path
        if let records = try? RecordReader.readAll(path: path) {
            let pairs = records.compactMap { r -> (String, String)? in
                guard let t = try? r.requiredText("text"), let l = try? r.requiredText(label) else { return nil }
                return (t, l)
            }
            return (pairs.map(\.0), pairs.map(\.1))
        }
        return (corpus.map(\.text), corpus.map(\.subject))
    }

    static let corpus: [(text: String, subject: String)] = {
        let path = repository.appendingPathComponent("TrainingData/disputes.jsonl").path
        return ((try? RecordReader.readAll(path: path)) ?? []).compactMap { r in
            guard let t = try? r.requiredText("text"), let s = try? r.requiredText("subject") else { return nil }
            return (t, s)
        }
    }()

    /// Disputes with deterministic pseudo-random customer numbers.
    static func disputes(_ texts: [String]) -> [Dispute] {
        texts.enumerated().compactMap { i, text in
            let facts = try? DisputeFacts(
                amount: Double(100 + (i * 7919) % 20_000), customerValue: Double(5_000 + (i * 104_729) % 2_000_000),
                openBalance: Double((i * 15_485_863) % 300_000) - 20_000, creditScore: Double((i * 31) % 101),
                daysPastDue: Double((i * 13) % 120))
            return facts.flatMap { try? Dispute(id: "b\(i)", text: text, facts: $0) }
        }
    }
}
