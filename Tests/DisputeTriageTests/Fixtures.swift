import DisputeTriage
import Foundation

/// Paths and shared values for the domain tests.
enum Fixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let trainingData = repository.appendingPathComponent("TrainingData")

    /// The shipped model (loaded afresh on each use, so tests cannot affect each other).
    static var defaultModel: TriageModel { get throws { try TriageModel.loadDefault() } }

    static func dispute(
        _ id: String, _ text: String, amount: Double? = 1_000, value: Double? = 50_000, balance: Double? = 10_000,
        score: Double? = 60, days: Double? = 15
    ) throws -> Dispute {
        try Dispute(
            id: id, text: text,
            facts: DisputeFacts(
                amount: amount, customerValue: value, openBalance: balance, creditScore: score, daysPastDue: days))
    }

    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dt-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
