import Foundation
@_spi(Components) import Learners
import Testing
@_spi(Components) import TextFeatures

@Suite struct NaiveBayesTests {
    let a = LabeledExample(features: TestData.vector([2, 1, 0]), label: "A")
    let b = LabeledExample(features: TestData.vector([0, 1, 3]), label: "B")
    let query = TestData.vector([1, 0, 1])

    @Test func multinomialMatchesHandComputedLogProbabilities() throws {
        var nb = NaiveBayes(dimension: 3, parameters: .init(variant: .multinomial, smoothing: 1))
        try nb.fit([a, b])
        let scores = nb.predictProbabilities(query)
        // θ_A = (counts + 1) / (3 + 3) = [3,2,1]/6, θ_B = [1,2,4]/7, equal priors.
        let logA = log(0.5) + log(3.0 / 6) + log(1.0 / 6)
        let logB = log(0.5) + log(1.0 / 7) + log(4.0 / 7)
        let expectedA = 1 / (1 + exp(logB - logA))
        #expect(nb.labels.names == ["A", "B"])
        #expect(abs(Double(scores[0]) - expectedA) < 1e-5)
        var raw: [Float] = []
        nb.decisionScores(query, into: &raw)
        #expect(abs(Double(raw[0] - raw[1]) - (logA - logB)) < 1e-4)
    }

    @Test func complementUsesTheOtherClassesCounts() throws {
        var nb = NaiveBayes(dimension: 3, parameters: .init(variant: .complement, smoothing: 1))
        try nb.fit([a, b])
        var raw: [Float] = []
        nb.decisionScores(query, into: &raw)
        // Complement of A is B: θ̃_A = [1,2,4]/7; score = −Σ x log θ̃.
        let scoreA = -(log(1.0 / 7) + log(4.0 / 7))
        let scoreB = -(log(3.0 / 6) + log(1.0 / 6))
        #expect(abs(Double(raw[0]) - scoreA) < 1e-4)
        #expect(abs(Double(raw[1]) - scoreB) < 1e-4)
    }

    @Test(arguments: NaiveBayes.Variant.allCases)
    func onlineUpdatesEqualBatchTraining(variant: NaiveBayes.Variant) throws {
        let examples = TestData.blobs(count: 60)
        var batch = NaiveBayes(dimension: 12, parameters: .init(variant: variant))
        try batch.fit(examples)
        var online = NaiveBayes(dimension: 12, parameters: .init(variant: variant))
        for example in examples { try online.update(example) }
        for example in examples.prefix(20) {
            let p = batch.predictProbabilities(example.features)
            let q = online.predictProbabilities(example.features)
            for (i, name) in batch.labels.names.enumerated() {
                let j = try #require(online.labels.index(of: name))
                #expect(abs(p[i] - q[j]) < 1e-4)
            }
        }
    }

    @Test func removeUndoesAnUpdate() throws {
        var nb = NaiveBayes(dimension: 3)
        try nb.fit([a, b])
        let before = nb.predictProbabilities(query)
        let extra = LabeledExample(features: TestData.vector([0, 0, 5]), label: "A")
        try nb.update(extra)
        #expect(nb.predictProbabilities(query) != before)
        try nb.remove(extra)
        let after = nb.predictProbabilities(query)
        for i in before.indices { #expect(abs(before[i] - after[i]) < 1e-5) }
        #expect(throws: LearnerError.unknownLabel("Z")) { try nb.remove(LabeledExample(features: query, label: "Z")) }
    }

    @Test func aNewClassCanArriveMidStream() throws {
        var nb = NaiveBayes(dimension: 3)
        try nb.fit([a, b])
        let c = LabeledExample(features: TestData.vector([0, 6, 0]), label: "C")
        for _ in 0..<3 { try nb.update(c) }
        #expect(nb.labels.names == ["A", "B", "C"])
        #expect(nb.predict(TestData.vector([0, 2, 0])) == "C")
        #expect(nb.predict(TestData.vector([3, 0, 0])) == "A")
    }

    @Test func rejectsBadInput() {
        var nb = NaiveBayes(dimension: 3)
        #expect(throws: LearnerError.emptyTrainingSet) { try nb.fit([]) }
        #expect(throws: LearnerError.self) {
            try nb.fit([LabeledExample(features: TestData.vector([-1, 0, 0]), label: "A")])
        }
        #expect(throws: LearnerError.featureOutOfRange(index: 7, dimension: 3)) {
            try nb.fit([LabeledExample(features: SparseVector(indices: [7], values: [1]), label: "A")])
        }
        #expect(throws: LearnerError.self) {
            try nb.fit([LabeledExample(features: TestData.vector([.nan, 0, 0]), label: "A")])
        }
        #expect(throws: LearnerError.invalidWeight(-1)) {
            try nb.fit([LabeledExample(features: TestData.vector([1]), label: "A", weight: -1)])
        }
    }
}
