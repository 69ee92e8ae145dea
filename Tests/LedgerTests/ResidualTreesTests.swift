import Foundation
@_spi(Components) import LinearAlgebra
import Testing

@testable import Ledger

@Suite("ResidualTrees")
struct ResidualTreesTests {
    /// `n` rows of three inputs from a fixed generator: inputs 0 and 2 in [0, 1), input 1 one of 0, ¼, ½, ¾
    /// (like payment terms); the residual jumps by 10 days where input 1 exceeds ½, input 2 is idle.
    static func stepData(_ n: Int, seed: UInt64 = 5) throws -> (inputs: Matrix, residuals: [Float]) {
        var state = seed
        func next() -> Float {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(state >> 40) / Float(1 << 24)
        }
        var values: [Float] = [], residuals: [Float] = []
        for _ in 0..<n {
            let row = [next(), Float(Int(next() * 4)) / 4, next()]
            values += row
            residuals.append(row[1] > 0.5 ? 10 : 0)
        }
        return (try Matrix(rows: n, columns: 3, values: values), residuals)
    }

    static func rows(_ m: Matrix) -> [[Float]] {
        (0..<m.rows).map { i in (0..<m.columns).map { m[i, $0] } }
    }

    @Test("boosted stumps find a step in one input and ignore the idle ones")
    func findsStep() throws {
        let (inputs, residuals) = try Self.stepData(600)
        let trees = ResidualTrees.fit(
            inputs: inputs, residuals: residuals, settings: .init(stages: 50, depth: 1, learningRate: 0.1))
        #expect(trees.count == 50)
        #expect(trees.splitColumns.allSatisfy { $0 == 1 })
        for (row, target) in zip(Self.rows(inputs), residuals) {
            // The step sits on a cut, and 1 − 0.9⁵⁰ of it is learnt: within half a day on every row.
            #expect(abs(trees.value(row) - target) < 0.5, "row \(row)")
        }
    }

    @Test("reading the last input apart (as the batch prediction does) gives the same sum")
    func lastInputApart() throws {
        let (inputs, residuals) = try Self.stepData(600)
        // The step input moved last, where the batch prediction keeps the late logit.
        let rows = Self.rows(inputs).map { [$0[0], $0[2], $0[1]] }
        let moved = try Matrix(rows: rows.count, columns: 3, values: rows.flatMap { $0 })
        let trees = ResidualTrees.fit(
            inputs: moved, residuals: residuals, settings: .init(stages: 20, depth: 2, learningRate: 0.1))
        #expect(trees.splitColumns.contains(2))
        for row in rows {
            #expect(trees.value(row.dropLast(), last: row[2]) == trees.value(row))
        }
    }

    @Test("each stage lowers the weighted absolute error on the fitted rows, and a longer fit extends a shorter one")
    func stagesOnlyHelp() throws {
        let (inputs, steps) = try Self.stepData(400, seed: 9)
        // A noisier target: the step plus a slope in input 0, with row weights.
        let residuals = zip(Self.rows(inputs), steps).map { $1 + 6 * $0[0] - 3 }
        let weights = (0..<inputs.rows).map { Float(1 + $0 % 3) }
        func loss(_ trees: ResidualTrees) -> Double {
            zip(Self.rows(inputs), zip(residuals, weights)).reduce(0) {
                $0 + Double($1.1.1) * Double(abs($1.1.0 - trees.value($1.0)))
            }
        }
        var previous = loss(.none)
        for stages in [1, 5, 20, 40] {
            let trees = ResidualTrees.fit(
                inputs: inputs, residuals: residuals, sampleWeights: weights,
                settings: .init(stages: stages, depth: 2, learningRate: 0.2))
            let current = loss(trees)
            #expect(current < previous, "\(stages) stages")
            previous = current
        }
        let short = ResidualTrees.fit(
            inputs: inputs, residuals: residuals, sampleWeights: weights,
            settings: .init(stages: 5, depth: 2, learningRate: 0.2))
        let long = ResidualTrees.fit(
            inputs: inputs, residuals: residuals, sampleWeights: weights,
            settings: .init(stages: 10, depth: 2, learningRate: 0.2))
        #expect(Array(long.leaves.prefix(short.leaves.count)) == short.leaves)
        #expect(Array(long.thresholds.prefix(short.thresholds.count)) == short.thresholds)
        // Deterministic: the same rows give the same trees bit for bit.
        #expect(
            ResidualTrees.fit(
                inputs: inputs, residuals: residuals, sampleWeights: weights,
                settings: .init(stages: 10, depth: 2, learningRate: 0.2)) == long)
    }

    @Test("no split leaves fewer than the minimum rows on a side: too few rows give constant trees")
    func minimumLeaf() throws {
        let (inputs, residuals) = try Self.stepData(150)
        var settings = ResidualTrees.Settings(stages: 3, depth: 1)
        settings.minimumLeaf = 100
        let trees = ResidualTrees.fit(inputs: inputs, residuals: residuals, settings: settings)
        #expect(trees.thresholds.allSatisfy { $0 == .greatestFiniteMagnitude })
        let values = Set(Self.rows(inputs).map { trees.value($0) })
        #expect(values.count == 1)
        settings.minimumLeaf = 40
        let split = ResidualTrees.fit(inputs: inputs, residuals: residuals, settings: settings)
        #expect(split.thresholds.allSatisfy { $0 < 1 })
        for (column, threshold) in zip(split.splitColumns, split.thresholds) {
            let left = Self.rows(inputs).filter { $0[column] <= threshold }.count
            #expect(left >= 40 && inputs.rows - left >= 40)
        }
    }

    @Test("weighted median, quantile cuts and bins")
    func helpers() {
        #expect(ResidualTrees.weightedMedian([0, 1, 2], [1, 2, 3], [1, 1, 5]) == 3)
        #expect(ResidualTrees.weightedMedian([0, 1, 2], [3, 1, 2], [1, 1, 1]) == 2)
        #expect(ResidualTrees.weightedMedian([2, 0], [5, 7, 1], [1, 9, 1]) == 1)
        let cuts = ResidualTrees.candidateThresholds((0..<100).map(Float.init), bins: 4)
        #expect(cuts == [24, 49, 74])
        #expect(ResidualTrees.candidateThresholds([Float](repeating: 3, count: 10), bins: 8).isEmpty)
        #expect(ResidualTrees.candidateThresholds([0, 0, 0, 0, 0, 0, 0, 1], bins: 4) == [0])
        #expect(ResidualTrees.binIndex(24, cuts) == 0)
        #expect(ResidualTrees.binIndex(24.5, cuts) == 1)
        #expect(ResidualTrees.binIndex(99, cuts) == 3)
    }

    @Test("trees from parts must fit together")
    func validatesParts() {
        #expect(ResidualTrees(depth: 1, splitColumns: [0], thresholds: [1], leaves: [1, 2], inputs: 1) != nil)
        #expect(ResidualTrees(depth: 1, splitColumns: [0], thresholds: [1], leaves: [1, 2, 3], inputs: 1) == nil)
        #expect(ResidualTrees(depth: 1, splitColumns: [2], thresholds: [1], leaves: [1, 2], inputs: 2) == nil)
        #expect(ResidualTrees(depth: 2, splitColumns: [0], thresholds: [1], leaves: [1, 2], inputs: 1) == nil)
        #expect(ResidualTrees(depth: 9, splitColumns: [], thresholds: [], leaves: [], inputs: 1) == nil)
        #expect(ResidualTrees(depth: 0, splitColumns: [], thresholds: [], leaves: [4, 5], inputs: 1)?.value([0]) == 9)
    }
}

@Suite("Payer risk days-late trees")
struct PayerRiskTreesTests {
    typealias F = LedgerFixtures

    @Test("the days-late head is the linear head plus the trees, read from the features and the late logit")
    func treesAddToLinearHead() throws {
        let ledger = F.synthetic(customers: 60)
        let model = try PayerRiskModel.train(on: ledger)
        let linear = try PayerRiskModel.train(on: ledger, parameters: .init(daysTrees: 0))
        #expect(model.daysTrees.count == PayerRiskModel.Parameters().daysTrees)
        #expect(linear.daysTrees.count == 0)
        let rows = PayerRiskTests.features(ledger).sorted { $0.key < $1.key }.map(\.value)
        #expect(rows.count > 200)
        var moved = 0
        for row in rows {
            let z = model.logits(row), plain = linear.logits(row)
            // The trees leave the other heads alone.
            #expect(z[0] == plain[0] && z[2] == plain[2])
            let correction = model.daysTrees.value(row + [z[0]])
            #expect(abs(z[1] - (plain[1] + correction)) < 1e-4)
            if correction != 0 { moved += 1 }
        }
        #expect(moved > 0)
    }

    @Test("a model with deeper trees saves and loads back equal")
    func treesSurviveSaving() throws {
        let ledger = F.synthetic(customers: 60)
        let model = try PayerRiskModel.train(on: ledger, parameters: .init(daysTreeDepth: 2))
        #expect(model.daysTrees.depth == 2 && model.daysTrees.count > 0)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "risk-trees-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try model.save(to: directory)
        #expect(try PayerRiskModel.load(from: directory) == model)
    }
}
