/// Fits a classifier's temperature on out-of-fold scores: the data is split into `folds` parts (by
/// seed); each part is scored by a model trained on the others, and ``TemperatureScaling`` is fitted
/// on all those held-out scores.
///
/// ```swift
/// let t = try Calibration.crossValidatedTemperature(examples: train, folds: 3, seed: 7) {
///     LogisticRegression(dimension: extractor.dimension)
/// }
/// ```
package enum Calibration {
    /// The fitted temperature (1 when there are fewer than two folds' worth of examples).
    package static func crossValidatedTemperature<C: Classifier>(
        examples: [LabeledExample], folds: Int = 3, seed: UInt64, makeModel: () -> C
    ) throws -> Float {
        guard folds >= 2, examples.count >= folds * 2 else { return 1 }
        let fold = foldAssignment(count: examples.count, folds: folds, seed: seed)
        var heldOutScores: [[Float]] = []
        var heldOutTargets: [Int] = []
        var scores: [Float] = []
        for f in 0..<folds {
            let training = examples.indices.filter { fold[$0] != f }.map { examples[$0] }
            var model = makeModel()
            try model.fit(training)
            for i in examples.indices where fold[i] == f {
                // class absent from the other folds
                guard let target = model.labels.index(of: examples[i].label) else { continue }
                model.decisionScores(examples[i].features, into: &scores)
                heldOutScores.append(scores)
                heldOutTargets.append(target)
            }
        }
        return TemperatureScaling.fit(scores: heldOutScores, targets: heldOutTargets)
    }

    /// Fold number of each of `count` examples: a seeded shuffle dealt round-robin.
    package static func foldAssignment(count: Int, folds: Int, seed: UInt64) -> [Int] {
        var order = Array(0..<count)
        var generator = SeededGenerator(seed: seed)
        generator.shuffle(&order)
        var fold = [Int](repeating: 0, count: count)
        for (position, i) in order.enumerated() { fold[i] = position % folds }
        return fold
    }
}
