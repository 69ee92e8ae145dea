@_spi(Components) import Learners
import Testing
@_spi(Components) import TextFeatures

/// The words each class rests on: positive, best first, explainable, and each contribution what
/// scoring a text holding that one feature once gives.
@Suite struct ClassWordsTests {
    /// Each word used at least twice, so that it is in the vocabulary and named.
    static let texts = [
        "charged twice for the invoice", "you billed us twice this month", "a duplicate charge, twice",
        "the parcel never arrived", "our delivery never arrived", "the parcel was not delivered",
        "the price is higher than the quote", "unit price above the quote", "the price does not match our quote",
    ]
    static let labels = [
        "duplicate", "duplicate", "duplicate", "delivery", "delivery", "delivery", "pricing", "pricing", "pricing",
    ]

    @Test(arguments: Algorithm.allCases)
    func wordsAreEachClassesStrongestOccurrences(algorithm: Algorithm) throws {
        var options = TrainingOptions()
        options.algorithm = algorithm
        options.calibrationFolds = 0
        let classifier = try TextClassifier.train(
            texts: Self.texts, labels: Self.labels, labelField: "subject",
            options: options)
        let classWords = classifier.classWords(limit: 4)
        #expect(classWords.map(\.label) == classifier.model.labels.names)
        for (classIndex, entry) in classWords.enumerated() {
            #expect(!entry.words.isEmpty, "\(entry.label)")
            #expect(entry.words.count <= 4)
            let contributions = entry.words.map(\.contribution)
            #expect(contributions.allSatisfy { $0 > 0 })
            #expect(contributions == contributions.sorted(by: >))
            for word in entry.words {
                #expect(FunctionWords.isExplainable(word.name), "\(word.name)")
                // The feature alone, once: the same contribution through the per-document path.
                let j = try #require(
                    (0..<classifier.extractor.dimension).first { classifier.extractor.name(of: $0) == word.name })
                let idf = classifier.extractor.inverseDocumentFrequency
                let value =
                    classifier.extractor.configuration.weighting.weight(count: 1) * (idf.isEmpty ? 1 : idf[j])
                var alone: [Float] = []
                classifier.model.contributions(
                    SparseVector(indices: [Int32(j)], values: [value]), classIndex: classIndex, into: &alone)
                #expect(alone == [word.contribution], "\(word.name)")
            }
        }
        // Each class rests on its own words.
        let expected = ["duplicate": "twice", "delivery": "arrived", "pricing": "quote"]
        for entry in classWords {
            let word = try #require(expected[entry.label])
            #expect(entry.words.contains { $0.name.split(separator: " ").contains(Substring(word)) }, "\(entry)")
        }
    }

    @Test func noWordsAtLimitZero() throws {
        let classifier = try TextClassifierTests.trainWithFixedSettings()
        let classWords = classifier.classWords(limit: 0)
        #expect(classWords.count == classifier.model.labels.count)
        #expect(classWords.allSatisfy { $0.words.isEmpty })
    }
}
