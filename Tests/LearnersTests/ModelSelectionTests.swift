import Foundation
import ModelFormat
import Testing
@_spi(Components) import TextFeatures

@_spi(Components) @testable import Learners

@Suite struct ModelSelectionTests {
    /// Three topics with shared filler words and one rare class, so the settings matter a little.
    static func corpus(seed: UInt64 = 5) -> (texts: [String], labels: [String]) {
        var generator = SeededGenerator(seed: seed)
        let topics = [
            ("billing", ["charged", "twice", "invoice", "payment", "refund"]),
            ("delivery", ["parcel", "arrived", "courier", "late", "missing"]),
            ("pricing", ["price", "quote", "rate", "discount", "contract"]),
            ("tax", ["vat", "tax", "exempt"]),
        ]
        let filler = ["the", "we", "our", "order", "please", "check", "this", "again", "today"]
        var texts: [String] = [], labels: [String] = []
        for i in 0..<130 {
            let topic = i < 120 ? topics[i % 3] : topics[3]
            var words: [String] = []
            for _ in 0..<6 { words.append(filler[generator.next(below: filler.count)]) }
            for _ in 0..<2 { words.append(topic.1[generator.next(below: topic.1.count)]) }
            // Some texts borrow a word of another topic.
            if generator.nextUnit() < 0.3 { words.append(topics[generator.next(below: 3)].1[generator.next(below: 3)]) }
            generator.shuffle(&words)
            texts.append(words.joined(separator: " "))
            labels.append(topic.0)
        }
        return (texts, labels)
    }

    @Test func objectiveGradientMatchesFiniteDifferences() {
        let examples = TestData.blobs(count: 20, dimension: 6)
        let labels = ClassLabels(Set(examples.map(\.label)).sorted())
        let targets = examples.map { labels.index(of: $0.label)! }
        let position = SoftmaxObjective.frequencyOrder(of: examples, dimension: 6)
        let problem = SoftmaxObjective(
            examples: examples, targets: targets, dimension: 6, classCount: 3, position: position)
        #expect(problem.stride == 4)
        var generator = SeededGenerator(seed: 9)
        var theta = (0..<problem.parameterCount).map { _ in Float(generator.nextUnit() - 0.5) }
        for row in 0...6 { theta[row * 4 + 3] = 0 }  // padding lane
        let classWeights: [Float] = [1, 2, 0.5]
        func value(_ point: [Float]) -> Double {
            var gradient = [Float](repeating: 0, count: point.count)
            return point.withUnsafeBufferPointer { p in
                gradient.withUnsafeMutableBufferPointer {
                    problem.evaluate(p, gradient: $0, inverseRegularization: 3, classWeights: classWeights)
                }
            }
        }
        var gradient = [Float](repeating: 0, count: theta.count)
        _ = theta.withUnsafeBufferPointer { p in
            gradient.withUnsafeMutableBufferPointer {
                problem.evaluate(p, gradient: $0, inverseRegularization: 3, classWeights: classWeights)
            }
        }
        for i in theta.indices {
            if i % 4 == 3 {
                #expect(gradient[i] == 0, "padding lane \(i) must stay zero")
                continue
            }
            var plus = theta, minus = theta
            plus[i] += 1e-2
            minus[i] -= 1e-2
            let numeric = (value(plus) - value(minus)) / 2e-2
            #expect(abs(numeric - Double(gradient[i])) < 2e-2 * max(1, abs(numeric)), "parameter \(i)")
        }
    }

    @Test func warmStartReachesTheColdOptimumFaster() {
        let examples = TestData.blobs(count: 90)
        let labels = ClassLabels(Set(examples.map(\.label)).sorted())
        let targets = examples.map { labels.index(of: $0.label)! }
        let problem = SoftmaxObjective(
            examples: examples, targets: targets, dimension: 12, classCount: 3,
            position: SoftmaxObjective.frequencyOrder(of: examples, dimension: 12))
        let counts: [Double] = [30, 30, 30]
        func fit(c: Float, start: [Float]?) -> (model: LogisticRegression, solution: [Float], iterations: Int) {
            var model = LogisticRegression(
                dimension: 12, parameters: .init(inverseRegularization: c, classWeighting: .uniform))
            var iterations = 0
            let solution = model.fitBatch(problem, labels: labels, classCounts: counts, start: start) {
                iterations = $0.iteration
            }
            return (model, solution, iterations)
        }
        let strong = fit(c: 1, start: nil)
        let cold = fit(c: 10, start: nil)
        let warm = fit(c: 10, start: strong.solution)
        #expect(warm.iterations < cold.iterations)
        for example in examples {
            #expect(warm.model.predict(example.features) == cold.model.predict(example.features))
        }
        let largest = zip(warm.model.weights, cold.model.weights).map { abs($0 - $1) }.max()!
        #expect(largest < 0.05 * cold.model.weights.map(abs).max()!)
    }

    @Test func validationSplitIsStratifiedSeededAndKeepsEveryClass() {
        let sizes = [("a", 1), ("b", 2), ("c", 10), ("d", 20), ("e", 50)]
        let labels = TestData.shuffledLabels(sizes)
        let split = ValidationSplit(labels: labels, fraction: 0.1, seed: 1)
        #expect(Set(split.training).isDisjoint(with: split.validation))
        #expect(split.training.count + split.validation.count == labels.count)
        let held = Dictionary(grouping: split.validation.map { labels[$0] }, by: { $0 }).mapValues(\.count)
        #expect(held == ["c": 1, "d": 2, "e": 5])
        for (name, _) in sizes { #expect(split.training.contains { labels[$0] == name }) }
        #expect(ValidationSplit(labels: labels, fraction: 0.1, seed: 1) == split)
        #expect(ValidationSplit(labels: labels, fraction: 0.1, seed: 7) != split)
    }

    @Test func tuningSearchesEveryCandidateAndRecordsTheBest() throws {
        let (texts, labels) = Self.corpus()
        var options = TrainingOptions()
        #expect(options.tuning?.classWeightings == [.balanced])
        options.tuning?.validationFraction = 0.25
        options.tuning?.classWeightings = [.uniform, .balanced]
        var progress: [TrainingProgress] = []
        let classifier = try TextClassifier.train(texts: texts, labels: labels, labelField: "topic", options: options) {
            progress.append($0)
        }
        let report = try #require(classifier.selection)
        #expect(report.candidates.map(\.inverseRegularization) == [10, 1, 10, 1])
        #expect(report.candidates.map(\.classWeighting) == [.uniform, .uniform, .balanced, .balanced])
        #expect(report.validationCount == 33 && report.trainingCount == 97)
        // The chosen candidate: the smallest C within the selection margin of the best score.
        let margin = try #require(options.tuning?.selectionMargin)
        let best = report.candidates.map(\.macroF1).max()!
        #expect(report.chosen.macroF1 >= best - margin)
        #expect(
            report.candidates.allSatisfy {
                $0.macroF1 < best - margin || $0.inverseRegularization >= report.chosen.inverseRegularization
            })
        #expect(classifier.options.logisticRegression.inverseRegularization == report.chosen.inverseRegularization)
        #expect(classifier.options.logisticRegression.classWeighting == report.chosen.classWeighting)
        #expect(classifier.model.temperature == report.temperature)
        // Progress: never backwards, ends at 1, a finite loss while fitting.
        #expect(zip(progress, progress.dropFirst()).allSatisfy { $0.fraction <= $1.fraction })
        #expect(progress.last?.fraction == 1)
        #expect(progress.contains { ($0.loss ?? .nan).isFinite && $0.stage.hasPrefix("select C=10") })
        #expect(progress.contains { $0.stage.hasPrefix("final fit") })
    }

    @Test func aLargerCMustWinByMoreThanTheMargin() {
        func candidate(_ c: Float, _ f1: Double, _ weighting: ClassWeighting = .balanced) -> SelectionReport.Candidate {
            SelectionReport.Candidate(
                inverseRegularization: c, classWeighting: weighting, macroF1: f1, accuracy: 0, logLoss: 0, iterations: 0
            )
        }
        // Fitted from weak to strong regularisation, as the search does.
        let close = [candidate(10, 0.605), candidate(1, 0.600)]
        #expect(ModelSelection.choose(close, margin: 0.01) == 1)
        #expect(ModelSelection.choose(close, margin: 0) == 0)
        let clear = [candidate(10, 0.62), candidate(1, 0.60)]
        #expect(ModelSelection.choose(clear, margin: 0.01) == 0)
        // Three candidates: the smallest C within the margin of the best, not the best's neighbour.
        let three = [candidate(100, 0.615), candidate(10, 0.611), candidate(1, 0.590)]
        #expect(ModelSelection.choose(three, margin: 0.01) == 1)
        #expect(ModelSelection.choose(three, margin: 0.03) == 2)
        // Exact ties go to the smaller C; equal C (two weightings) to the higher score, then the earlier.
        #expect(ModelSelection.choose([candidate(10, 0.6), candidate(1, 0.6)], margin: 0) == 1)
        let weightings = [
            candidate(10, 0.60, .uniform), candidate(1, 0.58, .uniform), candidate(10, 0.61), candidate(1, 0.605),
        ]
        #expect(ModelSelection.choose(weightings, margin: 0.01) == 3)
        #expect(ModelSelection.choose([candidate(1, 0.5, .uniform), candidate(1, 0.5)], margin: 0.01) == 0)
        var tuning = Tuning()
        for invalid in [-0.01, .nan, .infinity] {
            tuning.selectionMargin = invalid
            #expect(throws: LearnerError.self) { try tuning.validate() }
        }
    }

    @Test func fixedSettingsSearchNothingAndNoTuningRecordsNoSelection() throws {
        let (texts, labels) = Self.corpus()
        var options = TrainingOptions()
        options.tuning?.inverseRegularizations = [3]
        options.tuning?.classWeightings = [.balanced]
        let fixed = try TextClassifier.train(texts: texts, labels: labels, labelField: "topic", options: options)
        let report = try #require(fixed.selection)
        #expect(report.candidates.count == 1 && report.chosen.inverseRegularization == 3)
        #expect(fixed.options.logisticRegression.classWeighting == .balanced)
        options.tuning = nil
        options.calibrationFolds = 0
        let untuned = try TextClassifier.train(texts: texts, labels: labels, labelField: "topic", options: options)
        #expect(untuned.selection == nil && untuned.model.temperature == 1)
    }

    @Test func selectionSurvivesTheArchiveAndOldManifestsDecode() throws {
        let (texts, labels) = Self.corpus()
        let classifier = try TextClassifier.train(
            texts: texts, labels: labels, labelField: "topic", options: TrainingOptions())
        let (featureInfo, featureTensors) = classifier.extractor.archive(prefix: "f")
        let (info, tensors) = classifier.archive(prefix: "p", featuresKey: "f")
        let json = try JSONEncoder().encode(info)
        let decodedInfo = try JSONDecoder().decode(TextClassifierInfo.self, from: json)
        let bytes = SafeTensors.encode(tensors.merging(featureTensors) { a, _ in a })
        let decoded = try SafeTensors.decode(bytes, path: "mem").tensors
        let extractor = try FeatureExtractor(info: featureInfo, tensors: decoded, prefix: "f", path: "mem")
        let restored = try TextClassifier(
            info: decodedInfo, extractor: extractor, tensors: decoded, prefix: "p", path: "mem")
        #expect(restored == classifier && restored.selection != nil)
        // A manifest written before tuning existed has neither key: it reads as fixed settings.
        var object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        object["selection"] = nil
        var options = try #require(object["options"] as? [String: Any])
        options["tuning"] = nil
        object["options"] = options
        let old = try JSONDecoder().decode(
            TextClassifierInfo.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(old.selection == nil && old.options.tuning == nil)
        // Tuning saved before the tolerance scale and naive-Bayes share existed reads back as trained.
        let saved = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(Tuning())) as? [String: Any])
        #expect(saved["naiveBayesShare"] as? Double == 0.25 && saved["selectionMargin"] as? Double == 0.005)
        let newer = ["naiveBayesShare", "candidateToleranceScale", "selectionMargin"]
        let older = saved.filter { !newer.contains($0.key) }
        let tuning = try JSONDecoder().decode(Tuning.self, from: JSONSerialization.data(withJSONObject: older))
        #expect(tuning.naiveBayesShare == 0 && tuning.candidateToleranceScale == 1 && tuning.selectionMargin == 0)
        #expect(tuning.classWeightings == Tuning().classWeightings)
    }

    @Test func naiveBayesFactorsFavourDiscriminativeFeatures() {
        // Feature 0 only in class 0, feature 1 in both classes alike, feature 2 never seen.
        let examples = [
            LabeledExample(features: SparseVector(indices: [0, 1], values: [1, 1]), label: "a"),
            LabeledExample(features: SparseVector(indices: [0, 1], values: [1, 1]), label: "a"),
            LabeledExample(features: SparseVector(indices: [1], values: [1]), label: "b"),
            LabeledExample(features: SparseVector(indices: [1], values: [1]), label: "b"),
        ]
        let full = NaiveBayesScaling(share: 1).factors(
            examples: examples, targets: [0, 0, 1, 1], classCount: 2, dimension: 3)
        #expect(full[0] > full[1] && full[2] == 1)
        #expect(abs((full[0] + full[1]) / 2 - 1) < 1e-5, "mean 1 over the features seen")
        let none = NaiveBayesScaling(share: 0).factors(
            examples: examples, targets: [0, 0, 1, 1], classCount: 2, dimension: 3)
        #expect(none == [1, 1, 1])
        let quarter = NaiveBayesScaling(share: 0.25).factors(
            examples: examples, targets: [0, 0, 1, 1], classCount: 2, dimension: 3)
        #expect(abs(quarter[0] - (0.75 + 0.25 * full[0])) < 1e-5)
    }

    @Test func rescaledWeightsScoreUnscaledFeaturesAsTheFitScoredScaledOnes() {
        let examples = TestData.blobs(count: 60, dimension: 6)
        let labels = ClassLabels(Set(examples.map(\.label)).sorted())
        let targets = examples.map { labels.index(of: $0.label)! }
        var problem = SoftmaxObjective(
            examples: examples, targets: targets, dimension: 6, classCount: 3,
            position: SoftmaxObjective.frequencyOrder(of: examples, dimension: 6))
        let factors: [Float] = [0.5, 2, 1, 1.5, 0.25, 3]
        problem.scaleFeatures(by: factors)
        var model = LogisticRegression(dimension: 6, parameters: .init(inverseRegularization: 1))
        let solution = model.fitBatch(problem, labels: labels, classCounts: [20, 20, 20])
        model.rescaleWeights(by: factors)
        var fitted: [Float] = [], restored: [Float] = []
        for (i, example) in examples.enumerated() {
            solution.withUnsafeBufferPointer { problem.scores(of: i, theta: $0, into: &fitted) }
            model.decisionScores(example.features, into: &restored)
            for c in 0..<3 { #expect(abs(fitted[c] - restored[c]) < 1e-4 * max(1, abs(fitted[c]))) }
        }
    }
}
