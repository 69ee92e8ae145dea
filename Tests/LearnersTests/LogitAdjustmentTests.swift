import Foundation
import Testing
@_spi(Components) import TextFeatures

@_spi(Components) @testable import Learners

@Suite struct LogitAdjustmentTests {
    @Test func offsetsAreCentredMinusTauLogPrior() {
        let counts: [Double] = [80, 15, 5]
        #expect(LogitAdjustment.offsets(tau: 0, classCounts: counts).allSatisfy { $0 == 0 })
        let one = LogitAdjustment.offsets(tau: 1, classCounts: counts)
        #expect(abs(one.reduce(0, +)) < 1e-5)
        // Differences between classes are −τ · log(π_a / π_b): the rare class gains.
        #expect(abs((one[2] - one[0]) - Float(log(80.0 / 5.0))) < 1e-5)
        let half = LogitAdjustment.offsets(tau: 0.5, classCounts: counts)
        for c in 0..<3 { #expect(abs(half[c] - one[c] / 2) < 1e-6) }
        // A class without examples is treated as the rarest seen, not as log 0.
        let empty = LogitAdjustment.offsets(tau: 1, classCounts: [10, 0, 5])
        #expect(empty.allSatisfy(\.isFinite) && empty[1] == empty[2])
    }

    @Test func macroF1MatchesTheClassificationReport() {
        var generator = SeededGenerator(seed: 3)
        let k = 4
        let names = ["a", "b", "c", "d"]
        // Class 3 never occurs in the truth: like the settings search, it must not count.
        let targets = (0..<200).map { _ in generator.next(below: 3) }
        let scores = (0..<(200 * k)).map { _ in Float(generator.nextUnit()) }
        let offsets: [Float] = [0.1, -0.2, 0, 0.05]
        var builder = ClassificationReport.Builder(modelLabels: names)
        for (row, target) in targets.enumerated() {
            let shifted = (0..<k).map { scores[row * k + $0] + offsets[$0] }
            builder.add(trueLabel: names[target], probabilities: shifted)
        }
        let report = builder.report(label: "x")
        let held = report.classes.compactMap { report.perClass[$0] }.filter { $0.support > 0 }
        let expected = held.map(\.f1).reduce(0, +) / Double(held.count)
        let got = LogitAdjustment.macroF1(scores: scores, targets: targets, offsets: offsets)
        #expect(abs(got - expected) < 1e-12)
    }

    @Test func choiceIsTheTauClosestToTheFirstListedWithinTheMargin() {
        // Two classes, 9:1; the rare class's examples score just below the frequent class, so only
        // an adjustment toward the rare class finds them.
        var scores: [Float] = []
        var targets: [Int] = []
        for i in 0..<100 {
            let rare = i % 10 == 0
            scores += rare ? [0.5, 0] : [1.5, 0]
            targets.append(rare ? 1 : 0)
        }
        let counts: [Double] = [90, 10]
        let grid: [Float] = [0, -0.5, 0.25, 0.5, 1]
        let report = LogitAdjustment.choose(
            scores: scores, targets: targets, classCounts: counts, grid: grid, margin: 0.005)
        // log 9 ≈ 2.2: τ = 0.25 moves the rare class by 0.55, enough for its 0.5 gap, not the others' 1.5.
        #expect(report.macroF1[2] == 1 && report.macroF1[3] == 1 && report.macroF1[0] < 1)
        #expect(report.chosen == 0.25)
        #expect(report.offsets == LogitAdjustment.offsets(tau: 0.25, classCounts: counts))
        // A larger margin takes the unadjusted rule back when it is close enough.
        let lenient = LogitAdjustment.choose(
            scores: scores, targets: targets, classCounts: counts, grid: grid, margin: 1)
        #expect(lenient.chosen == 0)
        // Listed first, 1 is the reference: 0.5 is the closest of the best.
        let fromOne = LogitAdjustment.choose(
            scores: scores, targets: targets, classCounts: counts, grid: [1, 0, 0.25, 0.5], margin: 0.005)
        #expect(fromOne.chosen == 0.5)
        // A single value fixes τ.
        let fixed = LogitAdjustment.choose(
            scores: scores, targets: targets, classCounts: counts, grid: [1], margin: 0.005)
        #expect(fixed.chosen == 1)
    }

    @Test func trainingWithTauZeroIsTrainingWithoutAndTheShiftIsAPriorShift() throws {
        let (texts, labels) = ModelSelectionTests.corpus()
        var options = TrainingOptions()
        options.tuning?.classOffsetShrinkage = nil
        let plain = try TextClassifier.train(texts: texts, labels: labels, labelField: "topic", options: options)
        #expect(plain.selection?.logitAdjustment == nil)
        options.tuning?.logitAdjustments = [0]
        let zero = try TextClassifier.train(texts: texts, labels: labels, labelField: "topic", options: options)
        #expect(zero.model == plain.model)
        #expect(zero.selection?.logitAdjustment?.chosen == 0)

        options.tuning?.logitAdjustments = [1]
        let shifted = try TextClassifier.train(texts: texts, labels: labels, labelField: "topic", options: options)
        let report = try #require(shifted.selection?.logitAdjustment)
        guard case let .logisticRegression(a) = plain.model, case let .logisticRegression(b) = shifted.model else {
            Issue.record("expected logistic regression")
            return
        }
        // Same weights; biases moved by exactly the recorded offsets; temperature refitted after it.
        #expect(a.weights == b.weights)
        for c in a.bias.indices { #expect(abs((b.bias[c] - a.bias[c]) - report.offsets[c]) < 1e-5) }
        // Probabilities and the predicted label agree (the shift is inside the softmax).
        for text in texts.prefix(20) {
            let p = shifted.predictProbabilities(text)
            let best = p.indices.max { p[$0] < p[$1] }!
            #expect(shifted.predict(text) == shifted.model.labels.names[best])
        }
        // The rare class ("tax", 10 of 130) gains predictions.
        let rareBefore = texts.filter { plain.predict($0) == "tax" }.count
        let rareAfter = texts.filter { shifted.predict($0) == "tax" }.count
        #expect(rareAfter >= rareBefore)
    }

    @Test func classOffsetsRaiseHeldOutMacroF1AndAreShrunk() {
        // Three classes; class 2's examples score just below class 0, so only a larger offset for
        // class 2 (or a smaller one for class 0) finds them.
        var scores: [Float] = []
        var targets: [Int] = []
        for i in 0..<90 {
            switch i % 3 {
            case 0: scores += [2, 0, 0]
            case 1: scores += [0, 2, 0]
            default: scores += [1, 0, 0.6]
            }
            targets.append(i % 3)
        }
        let start: [Float] = [0, 0, 0]
        let before = LogitAdjustment.macroF1(scores: scores, targets: targets, offsets: start)
        let full = ClassOffsetSearch.search(scores: scores, targets: targets, start: start, shrinkage: 1)
        #expect(before < 0.8 && full.macroF1 == 1)
        #expect(LogitAdjustment.macroF1(scores: scores, targets: targets, offsets: full.offsets) == 1)
        // Shrinkage keeps that share of each move from the start, and reports the unshrunk score.
        let quarter = ClassOffsetSearch.search(scores: scores, targets: targets, start: start, shrinkage: 0.25)
        #expect(quarter.macroF1 == full.macroF1)
        for c in 0..<3 { #expect(abs(quarter.offsets[c] - 0.25 * full.offsets[c]) < 1e-6) }
        // Nothing to gain: no move.
        let perfect = (0..<30).flatMap { i -> [Float] in i % 2 == 0 ? [1, 0] : [0, 1] }
        let none = ClassOffsetSearch.search(
            scores: perfect, targets: (0..<30).map { $0 % 2 }, start: [0.1, -0.1], shrinkage: 1)
        #expect(none.offsets == [0.1, -0.1])
    }

    /// The search compares each moved class with the best other class per row; a plain search that
    /// re-takes the argmax of every row for every move must find the same offsets, ties included.
    @Test func classOffsetSearchEqualsAFullArgmaxSearch() {
        func plain(scores: [Float], targets: [Int], start: [Float]) -> ([Float], Double) {
            var found = start
            var best = LogitAdjustment.macroF1(scores: scores, targets: targets, offsets: found)
            for _ in 0..<ClassOffsetSearch.passes {
                for c in found.indices {
                    for step in ClassOffsetSearch.steps {
                        var trial = found
                        trial[c] += step
                        let score = LogitAdjustment.macroF1(scores: scores, targets: targets, offsets: trial)
                        if score > best + 1e-9 {
                            best = score
                            found = trial
                        }
                    }
                }
            }
            return (found, best)
        }
        var generator = SeededGenerator(seed: 11)
        for (k, rows) in [(2, 40), (3, 60), (7, 150), (12, 90)] {
            let targets = (0..<rows).map { _ in generator.next(below: k) }
            // Scores on a coarse grid so that many rows tie after a move of 0.25.
            let scores = (0..<(rows * k)).map { _ in Float(generator.next(below: 9)) * 0.25 }
            let start = (0..<k).map { _ in Float(generator.next(below: 3)) * 0.25 - 0.25 }
            let fast = ClassOffsetSearch.search(scores: scores, targets: targets, start: start, shrinkage: 1)
            let reference = plain(scores: scores, targets: targets, start: start)
            #expect(fast.offsets == reference.0, "\(k) classes")
            #expect(fast.macroF1 == reference.1, "\(k) classes")
        }
    }

    @Test func defaultTrainingSearchesClassOffsetsAndRecordsThem() throws {
        let (texts, labels) = ModelSelectionTests.corpus()
        #expect(TrainingOptions().tuning?.classOffsetShrinkage == 0.25)
        let classifier = try TextClassifier.train(
            texts: texts, labels: labels, labelField: "topic", options: TrainingOptions())
        let report = try #require(classifier.selection?.logitAdjustment)
        #expect(report.candidates == [0] && report.classOffsetShrinkage == 0.25)
        #expect((report.searchedMacroF1 ?? 0) >= report.macroF1[0])
        var options = TrainingOptions()
        options.tuning?.classOffsetShrinkage = nil
        let without = try TextClassifier.train(texts: texts, labels: labels, labelField: "topic", options: options)
        guard case let .logisticRegression(a) = without.model, case let .logisticRegression(b) = classifier.model
        else {
            Issue.record("expected logistic regression")
            return
        }
        // The offsets only move the biases (when the same C is chosen, the weights are the same).
        if without.selection?.chosenIndex == classifier.selection?.chosenIndex {
            #expect(a.weights == b.weights)
            for c in a.bias.indices { #expect(abs((b.bias[c] - a.bias[c]) - report.offsets[c]) < 1e-5) }
        }
        // Deterministic: the same data and seed give the same model.
        let again = try TextClassifier.train(
            texts: texts, labels: labels, labelField: "topic", options: TrainingOptions())
        #expect(again == classifier)
    }

    @Test func settingsValidateAndOldTuningReadsAsNoAdjustment() throws {
        var tuning = Tuning()
        for invalid: Float in [0, -0.1, 1.5, .nan] {
            tuning.classOffsetShrinkage = invalid
            #expect(throws: LearnerError.self) { try tuning.validate() }
        }
        tuning.classOffsetShrinkage = nil
        try tuning.validate()
        #expect(tuning.logitAdjustments == nil)
        for invalid: [Float] in [[], [.nan], [11]] {
            tuning.logitAdjustments = invalid
            #expect(throws: LearnerError.self) { try tuning.validate() }
        }
        tuning.logitAdjustments = [-0.5, 0, 1]
        try tuning.validate()
        let json = try JSONEncoder().encode(tuning)
        #expect(try JSONDecoder().decode(Tuning.self, from: json) == tuning)
        // τ is off by default: its key is not written. Tuning saved before either setting existed
        // reads back as trained: no adjustment, no per-class offsets.
        let plain = String(decoding: try JSONEncoder().encode(Tuning()), as: UTF8.self)
        #expect(!plain.contains("logitAdjustments") && plain.contains("classOffsetShrinkage"))
        var object = try #require(try JSONSerialization.jsonObject(with: Data(plain.utf8)) as? [String: Any])
        object["classOffsetShrinkage"] = nil
        let old = try JSONDecoder().decode(Tuning.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(old.classOffsetShrinkage == nil && old.logitAdjustments == nil)
    }
}
