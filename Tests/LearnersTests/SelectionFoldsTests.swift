import Foundation
import Testing
@_spi(Components) import TextFeatures

@_spi(Components) @testable import Learners

/// The settings search on K folds' out-of-fold predictions (`Tuning.selectionFolds`).
@Suite struct SelectionFoldsTests {
    @Test func foldsHoldEveryRowOutOnceStratifiedAndSeeded() {
        let sizes = [("a", 1), ("b", 2), ("c", 10), ("d", 23), ("e", 50)]
        let labels = TestData.shuffledLabels(sizes)
        let folds = StratifiedFolds(labels: labels, count: 5, seed: 1)
        // Every row but the class seen once is held out, in exactly one fold.
        let single = labels.firstIndex(of: "a")!
        #expect(folds.heldOut == labels.indices.filter { $0 != single })
        let validations = (0..<5).map { folds.validation($0) }
        #expect(validations.joined().sorted() == folds.heldOut)
        for f in 0..<5 {
            #expect(Set(folds.training(f)).isDisjoint(with: validations[f]))
            #expect(folds.training(f).count + validations[f].count == labels.count)
            #expect(folds.training(f).contains(single))
        }
        // Stratified: each fold holds ⌊n_c/5⌋ or ⌈n_c/5⌉ of every class, and the folds' sizes differ by at most one.
        for (name, count) in sizes where count > 1 {
            for f in 0..<5 {
                let held = validations[f].filter { labels[$0] == name }.count
                #expect(held == count / 5 || held == (count + 4) / 5, "class \(name), fold \(f)")
            }
        }
        let foldSizes = validations.map(\.count)
        #expect(foldSizes.max()! - foldSizes.min()! <= 1)
        #expect(StratifiedFolds(labels: labels, count: 5, seed: 1) == folds)
        #expect(StratifiedFolds(labels: labels, count: 5, seed: 7) != folds)
    }

    @Test func pooledScoresMatchAHandComputedExample() {
        // Two classes, four rows: without offsets rows 0 and 2 are right; +1.5 on class 1 also fixes row 3.
        let scores: [Float] = [2, 0, 0, 1, 0, 3, 1, 0]
        let targets = [0, 0, 1, 1]
        let plain = ModelSelection.pooledScores(scores, targets: targets, offsets: [0, 0])
        #expect(plain.macroF1 == 0.5 && plain.accuracy == 0.5)
        let shifted = ModelSelection.pooledScores(scores, targets: targets, offsets: [0, 1.5])
        // Class 0: 1 right of 1 predicted, 2 true → F1 2/3; class 1: 2 right of 3 predicted, 2 true → F1 4/5.
        #expect(abs(shifted.macroF1 - (2.0 / 3 + 4.0 / 5) / 2) < 1e-12 && shifted.accuracy == 0.75)
        let rows: [(Double, Double, Int)] = [(2, 1.5, 0), (0, 2.5, 0), (0, 4.5, 1), (1, 1.5, 1)]
        let logLoss = rows.map { a, b, t in log(exp(a) + exp(b)) - (t == 0 ? a : b) }.reduce(0, +) / 4
        #expect(abs(shifted.logLoss - logLoss) < 1e-5)
    }

    @Test func candidatesAreJudgedOnTheirPooledOutOfFoldPredictions() throws {
        let (texts, labels) = ModelSelectionTests.corpus()
        var options = TrainingOptions()
        options.tuning?.selectionFolds = 3
        // No decision rule, so the candidates' scores are those of the fold models' own predictions.
        options.tuning?.classOffsetShrinkage = nil
        let classifier = try TextClassifier.train(texts: texts, labels: labels, labelField: "topic", options: options)
        let report = try #require(classifier.selection)
        #expect(report.folds == 3 && report.validationCount == texts.count)
        #expect(report.candidates.map(\.inverseRegularization) == [10, 1])

        // Recomputed apart: each fold's candidates score their held-out rows through probabilities, and
        // the pooled report of all the folds is the candidate's.
        let extractor = classifier.extractor
        let examples = zip(texts, labels).map { text, label in
            var features = extractor.transform(text)
            extractor.removeOutOfVocabulary(from: &features)
            return LabeledExample(features: features, label: label)
        }
        let tuning = try #require(options.tuning)
        let problem = ModelSelection.Problem(
            examples: examples, dimension: extractor.dimension, parameters: options.logisticRegression, tuning: tuning)
        let folds = StratifiedFolds(labels: labels, count: 3, seed: options.seed)
        let names = Set(labels).sorted()
        var pooled = [ClassificationReport.Builder](repeating: .init(modelLabels: names), count: 2)
        var probabilities: [Float] = []
        for f in 0..<3 {
            let path = problem.fitPath(rows: folds.training(f), buffers: LBFGS.Buffers()) { _, _ in { _ in } }
            for (j, fit) in path.enumerated() {
                for i in folds.validation(f) {
                    fit.model.predictProbabilities(examples[i].features, into: &probabilities)
                    pooled[j].add(trueLabel: labels[i], probabilities: probabilities)
                }
            }
        }
        for j in 0..<2 {
            let recomputed = pooled[j].report(label: "out-of-fold")
            #expect(abs(recomputed.macroF1 - report.candidates[j].macroF1) < 1e-9, "candidate \(j)")
            #expect(recomputed.accuracy == report.candidates[j].accuracy, "candidate \(j)")
        }
        #expect(report.chosenIndex == ModelSelection.choose(report.candidates, margin: tuning.selectionMargin))
        #expect(classifier.options.logisticRegression.inverseRegularization == report.chosen.inverseRegularization)
        #expect(classifier.model.temperature == report.temperature)
    }

    @Test func foldedSelectionIsDeterministicAndSavedOnlyWhenSet() throws {
        let (texts, labels) = ModelSelectionTests.corpus()
        var options = TrainingOptions()
        options.tuning?.selectionFolds = 4
        options.tuning?.classOffsetShrinkage = 1
        var progress: [TrainingProgress] = []
        let first = try TextClassifier.train(texts: texts, labels: labels, labelField: "topic", options: options) {
            progress.append($0)
        }
        // Progress over the K paths and the final fit: never backwards, ends at 1, every fold named.
        #expect(zip(progress, progress.dropFirst()).allSatisfy { $0.fraction <= $1.fraction })
        #expect(progress.last?.fraction == 1)
        for fold in 1...4 { #expect(progress.contains { $0.stage == "select C=1 balanced, fold \(fold)/4" }) }
        #expect(progress.contains { $0.stage.hasPrefix("final fit") && $0.fraction < 1 })
        let second = try TextClassifier.train(texts: texts, labels: labels, labelField: "topic", options: options)
        #expect(first == second)
        let report = try #require(first.selection)
        #expect(report.folds == 4 && report.logitAdjustment?.classOffsetShrinkage == 1)
        // Each candidate is fitted once per fold.
        let single = try TextClassifier.train(
            texts: texts, labels: labels, labelField: "topic", options: TrainingOptions())
        #expect(single.selection?.folds == nil)
        #expect(zip(report.candidates, single.selection!.candidates).allSatisfy { $0.iterations > $1.iterations })

        let saved = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(options.tuning)) as? [String: Any])
        #expect(saved["selectionFolds"] as? Int == 4)
        let decoded = try JSONDecoder().decode(Tuning.self, from: JSONEncoder().encode(options.tuning))
        #expect(decoded == options.tuning)
        let plain = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(Tuning())) as? [String: Any])
        #expect(plain["selectionFolds"] == nil)
        let reportJSON = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(single.selection)) as? [String: Any])
        #expect(reportJSON["folds"] == nil)
        #expect(try JSONDecoder().decode(SelectionReport.self, from: JSONEncoder().encode(report)) == report)
    }

    @Test(arguments: [1, 0, -3])
    func fewerThanTwoFoldsIsATypedError(folds: Int) throws {
        let (texts, labels) = ModelSelectionTests.corpus()
        var options = TrainingOptions()
        options.tuning?.selectionFolds = folds
        do {
            _ = try TextClassifier.train(texts: texts, labels: labels, labelField: "topic", options: options)
            Issue.record("\(folds) folds were accepted")
        } catch let LearnerError.invalidParameter(name, reason) {
            #expect(name == "selectionFolds" && reason.contains("\(folds)"))
        }
    }
}
