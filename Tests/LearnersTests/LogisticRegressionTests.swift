import Foundation
@_spi(Components) import Learners
import ModelFormat
import Testing
@_spi(Components) import TextFeatures

@Suite struct LogisticRegressionTests {
    @Test func gradientMatchesFiniteDifferences() throws {
        let examples = TestData.blobs(count: 30, dimension: 6)
        var model = LogisticRegression(dimension: 6, parameters: .init(solver: .adagrad, l2: 0.01, epochs: 2))
        try model.fit(examples)
        let example = examples[4]
        let (_, gradient, biasGradient) = model.lossGradient(example)
        let k = model.labels.count
        let h: Float = 1e-2
        for (index, value) in zip(example.features.indices, example.features.values) where value != 0 {
            for c in 0..<k {
                let position = Int(index) * k + c
                func loss(shift: Float) throws -> Float {
                    var weights = model.weights
                    weights[position] += shift
                    let shifted = try LogisticRegression(
                        dimension: 6, parameters: model.parameters, labels: model.labels, weights: weights,
                        bias: model.bias,
                        squaredGradients: model.squaredGradients, biasSquaredGradients: model.biasSquaredGradients,
                        classWeights: model.classWeights, temperature: 1)
                    return shifted.lossGradient(example).loss
                }
                // The penalty in lossGradient covers only the example's features, as the step does.
                let numeric = (try loss(shift: h) - loss(shift: -h)) / (2 * h)
                #expect(abs(numeric - gradient[position]) < 2e-3, "weight (\(index), \(c))")
            }
        }
        #expect(biasGradient.reduce(0, +).magnitude < 1e-5)  // softmax gradients sum to zero
    }

    @Test func lbfgsSeparatesAndAdaGradAgrees() throws {
        let examples = TestData.blobs(count: 90)
        var batch = LogisticRegression(dimension: 12)
        try batch.fit(examples)
        #expect(batch.score(examples) == 1)
        var sgd = LogisticRegression(dimension: 12, parameters: .init(solver: .adagrad, epochs: 20))
        try sgd.fit(examples)
        let agreement = examples.filter { batch.predict($0.features) == sgd.predict($0.features) }.count
        #expect(agreement == examples.count)
    }

    @Test func onlineUpdatesConvergeToTheBatchModel() throws {
        let examples = TestData.blobs(count: 90)
        var batch = LogisticRegression(dimension: 12)
        try batch.fit(examples)
        var online = LogisticRegression(dimension: 12, parameters: .init(learningRate: 0.5))
        var distances: [Float] = []
        for pass in 0..<30 {
            for example in examples { try online.update(example) }
            if pass == 0 || pass == 29 {
                var total: Float = 0
                for example in examples {
                    let p = batch.predictProbabilities(example.features)
                    let q = online.predictProbabilities(example.features)
                    for (i, name) in batch.labels.names.enumerated() {
                        total += abs(p[i] - q[online.labels.index(of: name)!])
                    }
                }
                distances.append(total / Float(examples.count))
            }
        }
        #expect(online.score(examples) == 1)
        #expect(distances[1] < distances[0])
    }

    @Test func aNewClassArrivesMidStream() throws {
        let examples = TestData.blobs(count: 60)
        var model = LogisticRegression(dimension: 12)
        try model.fit(examples)
        #expect(model.labels.count == 3)
        let newcomer = LabeledExample(features: TestData.vector([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3]), label: "delta")
        for _ in 0..<20 { try model.update(newcomer) }
        #expect(model.labels.names == ["alpha", "beta", "gamma", "delta"])
        #expect(model.predict(newcomer.features) == "delta")
        #expect(model.score(examples) > 0.9)
    }

    @Test func sameSeedGivesByteIdenticalModels() throws {
        let examples = TestData.blobs(count: 60)
        for solver in LogisticRegression.Solver.allCases {
            var first = LogisticRegression(dimension: 12, parameters: .init(solver: solver, seed: 9))
            var second = LogisticRegression(dimension: 12, parameters: .init(solver: solver, seed: 9))
            try first.fit(examples)
            try second.fit(examples)
            #expect(first == second)
            let bytes = { (m: LogisticRegression) in
                SafeTensors.encode(["w": Tensor(float32: m.weights), "b": Tensor(float32: m.bias)])
            }
            #expect(bytes(first) == bytes(second))
        }
    }

    @Test func balancedWeightsFavourRareClasses() {
        let weights = ClassWeighting.balanced.weights(counts: [90, 10])
        #expect(abs(weights[0] - 100 / 180) < 1e-6)
        #expect(abs(weights[1] - 5) < 1e-6)
        #expect(ClassWeighting.uniform.weights(counts: [90, 10]) == [1, 1])
    }

    @Test func rejectsInvalidParameters() {
        var model = LogisticRegression(dimension: 3, parameters: .init(inverseRegularization: 0))
        #expect(throws: LearnerError.self) { try model.fit(TestData.blobs(count: 6, dimension: 3)) }
        model = LogisticRegression(dimension: 3, parameters: .init(learningRate: -1))
        #expect(throws: LearnerError.self) {
            try model.update(LabeledExample(features: TestData.vector([1]), label: "x"))
        }
    }
}
