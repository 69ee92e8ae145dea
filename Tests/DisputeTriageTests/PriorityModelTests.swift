@_spi(Components) import DisputeTriage
import Foundation
@_spi(Components) import LinearAlgebra
import ModelFormat
import Testing

@Suite struct PriorityModelTests {
    static func row(
        severity: Severity = .medium, value: Double = 50_000, balance: Double = 10_000, amount: Double = 1_000,
        score: Double = 60, days: Double = 15
    ) throws -> [Float] {
        var row = [Float](repeating: 0, count: PriorityFeatures.count)
        var severities = [Float](repeating: 0, count: 4)
        severities[severity.level] = 1
        let subject = [Float](repeating: 1 / 15, count: 15)
        PriorityFeatures.fill(
            &row, subject: subject, severity: severities,
            facts: try DisputeFacts(
                amount: amount, customerValue: value, openBalance: balance, creditScore: score, daysPastDue: days))
        return row
    }

    @Test("parameters out of range are named; the defaults are fine")
    func parameterProblems() {
        #expect(PriorityModel.Parameters().problem == nil)
        let cases: [(PriorityModel.Parameters, String)] = [
            (.init(learningRate: .nan), "learningRate"), (.init(learningRate: 0), "learningRate"),
            (.init(recency: 1.5), "recency"), (.init(recency: 0), "recency"),
            (.init(driftThreshold: -1), "driftThreshold"), (.init(driftTolerance: .infinity), "driftTolerance"),
            (.init(driftMemoryScale: 2), "driftMemoryScale"),
        ]
        for (parameters, name) in cases {
            #expect(parameters.problem?.hasPrefix(name + " must be") == true, "\(parameters)")
        }
    }

    @Test func coldStartRanksByTheDocumentedLogic() throws {
        let model = PriorityModel.coldStart()
        let base = model.priority(try Self.row())
        #expect(abs(base - 35) < 0.01)  // the reference dispute
        #expect(model.priority(try Self.row(severity: .critical)) > model.priority(try Self.row(severity: .high)))
        #expect(model.priority(try Self.row(severity: .high)) > base)
        #expect(model.priority(try Self.row(severity: .low)) < base)
        #expect(model.priority(try Self.row(value: 2_000_000)) > base)
        #expect(model.priority(try Self.row(balance: 500_000)) > base)
        #expect(model.priority(try Self.row(score: 10)) > base)
        #expect(model.priority(try Self.row(days: 180)) > base)
        #expect(model.priority(try Self.row(balance: -20_000)) < model.priority(try Self.row(balance: 0)))
    }

    @Test func batchScoringThroughBLASEqualsPerRowScoring() async throws {
        let model = PriorityModel.coldStart()
        var rows: [[Float]] = []
        for severity in Severity.allCases {
            for score in [5.0, 50, 95] { rows.append(try Self.row(severity: severity, score: score)) }
        }
        let matrix = try Matrix(rows: rows.count, columns: PriorityFeatures.count, values: rows.flatMap { $0 })
        let batch = model.priorities(matrix)
        for (i, row) in rows.enumerated() { #expect(abs(batch[i] - model.priority(row)) < 1e-3) }
        // A matrix without PriorityFeatures.count columns is a programming error: it traps.
        await #expect(processExitsWith: .failure) {
            _ = PriorityModel.coldStart().priorities(Matrix(rows: 2, columns: 3))
        }
    }

    @Test func explanationAddsUpToThePriority() throws {
        var model = PriorityModel.coldStart()
        for i in 0..<50 { model.learn(try Self.row(score: Double(i * 2)), urgent: i % 3 == 0) }
        for row in [
            try Self.row(severity: .critical, score: 10), try Self.row(severity: .low, value: 0, balance: -500),
        ] {
            let e = model.explain(row)
            let total = e.baseline + e.contributions.values.reduce(0, +)
            #expect(abs(total - model.priority(row)) < 0.05)
        }
        let risky = model.explain(try Self.row(score: 5))
        #expect((risky.contributions[.credit] ?? 0) > 0)
    }

    @Test func feedbackMovesPriorityTowardTheLabels() throws {
        var model = PriorityModel.coldStart()
        let poorCredit = try Self.row(score: 5)
        let before = model.priority(poorCredit)
        for _ in 0..<200 {
            model.learn(poorCredit, urgent: false)
            model.learn(try Self.row(score: 95), urgent: true)
        }
        #expect(model.priority(poorCredit) < before - 20)
        #expect(model.updates == 400)
        // The prior head does not learn.
        let z = model.logits(try Matrix(rows: 1, columns: PriorityFeatures.count, values: poorCredit))
        #expect(abs(100 / (1 + exp(-z[0, 1])) - before) < 0.01)
    }

    @Test func archiveRestoresExactly() throws {
        var model = PriorityModel.coldStart()
        for i in 0..<30 { model.learn(try Self.row(amount: Double(i) * 100), urgent: i.isMultiple(of: 2)) }
        let (info, tensors) = model.archive(prefix: "priority")
        let restored = try PriorityModel(info: info, tensors: tensors, prefix: "priority", path: "mem")
        #expect(restored == model)
        #expect(throws: ModelFormatError.self) {
            _ = try PriorityModel(info: info, tensors: [:], prefix: "priority", path: "mem")
        }
    }

    @Test func driftDetectorFiresWhenLossJumps() {
        var detector = DriftDetector(threshold: 5, tolerance: 0.05)
        var falseAlarms = 0
        for _ in 0..<500 where detector.observe(0.1) { falseAlarms += 1 }
        #expect(falseAlarms == 0)
        var fired = false
        for _ in 0..<50 where !fired { fired = detector.observe(2.0) }
        #expect(fired)
    }
}
