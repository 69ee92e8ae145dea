@_spi(Components) import Learners
import Testing
@_spi(Components) import TextFeatures

/// The bounded top-k selection of explanation words against the obvious way: score each feature
/// alone, subtract the scores of an empty document, centre on the class mean, keep the features with
/// a content word, sort everything.
@Suite struct TopFeatureSelectionTests {
    static let queries = [
        "charged twice again for the same order", "my package never arrived, where is the delivery",
        "the unit price is higher than the quote we agreed", "two identical payments on the card",
        "nothing", "",
    ]

    struct Entry {
        var name: String
        var index: Int32
        var contribution: Float
    }

    static func classifier(_ algorithm: Algorithm) throws -> TextClassifier {
        var options = TrainingOptions()
        options.algorithm = algorithm
        options.calibrationFolds = 0
        return try TextClassifier.train(
            texts: TextClassifierTests.texts, labels: TextClassifierTests.labels,
            labelField: "subject", options: options)
    }

    /// What one feature adds to class `c` above the mean class, by scoring it alone.
    static func referenceContribution(_ model: AnyClassifier, index: Int32, value: Float, classIndex: Int) -> Float {
        var alone: [Float] = [], empty: [Float] = []
        model.decisionScores(SparseVector(indices: [index], values: [value]), into: &alone)
        model.decisionScores(SparseVector(), into: &empty)
        let deltas = zip(alone, empty).map { $0 - $1 }
        return deltas[classIndex] - deltas.reduce(0, +) / Float(deltas.count)
    }

    @Test(arguments: Algorithm.allCases)
    func contributionsMatchScoringEachFeatureAlone(algorithm: Algorithm) throws {
        let classifier = try Self.classifier(algorithm)
        for query in Self.queries {
            let x = classifier.extractor.transform(query)
            for c in 0..<classifier.model.labels.count {
                var contributions: [Float] = []
                classifier.model.contributions(x, classIndex: c, into: &contributions)
                #expect(contributions.count == x.count)
                for i in 0..<x.count {
                    let reference = Self.referenceContribution(
                        classifier.model, index: x.indices[i], value: x.values[i], classIndex: c)
                    #expect(
                        abs(contributions[i] - reference) <= 1e-4 * max(1, abs(reference)),
                        "\(query) feature \(i) class \(c)")
                }
            }
        }
    }

    @Test(arguments: Algorithm.allCases, [1, 3, 5, 50])
    func selectionEqualsFullSort(algorithm: Algorithm, limit: Int) throws {
        let classifier = try Self.classifier(algorithm)
        var selection = TopFeatureSelection()  // reused across documents, as in scoring
        for query in Self.queries {
            let x = classifier.extractor.transform(query)
            for c in 0..<classifier.model.labels.count {
                var contributions: [Float] = []
                classifier.model.contributions(x, classIndex: c, into: &contributions)
                var entries: [Entry] = []
                for i in 0..<x.count {
                    let name = classifier.extractor.name(of: Int(x.indices[i]))
                    if FunctionWords.isExplainable(name) && contributions[i] > 0 {
                        entries.append(Entry(name: name, index: x.indices[i], contribution: contributions[i]))
                    }
                }
                entries.sort {
                    $0.contribution != $1.contribution ? $0.contribution > $1.contribution : $0.name < $1.name
                }
                let expected = entries.prefix(limit)
                classifier.selectTopFeatures(x, classIndex: c, limit: limit, into: &selection)
                #expect(selection.indices == expected.map { $0.index }, "\(query) class \(c)")
                #expect(selection.contributions == expected.map { $0.contribution })
            }
        }
    }

    @Test func tiesAreBrokenByName() throws {
        // Two named features with the same weights and value contribute exactly the same.
        var configuration = FeatureConfiguration()
        configuration.space = .hashing(bits: 4)
        configuration.inverseDocumentFrequency = false
        let names = ["zeta", "", "alpha", "mid"] + [String](repeating: "", count: 12)
        let extractor = try FeatureExtractor(
            configuration: configuration, vocabularyHashes: nil, inverseDocumentFrequency: [], names: names,
            documentCount: 0)
        let weights: [Float] = [1, -1, 5, -5, 1, -1, 0.5, -0.5] + [Float](repeating: 0, count: 24)
        let model = try LogisticRegression(
            dimension: 16, parameters: .init(), labels: ClassLabels(["a", "b"]), weights: weights, bias: [0, 0],
            squaredGradients: [Float](repeating: 0, count: 32), biasSquaredGradients: [0, 0], classWeights: [1, 1],
            temperature: 1)
        let classifier = TextClassifier(
            labelField: "x", options: TrainingOptions(), extractor: extractor, model: .logisticRegression(model))
        let x = SparseVector(indices: [0, 1, 2, 3], values: [1, 1, 1, 1])
        var selection = TopFeatureSelection()
        classifier.selectTopFeatures(x, classIndex: 0, limit: 2, into: &selection)
        #expect(selection.indices == [2, 0])  // "alpha" before "zeta"; index 1 is unnamed, 3 contributes less
        classifier.selectTopFeatures(x, classIndex: 1, limit: 2, into: &selection)
        #expect(selection.indices.isEmpty)  // nothing pushes class b up
    }
}
