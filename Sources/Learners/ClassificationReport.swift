import SystemSupport

/// Evaluation metrics of a classifier on labelled data: accuracy, macro-F1, per-class precision /
/// recall / F1 / support, confusion matrix, log-loss and expected calibration error (15 bins).
///
/// Encodes to JSON with snake_case keys (`macro_f1`, `per_class`, `log_loss`, `ece`…).
///
/// ```swift
/// var builder = ClassificationReport.Builder(modelLabels: model.labels.names)
/// for (x, y) in test { builder.add(trueLabel: y, probabilities: model.predictProbabilities(x)) }
/// let report = builder.report(label: "subject")
/// print(report.accuracy, report.macroF1)
/// ```
package struct ClassificationReport: Codable, Sendable, Equatable {
    /// Precision, recall, F1 and support of one class.
    package struct ClassMetrics: Codable, Sendable, Equatable {
        package var precision: Double
        package var recall: Double
        package var f1: Double
        package var support: Int
    }

    /// Name of the evaluated label field.
    package var label: String
    /// Number of examples.
    package var n: Int
    package var accuracy: Double
    /// Unweighted mean F1 over classes present in the truth or the predictions.
    package var macroF1: Double
    package var perClass: [String: ClassMetrics]
    /// Class names, the order of ``confusion``'s rows (truth) and columns (prediction).
    package var classes: [String]
    package var confusion: [[Int]]
    /// Mean −log p(true class), with p floored at 1e-15.
    package var logLoss: Double
    /// Expected calibration error of the top-class confidence, 15 equal-width bins.
    package var ece: Double

    enum CodingKeys: String, CodingKey {
        case label, n, accuracy, classes, confusion, ece
        case macroF1 = "macro_f1"
        case perClass = "per_class"
        case logLoss = "log_loss"
    }

    /// Collects predictions one at a time, then computes the report.
    package struct Builder {
        let modelLabels: [String]
        /// The true label of each example added, in order.
        package private(set) var truths: [String] = []
        /// The predicted (most probable) label of each example added.
        package private(set) var predictions: [String] = []
        /// The probability of each prediction (the top-class confidence).
        package private(set) var confidences: [Double] = []
        var trueProbabilities: [Double] = []

        /// A builder for a model whose probability vectors follow `modelLabels`.
        package init(modelLabels: [String]) { self.modelLabels = modelLabels }

        /// Adds one example: its true label and the model's probabilities.
        package mutating func add(trueLabel: String, probabilities: [Float]) {
            var best = 0
            for i in probabilities.indices where probabilities[i] > probabilities[best] { best = i }
            truths.append(trueLabel)
            predictions.append(probabilities.isEmpty ? "" : modelLabels[best])
            confidences.append(probabilities.isEmpty ? 0 : Double(probabilities[best]))
            let trueIndex = modelLabels.firstIndex(of: trueLabel)
            trueProbabilities.append(trueIndex.map { Double(probabilities[$0]) } ?? 0)
        }

        /// The report over everything added.
        package func report(label: String) -> ClassificationReport {
            let classes = Set(truths + predictions.filter { !$0.isEmpty }).sorted()
            let position = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
            var confusion = [[Int]](repeating: [Int](repeating: 0, count: classes.count), count: classes.count)
            var correct = 0
            for (truth, prediction) in zip(truths, predictions) {
                if truth == prediction { correct += 1 }
                if let p = position[prediction] { confusion[position[truth]!][p] += 1 }
            }
            var perClass: [String: ClassMetrics] = [:]
            var f1Sum = 0.0
            for (i, name) in classes.enumerated() {
                let truePositives = Double(confusion[i][i])
                let predicted = Double(confusion.reduce(0) { $0 + $1[i] })
                let support = confusion[i].reduce(0, +)
                let precision = predicted > 0 ? truePositives / predicted : 0
                let recall = support > 0 ? truePositives / Double(support) : 0
                let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
                perClass[name] = ClassMetrics(precision: precision, recall: recall, f1: f1, support: support)
                f1Sum += f1
            }
            let n = truths.count
            let logLoss = n == 0 ? 0 : trueProbabilities.reduce(0) { $0 - log(max($1, 1e-15)) } / Double(n)
            return ClassificationReport(
                label: label, n: n, accuracy: n == 0 ? 0 : Double(correct) / Double(n),
                macroF1: classes.isEmpty ? 0 : f1Sum / Double(classes.count), perClass: perClass, classes: classes,
                confusion: confusion, logLoss: logLoss, ece: expectedCalibrationError())
        }

        /// The top-class confidences in `bins` equal-width bins with the accuracy in each: the data of
        /// a reliability diagram. The expected calibration error is computed from the same bins.
        package func reliability(bins: Int = 15) -> [ReliabilityBin] {
            var result = (0..<bins).map {
                ReliabilityBin(
                    lower: Double($0) / Double(bins), upper: Double($0 + 1) / Double(bins), count: 0, meanConfidence: 0,
                    accuracy: 0)
            }
            for i in confidences.indices {
                let bin = min(bins - 1, Int(confidences[i] * Double(bins)))
                result[bin].count += 1
                result[bin].meanConfidence += confidences[i]
                result[bin].accuracy += truths[i] == predictions[i] ? 1 : 0
            }
            for b in result.indices where result[b].count > 0 {
                result[b].meanConfidence /= Double(result[b].count)
                result[b].accuracy /= Double(result[b].count)
            }
            return result
        }

        private func expectedCalibrationError(bins: Int = 15) -> Double {
            guard !confidences.isEmpty else { return 0 }
            var ece = 0.0
            for bin in reliability(bins: bins) where bin.count > 0 {
                ece += Double(bin.count) / Double(confidences.count) * abs(bin.meanConfidence - bin.accuracy)
            }
            return ece
        }
    }
}

/// One bin of a reliability diagram: predictions whose confidence lies in `lower..<upper`.
package struct ReliabilityBin: Sendable, Equatable {
    package var lower: Double
    package var upper: Double
    /// Predictions in the bin.
    package var count: Int
    /// Their mean confidence.
    package var meanConfidence: Double
    /// The share of them that were right.
    package var accuracy: Double
}
