import Foundation
import Testing
@_spi(Components) import TextFeatures

@Suite("FeatureConfiguration")
struct FeatureConfigurationTests {
    @Test func defaultsAreValid() throws {
        let configuration = FeatureConfiguration()
        try configuration.validate()
        #expect(configuration.wordNGrams == 2)
        #expect(configuration.space == .vocabulary(minCount: 1, oovBits: 12))
        #expect(configuration.seed == 0x5EED)
        #expect(configuration.weighting == .log1p)
        #expect(configuration.inverseDocumentFrequency)
        #expect(configuration.l2Normalize)
        #expect(!configuration.signedHashing)
        #expect(configuration.separateOutOfVocabulary)
    }

    @Test func configurationsSavedBeforeSeparateOutOfVocabularyReadBackWithout() throws {
        let saved = try JSONEncoder().encode(FeatureConfiguration())
        #expect(try JSONDecoder().decode(FeatureConfiguration.self, from: saved) == FeatureConfiguration())
        var object = try #require(try JSONSerialization.jsonObject(with: saved) as? [String: Any])
        #expect(object["separateOutOfVocabulary"] as? Bool == true)
        object["separateOutOfVocabulary"] = nil
        let old = try JSONDecoder().decode(
            FeatureConfiguration.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(old == FeatureConfiguration.with { $0.separateOutOfVocabulary = false })
    }

    @Test func boundaryValuesAreValid() throws {
        for change in [
            { (c: inout FeatureConfiguration) in c.wordNGrams = 1 },
            { $0.wordNGrams = 4 },
            { $0.characterNGrams = 1...8 },
            { $0.characterNGrams = 3...3 },
            { $0.space = .hashing(bits: 4) },
            { $0.space = .hashing(bits: 28) },
            { $0.space = .vocabulary(minCount: 1, oovBits: 0) },
            { $0.space = .vocabulary(minCount: 5, oovBits: 24) },
        ] as [(inout FeatureConfiguration) -> Void] {
            try FeatureConfiguration.with(change).validate()
        }
    }

    @Test func wordNGramsNineIsRejected() {
        let configuration = FeatureConfiguration.with { $0.wordNGrams = 9 }
        let error = #expect(throws: FeatureError.self) { try configuration.validate() }
        #expect(error == .invalidConfiguration("wordNGrams must be 1…4, got 9"))
        #expect(error?.description == "invalid feature configuration: wordNGrams must be 1…4, got 9")
    }

    @Test func hashingBitsFortyIsRejected() {
        let configuration = FeatureConfiguration.with { $0.space = .hashing(bits: 40) }
        let error = #expect(throws: FeatureError.self) { try configuration.validate() }
        #expect(error == .invalidConfiguration("hashing bits must be 4…28, got 40"))
    }

    @Test func outOfRangeValuesAreRejected() {
        for change in [
            { (c: inout FeatureConfiguration) in c.wordNGrams = 0 },
            { $0.wordNGrams = 5 },
            { $0.wordNGrams = -1 },
            { $0.characterNGrams = 0...3 },
            { $0.characterNGrams = 2...9 },
            { $0.space = .hashing(bits: 3) },
            { $0.space = .hashing(bits: 29) },
            { $0.space = .hashing(bits: -1) },
            { $0.space = .vocabulary(minCount: 0, oovBits: 12) },
            { $0.space = .vocabulary(minCount: 1, oovBits: 25) },
            { $0.space = .vocabulary(minCount: 1, oovBits: -1) },
        ] as [(inout FeatureConfiguration) -> Void] {
            let configuration = FeatureConfiguration.with(change)
            let error = #expect(throws: FeatureError.self) { try configuration.validate() }
            guard case .invalidConfiguration? = error else {
                Issue.record("expected invalidConfiguration for \(configuration), got \(String(describing: error))")
                continue
            }
        }
    }

    @Test func codableRoundTrip() throws {
        let configuration = FeatureConfiguration.with {
            $0.wordNGrams = 3
            $0.characterNGrams = 2...5
            $0.space = .hashing(bits: 10)
            $0.signedHashing = true
            $0.seed = 99
            $0.weighting = .binary
            $0.tokenizer.foldAccents = false
            $0.tokenizer.classTokens = false
        }
        let data = try JSONEncoder().encode(configuration)
        let decoded = try JSONDecoder().decode(FeatureConfiguration.self, from: data)
        #expect(decoded == configuration)
        #expect(decoded != FeatureConfiguration())
    }
}
