/// Everything that decides how text becomes a ``SparseVector``. Stored with every model.
///
/// ```swift
/// var configuration = FeatureConfiguration()
/// configuration.wordNGrams = 1
/// configuration.space = .hashing(bits: 18)
/// ```
@_spi(Components) public struct FeatureConfiguration: Codable, Sendable, Equatable, Hashable {
    /// Where features are stored.
    package enum Space: Codable, Sendable, Equatable, Hashable {
        /// `2^bits` hashed buckets; any token, seen in training or not, gets a bucket.
        case hashing(bits: Int)
        /// One index per feature seen in at least `minCount` training documents, plus
        /// `2^oovBits` hashed buckets for features first seen later (online learning); `oovBits: 0`
        /// keeps a single shared bucket.
        case vocabulary(minCount: Int, oovBits: Int)
    }

    /// Tokenizer settings. Default: ``TokenizerConfiguration/init()``.
    package var tokenizer = TokenizerConfiguration()
    /// Longest word n-gram: 1 = unigrams, 2 = unigrams + bigrams (default), 3 adds trigrams.
    package var wordNGrams = 2
    /// Character n-gram lengths taken inside each word (with `<` `>` boundary marks), or `nil`
    /// for none. Default `2...4`: robust to typos, inflections and missing accents.
    package var characterNGrams: ClosedRange<Int>? = 2...4
    /// Feature space. Default: vocabulary of features seen in ≥ 1 document, 2^12 buckets for the rest.
    package var space: Space = .vocabulary(minCount: 1, oovBits: 12)
    /// Flip the sign of half the hashed features so collisions cancel on average. Default `false`.
    package var signedHashing = false
    /// Hash seed. Default `0x5EED`.
    package var seed: UInt64 = 0x5EED
    /// Term weighting. Default ``TermWeighting/log1p``.
    package var weighting: TermWeighting = .log1p
    /// Multiply by inverse document frequency `ln((1 + n) / (1 + df)) + 1`, fitted on the training set. Default `true`.
    package var inverseDocumentFrequency = true
    /// Scale every vector to unit Euclidean length. Default `true`.
    package var l2Normalize = true
    /// Keep features outside the vocabulary (seen in fewer than `minCount` training texts, or
    /// first seen later) apart: their buckets still get values, scaled like the rest, but do not
    /// count in the L2 norm, and batch training leaves them out, so only online learning gives
    /// them weights. Default `true`. When `false` (models saved before it existed), a training
    /// text's rare features land in the shared buckets: 5–24% of a row's squared norm on the
    /// benchmark tasks, memorised by the fit and read back as noise on new texts
    /// (Benchmarks/results/training.md, round 3). No effect in a hashing space.
    package var separateOutOfVocabulary = true

    /// The defaults listed on each property.
    @_spi(Components) public init() {}

    private enum CodingKeys: String, CodingKey {
        case tokenizer, wordNGrams, characterNGrams, space, signedHashing, seed, weighting
        case inverseDocumentFrequency, l2Normalize, separateOutOfVocabulary
    }

    /// Reads configurations saved by any version: one saved before ``separateOutOfVocabulary``
    /// existed reads back `false`, the behaviour it was trained with.
    @_spi(Components) public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        tokenizer = try container.decode(TokenizerConfiguration.self, forKey: .tokenizer)
        wordNGrams = try container.decode(Int.self, forKey: .wordNGrams)
        characterNGrams = try container.decodeIfPresent(ClosedRange<Int>.self, forKey: .characterNGrams)
        space = try container.decode(Space.self, forKey: .space)
        signedHashing = try container.decode(Bool.self, forKey: .signedHashing)
        seed = try container.decode(UInt64.self, forKey: .seed)
        weighting = try container.decode(TermWeighting.self, forKey: .weighting)
        inverseDocumentFrequency = try container.decode(Bool.self, forKey: .inverseDocumentFrequency)
        l2Normalize = try container.decode(Bool.self, forKey: .l2Normalize)
        separateOutOfVocabulary = try container.decodeIfPresent(Bool.self, forKey: .separateOutOfVocabulary) ?? false
    }

    /// Checks ranges.

    /// - Throws: ``FeatureError/invalidConfiguration(_:)``.
    package func validate() throws {
        guard (1...4).contains(wordNGrams) else {
            throw FeatureError.invalidConfiguration("wordNGrams must be 1…4, got \(wordNGrams)")
        }
        if let range = characterNGrams, range.lowerBound < 1 || range.upperBound > 8 {
            throw FeatureError.invalidConfiguration("characterNGrams must lie within 1…8, got \(range)")
        }
        switch space {
        case let .hashing(bits) where !(4...28).contains(bits):
            throw FeatureError.invalidConfiguration("hashing bits must be 4…28, got \(bits)")
        case let .vocabulary(minCount, oovBits) where minCount < 1 || !(0...24).contains(oovBits):
            throw FeatureError.invalidConfiguration(
                "vocabulary minCount must be ≥ 1 and oovBits 0…24, got \(minCount), \(oovBits)")
        default: break
        }
    }
}
