import ModelFormat
@_spi(Components) import TextFeatures

/// The JSON-describable part of a saved ``FeatureExtractor``; its arrays go to safetensors.
package struct FeatureExtractorInfo: Codable, Sendable, Equatable {
    package var configuration: FeatureConfiguration
    package var dimension: Int
    package var documentCount: Int
    /// Feature names for explanations (see ``FeatureExtractor/names``); saved in a file of their own.
    package var names: [String]
}

/// The JSON-describable part of a saved ``TextClassifier`` (its extractor is saved separately, so
/// classifiers that share features store them once).
///
/// ```swift
/// let (info, tensors) = classifier.archive(prefix: "text.subject", featuresKey: "features.0")
/// ```
package struct TextClassifierInfo: Codable, Sendable, Equatable {
    package var labelField: String
    package var options: TrainingOptions
    /// Which saved extractor the classifier uses.
    package var featuresKey: String
    package var labels: [String]
    package var temperature: Float
    /// Whether the AdaGrad memory is stored; after batch L-BFGS training it is uniformly 1 and is
    /// left out to halve the file.
    package var storesAdaGradMemory: Bool
    /// The settings search and its validation scores (absent when the settings were fixed).
    package var selection: SelectionReport?
}

extension FeatureExtractor {
    /// Description and tensors (`prefix.vocabulary`, `prefix.idf`).
    package func archive(prefix: String) -> (info: FeatureExtractorInfo, tensors: [String: Tensor]) {
        var tensors: [String: Tensor] = [:]
        if let vocabulary { tensors[prefix + ".vocabulary"] = Tensor(uint64: vocabulary.hashes) }
        if !inverseDocumentFrequency.isEmpty { tensors[prefix + ".idf"] = Tensor(float32: inverseDocumentFrequency) }
        return (
            FeatureExtractorInfo(
                configuration: configuration, dimension: dimension, documentCount: documentCount, names: names), tensors
        )
    }

    /// Restores an extractor; `path` names the file in errors.
    /// - Throws: ``ModelFormatError/missingTensor(path:name:reason:)`` or ``FeatureError``.
    package init(info: FeatureExtractorInfo, tensors: [String: Tensor], prefix: String, path: String) throws {
        var vocabulary: [UInt64]? = nil
        if case .vocabulary = info.configuration.space {
            guard let values = tensors[prefix + ".vocabulary"]?.uint64Values() else {
                throw ModelFormatError.missingTensor(
                    path: path, name: prefix + ".vocabulary", reason: "is missing or not U64")
            }
            vocabulary = values
        }
        var idf: [Float] = []
        if info.configuration.inverseDocumentFrequency {
            guard let values = tensors[prefix + ".idf"]?.float32Values(), values.count == info.dimension,
                values.allSatisfy(\.isFinite)
            else {
                throw ModelFormatError.missingTensor(
                    path: path, name: prefix + ".idf", reason: "must be F32 with \(info.dimension) finite values")
            }
            idf = values
        }
        try self.init(
            configuration: info.configuration, vocabularyHashes: vocabulary, inverseDocumentFrequency: idf,
            names: info.names, documentCount: info.documentCount)
        guard dimension == info.dimension else {
            throw FeatureError.inconsistentState("feature dimension \(dimension) ≠ recorded \(info.dimension)")
        }
    }
}

extension TextClassifier {
    /// Splits the learner into a description and named tensors (prefixed with `prefix.`); the
    /// extractor is archived separately under `featuresKey`.
    package func archive(prefix: String, featuresKey: String) -> (info: TextClassifierInfo, tensors: [String: Tensor]) {
        var tensors: [String: Tensor] = [:]
        let p = prefix + "."
        let k = model.labels.count
        let d = extractor.dimension
        var storesMemory = false
        switch model {
        case let .naiveBayes(nb):
            tensors[p + "nb.counts"] = Tensor(float32: nb.counts, shape: [d, k])
            tensors[p + "nb.class_totals"] = Tensor(float64: nb.classTotals)
            tensors[p + "nb.class_weights"] = Tensor(float64: nb.classWeights)
        case let .logisticRegression(lr):
            tensors[p + "lr.weights"] = Tensor(float32: lr.weights, shape: [d, k])
            tensors[p + "lr.bias"] = Tensor(float32: lr.bias)
            storesMemory =
                !(lr.squaredGradients.allSatisfy { $0 == 1 } && lr.biasSquaredGradients.allSatisfy { $0 == 1 })
            if storesMemory {
                tensors[p + "lr.squared_gradients"] = Tensor(float32: lr.squaredGradients, shape: [d, k])
                tensors[p + "lr.bias_squared_gradients"] = Tensor(float32: lr.biasSquaredGradients)
            }
            tensors[p + "lr.class_weights"] = Tensor(float32: lr.classWeights)
        }
        let info = TextClassifierInfo(
            labelField: labelField, options: options, featuresKey: featuresKey, labels: model.labels.names,
            temperature: model.temperature, storesAdaGradMemory: storesMemory, selection: selection)
        return (info, tensors)
    }

    /// Rebuilds a classifier from ``archive(prefix:featuresKey:)``'s output and its extractor.
    /// - Throws: ``ModelFormatError/missingTensor(path:name:reason:)`` or ``LearnerError`` when parts are
    ///   missing or do not fit together.
    package init(
        info: TextClassifierInfo, extractor: FeatureExtractor, tensors: [String: Tensor], prefix: String, path: String
    ) throws {
        let p = prefix + "."
        func floats(_ name: String, count: Int) throws -> [Float] {
            guard let tensor = tensors[p + name] else {
                throw ModelFormatError.missingTensor(path: path, name: p + name, reason: "is missing")
            }
            guard let values = tensor.float32Values(), values.count == count else {
                throw ModelFormatError.missingTensor(
                    path: path, name: p + name, reason: "must be F32 with \(count) values")
            }
            return values
        }
        func doubles(_ name: String, count: Int) throws -> [Double] {
            guard let tensor = tensors[p + name] else {
                throw ModelFormatError.missingTensor(path: path, name: p + name, reason: "is missing")
            }
            guard let values = tensor.float64Values(), values.count == count else {
                throw ModelFormatError.missingTensor(
                    path: path, name: p + name, reason: "must be F64 with \(count) values")
            }
            return values
        }
        let labels = ClassLabels(info.labels)
        guard labels.count == info.labels.count else {
            throw LearnerError.inconsistentState("duplicate labels in \(info.labelField)")
        }
        let d = extractor.dimension
        let k = labels.count
        let model: AnyClassifier
        switch info.options.algorithm {
        case .naiveBayes, .complementNaiveBayes:
            var parameters = info.options.naiveBayes
            parameters.variant = info.options.algorithm == .naiveBayes ? .multinomial : .complement
            model = .naiveBayes(
                try NaiveBayes(
                    dimension: d, parameters: parameters, labels: labels, counts: try floats("nb.counts", count: d * k),
                    classTotals: try doubles("nb.class_totals", count: k),
                    classWeights: try doubles("nb.class_weights", count: k),
                    temperature: info.temperature))
        case .logisticRegression:
            var parameters = info.options.logisticRegression
            parameters.seed = info.options.seed
            let memory =
                info.storesAdaGradMemory
                ? try floats("lr.squared_gradients", count: d * k) : []  // uniformly 1, made when first needed
            let biasMemory =
                info.storesAdaGradMemory
                ? try floats("lr.bias_squared_gradients", count: k) : [Float](repeating: 1, count: k)
            model = .logisticRegression(
                try LogisticRegression(
                    dimension: d, parameters: parameters, labels: labels,
                    weights: try floats("lr.weights", count: d * k),
                    bias: try floats("lr.bias", count: k), squaredGradients: memory, biasSquaredGradients: biasMemory,
                    classWeights: try floats("lr.class_weights", count: k), temperature: info.temperature))
        }
        self.init(labelField: info.labelField, options: info.options, extractor: extractor, model: model)
        selection = info.selection
    }
}
