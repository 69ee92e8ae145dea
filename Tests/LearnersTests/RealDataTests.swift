import Foundation
@_spi(Components) import Learners
import Testing

/// Trains on real data from `../shared/data` when it is there; skipped with a message otherwise.
@Suite struct RealDataTests {
    static let dataDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/banking77")
    static let available = FileManager.default.fileExists(
        atPath: dataDirectory.appendingPathComponent("train.csv").path)

    /// Minimal CSV reading of (text, intent) for the test; the library's reader is tested in RecordsTests.
    static func load(_ name: String, limit: Int) throws -> (texts: [String], labels: [String]) {
        let content = try String(contentsOf: dataDirectory.appendingPathComponent(name), encoding: .utf8)
        var texts: [String] = []
        var labels: [String] = []
        for line in content.split(separator: "\n").dropFirst().prefix(limit) {
            let parts = line.split(separator: ",", maxSplits: 4, omittingEmptySubsequences: false)
            guard parts.count == 5 else { continue }
            labels.append(String(parts[1]))
            texts.append(String(parts[4]).trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
        }
        return (texts, labels)
    }

    @Test(.enabled(if: available, "../shared/data/banking77 is absent: real-data test skipped"))
    func banking77SubsetIsLearned() throws {
        let train = try Self.load("train.csv", limit: 4000)
        let test = try Self.load("test.csv", limit: 800)
        var options = TrainingOptions()
        options.tuning = nil  // one fit: the settings search is covered by ModelSelectionTests
        options.calibrationFolds = 0
        let classifier = try TextClassifier.train(
            texts: train.texts, labels: train.labels, labelField: "intent", options: options)
        let correct = zip(test.texts, test.labels).filter { classifier.predict($0.0) == $0.1 }.count
        let accuracy = Double(correct) / Double(test.texts.count)
        #expect(accuracy > 0.75, "accuracy \(accuracy)")
    }
}
