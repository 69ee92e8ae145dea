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
        var truths: [String] = []
        var predictions: [String] = []
        var confidences: [Double] = []
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

        private func expectedCalibrationError(bins: Int = 15) -> Double {
            guard !confidences.isEmpty else { return 0 }
            var count = [Double](repeating: 0, count: bins)
            var confidenceSum = [Double](repeating: 0, count: bins)
            var correctSum = [Double](repeating: 0, count: bins)
            for i in confidences.indices {
                let bin = min(bins - 1, Int(confidences[i] * Double(bins)))
                count[bin] += 1
                confidenceSum[bin] += confidences[i]
                correctSum[bin] += truths[i] == predictions[i] ? 1 : 0
            }
            var ece = 0.0
            for b in 0..<bins where count[b] > 0 {
                ece += count[b] / Double(confidences.count) * abs(confidenceSum[b] / count[b] - correctSum[b] / count[b])
            }
            return ece
        }
    }
}
