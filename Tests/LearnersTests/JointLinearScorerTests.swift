@_spi(Components) import Learners
import Testing
@_spi(Components) import TextFeatures

@Suite struct JointLinearScorerTests {
    static let topics = [
        "duplicate", "duplicate", "duplicate", "delivery", "delivery", "delivery", "pricing", "pricing", "pricing",
    ]
    static let urgency = ["high", "low", "low", "high", "high", "low", "low", "high", "low"]
    static let queries = [
        "charged twice again", "package not delivered", "the price is wrong", "", "zzz unknown words",
    ]

    static func pair(_ algorithm: Algorithm = .logisticRegression) throws -> (TextClassifier, TextClassifier) {
        var options = TrainingOptions()
        options.algorithm = algorithm
        options.calibrationFolds = 0
        let texts = TextClassifierTests.texts
        return (
            try TextClassifier.train(texts: texts, labels: topics, labelField: "topic", options: options),
            try TextClassifier.train(texts: texts, labels: urgency, labelField: "urgency", options: options)
        )
    }

    static func expectSameScores(_ joint: JointLinearScorer, _ a: TextClassifier, _ b: TextClassifier) {
        var first: [Float] = [], second: [Float] = [], scratch: [Float] = []
        var expectedFirst: [Float] = [], expectedSecond: [Float] = []
        for query in queries {
            let x = a.extractor.transform(query)
            joint.decisionScores(x, first: &first, second: &second, scratch: &scratch)
            a.model.decisionScores(x, into: &expectedFirst)
            b.model.decisionScores(x, into: &expectedSecond)
            #expect(first == expectedFirst, "\(query)")  // bit for bit
            #expect(second == expectedSecond, "\(query)")
        }
    }

    @Test func scoresBothModelsBitForBit() throws {
        let (a, b) = try Self.pair()
        let joint = try #require(JointLinearScorer(a.model, b.model))
        #expect(joint.counts.first == 3 && joint.counts.second == 2)
        Self.expectSameScores(joint, a, b)
    }

    @Test func entriesOutsideTheModelAreSkippedAsEachModelSkipsThem() throws {
        let (a, b) = try Self.pair()
        let joint = try #require(JointLinearScorer(a.model, b.model))
        let dimension = Int32(joint.dimension)
        var x = a.extractor.transform("charged twice, package not delivered")
        x.append(index: dimension, value: 0.5)  // e.g. a vector of a larger extractor
        x.append(index: dimension + 7, value: -2)
        var first: [Float] = [], second: [Float] = [], scratch: [Float] = []
        var expectedFirst: [Float] = [], expectedSecond: [Float] = []
        joint.decisionScores(x, first: &first, second: &second, scratch: &scratch)
        a.model.decisionScores(x, into: &expectedFirst)
        b.model.decisionScores(x, into: &expectedSecond)
        #expect(first == expectedFirst)
        #expect(second == expectedSecond)
        let inside = a.extractor.transform("charged twice, package not delivered")
        a.model.decisionScores(inside, into: &expectedFirst)
        #expect(first == expectedFirst)  // the extra entries added nothing
    }

    @Test func refreshFollowsOnlineUpdates() throws {
        var (a, b) = try Self.pair()
        var joint = try #require(JointLinearScorer(a.model, b.model))
        let x = a.extractor.transform("charged twice for the parcel")
        try a.update(features: x, label: "delivery")
        try b.update(features: x, label: "high")
        let refreshed = joint.refresh(x, a.model, b.model)
        #expect(refreshed)
        Self.expectSameScores(joint, a, b)
        // A new class changes the row width: the scorer must be rebuilt.
        try a.update(features: x, label: "freight")
        let refreshedAfterNewClass = joint.refresh(x, a.model, b.model)
        #expect(!refreshedAfterNewClass)
        let rebuilt = try #require(JointLinearScorer(a.model, b.model))
        Self.expectSameScores(rebuilt, a, b)
    }

    @Test func contributionsOfBothModelsInOneSweepEqualEachModelsOwn() throws {
        let (a, b) = try Self.pair()
        let joint = try #require(JointLinearScorer(a.model, b.model))
        var jointFirst = TopFeatureSelection(), jointSecond = TopFeatureSelection()
        var alone = TopFeatureSelection()
        for query in Self.queries + ["charged twice for the parcel, price wrong, not delivered"] {
            let x = a.extractor.transform(query)
            for c1 in 0..<joint.counts.first {
                for c2 in 0..<joint.counts.second {
                    a.extractor.explainableBitmap.withUnsafeBufferPointer { named in
                        joint.collectContributions(
                            x, classIndices: (c1, c2), named: named, into: &jointFirst.candidates,
                            &jointSecond.candidates)
                    }
                    a.selectTopCandidates(limit: 50, into: &jointFirst)
                    b.selectTopCandidates(limit: 50, into: &jointSecond)
                    a.selectTopFeatures(x, classIndex: c1, limit: 50, into: &alone)
                    #expect(jointFirst.indices == alone.indices, "\(query) \(c1)")
                    #expect(jointFirst.contributions == alone.contributions)  // bit for bit
                    b.selectTopFeatures(x, classIndex: c2, limit: 50, into: &alone)
                    #expect(jointSecond.indices == alone.indices, "\(query) \(c2)")
                    #expect(jointSecond.contributions == alone.contributions)
                }
            }
            // A class a model lacks gives no candidates; the other model's are unaffected.
            a.extractor.explainableBitmap.withUnsafeBufferPointer { named in
                joint.collectContributions(
                    x, classIndices: (nil, 0), named: named, into: &jointFirst.candidates, &jointSecond.candidates)
            }
            a.selectTopCandidates(limit: 50, into: &jointFirst)
            #expect(jointFirst.count == 0)
            b.selectTopCandidates(limit: 50, into: &jointSecond)
            b.selectTopFeatures(x, classIndex: 0, limit: 50, into: &alone)
            #expect(jointSecond.indices == alone.indices)
        }
    }

    @Test func onlyLogisticRegressionsAreJoined() throws {
        let (a, b) = try Self.pair(.naiveBayes)
        #expect(JointLinearScorer(a.model, b.model) == nil)
    }
}
