import ModelFormat
import TextFeatures

/// The JSON-describable part of a saved ``TextClassifier``; its arrays go to safetensors under a prefix.
///
/// ```swift
/// let (info, tensors) = classifier.archive(prefix: "subject")
/// let restored = try TextClassifier(info: info, tensors: tensors, prefix: "subject", path: "weights.safetensors")
/// ```
public struct TextClassifierInfo: Codable, Sendable, Equatable {
    public var labelField: String
    public var options: TrainingOptions
    public var features: FeatureConfiguration
    public var featureDimension: Int
    public var documentCount: Int
    public var labels: [String]
    public var temperature: Float
    /// Feature names for explanations (see ``FeatureExtractor/names``).
    public var featureNames: [String]
}

extension TextClassifier {
    /// Splits the classifier into a description and named tensors (prefixed with `prefix.`).
    public func archive(prefix: String) -> (info: TextClassifierInfo, tensors: [String: Tensor]) {
        var tensors: [String: Tensor] = [:]
        let p = prefix + "."
        if let vocabulary = extractor.vocabulary { tensors[p + "vocabulary"] = Tensor(uint64: vocabulary.hashes) }
        if !extractor.inverseDocumentFrequency.isEmpty { tensors[p + "idf"] = Tensor(float32: extractor.inverseDocumentFrequency) }
        let k = model.labels.count
        let d = extractor.dimension
        switch model {
        case let .naiveBayes(nb):
            tensors[p + "nb.counts"] = Tensor(float32: nb.counts, shape: [d, k])
            tensors[p + "nb.class_totals"] = Tensor(float64: nb.classTotals)
            tensors[p + "nb.class_weights"] = Tensor(float64: nb.classWeights)
        case let .logisticRegression(lr):
            tensors[p + "lr.weights"] = Tensor(float32: lr.weights, shape: [d, k])
            tensors[p + "lr.bias"] = Tensor(float32: lr.bias)
            tensors[p + "lr.squared_gradients"] = Tensor(float32: lr.squaredGradients, shape: [d, k])
            tensors[p + "lr.bias_squared_gradients"] = Tensor(float32: lr.biasSquaredGradients)
            tensors[p + "lr.class_weights"] = Tensor(float32: lr.classWeights)
        }
        let info = TextClassifierInfo(
            labelField: labelField, options: options, features: extractor.configuration, featureDimension: d,
            documentCount: extractor.documentCount, labels: model.labels.names, temperature: model.temperature,
            featureNames: extractor.names)
        return (info, tensors)
    }

    /// Rebuilds a classifier from ``archive(prefix:)``'s output; `path` names the file in errors.
    /// - Throws: ``ModelFormatError/missingTensor(path:name:reason:)``, ``LearnerError`` or ``FeatureError``
    ///   when the parts are missing or do not fit together.
    public init(info: TextClassifierInfo, tensors: [String: Tensor], prefix: String, path: String) throws {
        let p = prefix + "."
        func floats(_ name: String, count: Int) throws -> [Float] {
            guard let tensor = tensors[p + name] else { throw ModelFormatError.missingTensor(path: path, name: p + name, reason: "is missing") }
            guard let values = tensor.float32Values(), values.count == count else {
                throw ModelFormatError.missingTensor(path: path, name: p + name, reason: "must be F32 with \(count) values")
            }
            return values
        }
        func doubles(_ name: String, count: Int) throws -> [Double] {
            guard let tensor = tensors[p + name] else { throw ModelFormatError.missingTensor(path: path, name: p + name, reason: "is missing") }
            guard let values = tensor.float64Values(), values.count == count else {
                throw ModelFormatError.missingTensor(path: path, name: p + name, reason: "must be F64 with \(count) values")
            }
            return values
        }
        var vocabulary: [UInt64]? = nil
        if case .vocabulary = info.features.space {
            guard let values = tensors[p + "vocabulary"]?.uint64Values() else {
                throw ModelFormatError.missingTensor(path: path, name: p + "vocabulary", reason: "is missing or not U64")
            }
            vocabulary = values
        }
        let d = info.featureDimension
        let idf = info.features.inverseDocumentFrequency ? try floats("idf", count: d) : []
        let extractor = try FeatureExtractor(
            configuration: info.features, vocabularyHashes: vocabulary, inverseDocumentFrequency: idf,
            names: info.featureNames, documentCount: info.documentCount)
        guard extractor.dimension == d else {
            throw LearnerError.inconsistentState("feature dimension \(extractor.dimension) ≠ recorded \(d)")
        }
        let labels = ClassLabels(info.labels)
        guard labels.count == info.labels.count else { throw LearnerError.inconsistentState("duplicate labels") }
        let k = labels.count
        let model: AnyClassifier
        switch info.options.algorithm {
        case .naiveBayes, .complementNaiveBayes:
            var parameters = info.options.naiveBayes
            parameters.variant = info.options.algorithm == .naiveBayes ? .multinomial : .complement
            model = .naiveBayes(try NaiveBayes(
                dimension: d, parameters: parameters, labels: labels, counts: try floats("nb.counts", count: d * k),
                classTotals: try doubles("nb.class_totals", count: k), classWeights: try doubles("nb.class_weights", count: k),
                temperature: info.temperature))
        case .logisticRegression:
            var parameters = info.options.logisticRegression
            parameters.seed = info.options.seed
            model = .logisticRegression(try LogisticRegression(
                dimension: d, parameters: parameters, labels: labels, weights: try floats("lr.weights", count: d * k),
                bias: try floats("lr.bias", count: k), squaredGradients: try floats("lr.squared_gradients", count: d * k),
                biasSquaredGradients: try floats("lr.bias_squared_gradients", count: k),
                classWeights: try floats("lr.class_weights", count: k), temperature: info.temperature))
        }
        self.init(labelField: info.labelField, options: info.options, extractor: extractor, model: model)
    }
}
