import Foundation
@_spi(Components) import Learners
import ModelFormat
import Testing
@_spi(Components) import TextFeatures

@Suite struct TextClassifierTests {
    static let texts = [
        "we were charged twice for the same order", "double charge on my card statement",
        "I see two identical payments",
        "the parcel never arrived", "my package has not been delivered yet", "where is my delivery, nothing came",
        "the price is higher than the quote", "unit price does not match the contract",
        "you billed a higher rate than agreed",
    ]
    static let labels = [
        "duplicate", "duplicate", "duplicate", "delivery", "delivery", "delivery", "pricing", "pricing", "pricing",
    ]

    /// Trained without the settings search and without calibration: the weights as fitted.
    static func trainWithFixedSettings() throws -> TextClassifier {
        var options = TrainingOptions()
        options.calibrationFolds = 0
        options.tuning = nil
        return try TextClassifier.train(texts: texts, labels: labels, labelField: "subject", options: options)
    }

    /// `classifier` archived into one safetensors file and read back.
    static func roundTrip(_ classifier: TextClassifier) throws -> TextClassifier {
        let (featureInfo, featureTensors) = classifier.extractor.archive(prefix: "f")
        let (info, tensors) = classifier.archive(prefix: "p", featuresKey: "f")
        let bytes = SafeTensors.encode(tensors.merging(featureTensors) { a, _ in a })
        let decoded = try SafeTensors.decode(bytes, path: "mem").tensors
        let extractor = try FeatureExtractor(info: featureInfo, tensors: decoded, prefix: "f", path: "mem")
        return try TextClassifier(info: info, extractor: extractor, tensors: decoded, prefix: "p", path: "mem")
    }

    @Test(arguments: Algorithm.allCases)
    func learnsAndExplainsInWords(algorithm: Algorithm) throws {
        var options = TrainingOptions()
        options.algorithm = algorithm
        options.calibrationFolds = 0
        options.features.space = .vocabulary(minCount: 1, oovBits: 12)  // nine texts: most words occur once
        let classifier = try TextClassifier.train(
            texts: Self.texts, labels: Self.labels, labelField: "subject", options: options)
        #expect(classifier.predict("charged twice again") == "duplicate")
        #expect(classifier.predict("package not delivered") == "delivery")
        let words = classifier.topFeatures("charged twice again", label: "duplicate", limit: 3).map(\.name)
        #expect(words.contains("twice") || words.contains("charged twice") || words.contains("charged"))
    }

    @Test func batchTrainingLeavesOutOfVocabularyBucketsToOnlineLearning() throws {
        var classifier = try Self.trainWithFixedSettings()
        guard case let .logisticRegression(model) = classifier.model else {
            Issue.record("the default learner is logistic regression")
            return
        }
        let start = try #require(classifier.extractor.outOfVocabularyStart)
        let k = model.labels.count
        // Most of these nine texts' words occur once: they are outside the vocabulary (minCount 2).
        #expect(start > 0 && start == classifier.extractor.dimension - (1 << 12))
        #expect(model.weights[(start * k)...].allSatisfy { $0 == 0 })
        #expect(model.weights[..<(start * k)].contains { $0 != 0 })
        // Online learning still gives the bucket of a new word a weight.
        let zebra = classifier.extractor.transform("zebra")
        try classifier.update(text: "zebra", label: "delivery")
        guard case let .logisticRegression(updated) = classifier.model else { return }
        let buckets = zebra.indices.map { Int($0) }.filter { $0 >= start }
        #expect(!buckets.isEmpty)  // "zebra" is not in the vocabulary
        #expect(buckets.contains { bucket in (0..<k).contains { updated.weights[bucket * k + $0] != 0 } })
    }

    @Test func archiveRoundTripsExactly() throws {
        var options = TrainingOptions()
        options.calibrationFolds = 2
        for algorithm in Algorithm.allCases {
            options.algorithm = algorithm
            let classifier = try TextClassifier.train(
                texts: Self.texts, labels: Self.labels, labelField: "subject", options: options)
            let restored = try Self.roundTrip(classifier)
            #expect(restored == classifier)
            #expect(restored.predictProbabilities("two payments") == classifier.predictProbabilities("two payments"))
        }
    }

    /// A restored logistic regression keeps its uniform AdaGrad memory unmade until it learns: it
    /// must then learn exactly as the model it was saved from, on a known class and on a new one.
    @Test func restoredModelLearnsOnlineLikeTheOriginal() throws {
        var original = try Self.trainWithFixedSettings()
        // Batch training leaves the AdaGrad memory uniformly 1, so it is not stored.
        #expect(!original.archive(prefix: "p", featuresKey: "f").info.storesAdaGradMemory)
        var restored = try Self.roundTrip(original)
        guard case let .logisticRegression(unmade) = restored.model else {
            Issue.record("the default learner is logistic regression")
            return
        }
        #expect(unmade.squaredGradients.isEmpty)
        #expect(restored == original)
        for (text, label) in [("charged twice once more", "duplicate"), ("a new kind of problem", "quality")] {
            try original.update(text: text, label: label)
            try restored.update(text: text, label: label)
            #expect(restored == original)
            guard case let .logisticRegression(a) = original.model, case let .logisticRegression(b) = restored.model
            else { return }
            #expect(a.squaredGradients == b.squaredGradients && a.weights == b.weights)
            #expect(b.squaredGradients.count == b.weights.count && b.squaredGradients.contains { $0 != 1 })
        }
    }

    @Test func trainingIsDeterministic() throws {
        let first = try TextClassifier.train(
            texts: Self.texts, labels: Self.labels, labelField: "s", options: TrainingOptions())
        let second = try TextClassifier.train(
            texts: Self.texts, labels: Self.labels, labelField: "s", options: TrainingOptions())
        #expect(
            SafeTensors.encode(first.archive(prefix: "p", featuresKey: "f").tensors)
                == SafeTensors.encode(second.archive(prefix: "p", featuresKey: "f").tensors))
        #expect(
            SafeTensors.encode(first.extractor.archive(prefix: "f").tensors)
                == SafeTensors.encode(second.extractor.archive(prefix: "f").tensors))
    }

    @Test func mismatchedInputsThrow() {
        #expect(throws: LearnerError.self) {
            _ = try TextClassifier.train(texts: ["a"], labels: [], labelField: "s", options: TrainingOptions())
        }
        #expect(throws: LearnerError.emptyTrainingSet) {
            _ = try TextClassifier.train(texts: [], labels: [], labelField: "s", options: TrainingOptions())
        }
    }

    /// One class used to reach the settings search, whose calibration bins divided by zero (a trap).
    @Test("one class only is a typed error, with and without the settings search")
    func singleClassThrows() {
        for tuned in [true, false] {
            var options = TrainingOptions()
            if !tuned { options.tuning = nil }
            #expect(throws: LearnerError.singleClass(field: "subject", label: "pricing")) {
                _ = try TextClassifier.train(
                    texts: Self.texts, labels: Self.labels.map { _ in "pricing" }, labelField: "subject",
                    options: options)
            }
        }
    }

    /// Every setting is saved with the model, so a NaN in the unused learner's settings must stop
    /// training rather than the save after it.
    @Test(
        "settings of either learner out of range stop training before it starts",
        arguments: [
            (Algorithm.logisticRegression, "smoothing"), (.naiveBayes, "l2"), (.naiveBayes, "learningRate"),
        ])
    func invalidSettingsOfTheOtherLearner(algorithm: Algorithm, name: String) {
        var options = TrainingOptions()
        options.algorithm = algorithm
        switch name {
        case "smoothing": options.naiveBayes.smoothing = .nan
        case "l2": options.logisticRegression.l2 = .nan
        default: options.logisticRegression.learningRate = .infinity
        }
        let error = #expect(throws: LearnerError.self) {
            _ = try TextClassifier.train(texts: Self.texts, labels: Self.labels, labelField: "s", options: options)
        }
        guard case let .invalidParameter(parameter, _)? = error else {
            Issue.record("expected invalidParameter, got \(String(describing: error))")
            return
        }
        #expect(parameter == name)
    }
}
