import SystemSupport

/// Turns text into weighted ``SparseVector``s: tokenize → hash → (vocabulary) → count → weight → IDF → L2.
///
/// Fit it once on training texts (vocabulary, IDF and the feature names used in explanations),
/// then transform any number of texts. Transforming with a reused ``FeatureWorkspace`` and output
/// vector does not allocate.
///
/// ```swift
/// let extractor = try FeatureExtractor.fit(configuration: FeatureConfiguration(), texts: trainingTexts)
/// let x = extractor.transform("Unit price differs from PO 4500012345")
/// print(extractor.name(of: Int(x.indices[0])))
/// ```
@_spi(Components) public struct FeatureExtractor: Sendable, Equatable {
    /// The configuration the extractor was fitted with.
    package let configuration: FeatureConfiguration
    /// The vocabulary (`nil` in hashing mode).
    package let vocabulary: Vocabulary?
    /// IDF weight per feature index; empty when IDF is disabled.
    package let inverseDocumentFrequency: [Float]
    /// Human-readable name per feature index ("credit note"; for a hashed bucket, its most
    /// frequent training n-grams joined by " | "; empty when unknown, e.g. character n-grams).
    package let names: [String]
    /// Number of training documents the IDF was fitted on.
    package let documentCount: Int
    /// Number of feature indices.
    package let dimension: Int

    let tokenizer: Tokenizer
    let hasher: FeatureHasher
    let hashMask: UInt64  // hashing mode: bucket mask; vocabulary mode: OOV bucket mask
    let oovOffset: Int  // vocabulary mode: first OOV index
    let characterCache: CharacterNGramCache?
    /// One bit per feature index, set when explanations may name it: its name is not empty (so not
    /// a character n-gram) and holds a content word (``FunctionWords/isExplainable(_:)``). Bit
    /// `i & 63` of word `i >> 6`: explanations test this small bitmap instead of reading names.
    package let explainableBitmap: [UInt64]
    /// Identifies this extractor (and its copies) to a workspace's ``WordKeyMemo``, whose keys are
    /// valid for one extractor only.
    let memoOwner = WordKeyMemo.Owner()
    /// ``FeatureConfiguration/weighting`` of each count below 64, read per feature instead of
    /// switching on the weighting (the same function, so the same bits).
    let countWeights: [Float]

    /// Restores a fitted extractor from its parts (as saved in a model).
    /// - Throws: ``FeatureError`` when the parts do not fit the configuration.
    package init(
        configuration: FeatureConfiguration, vocabularyHashes: [UInt64]?, inverseDocumentFrequency: [Float],
        names: [String], documentCount: Int
    ) throws {
        try configuration.validate()
        self.configuration = configuration
        self.tokenizer = Tokenizer(configuration: configuration.tokenizer)
        self.hasher = FeatureHasher(seed: configuration.seed)
        self.documentCount = documentCount
        switch configuration.space {
        case let .hashing(bits):
            guard vocabularyHashes == nil else {
                throw FeatureError.inconsistentState("hashing space with a vocabulary")
            }
            vocabulary = nil
            dimension = 1 << bits
            hashMask = UInt64(dimension - 1)
            oovOffset = 0
        case let .vocabulary(_, oovBits):
            guard let hashes = vocabularyHashes else {
                throw FeatureError.inconsistentState("vocabulary space without a vocabulary")
            }
            vocabulary = Vocabulary(hashes: hashes)
            oovOffset = hashes.count
            dimension = hashes.count + (1 << oovBits)
            hashMask = UInt64((1 << oovBits) - 1)
        }
        if configuration.inverseDocumentFrequency && inverseDocumentFrequency.count != dimension {
            throw FeatureError.inconsistentState(
                "IDF has \(inverseDocumentFrequency.count) values for \(dimension) features")
        }
        guard names.count == dimension else {
            throw FeatureError.inconsistentState("\(names.count) feature names for \(dimension) features")
        }
        self.inverseDocumentFrequency = configuration.inverseDocumentFrequency ? inverseDocumentFrequency : []
        self.names = names
        var explainableBitmap = [UInt64](repeating: 0, count: (dimension + 63) / 64)
        for (index, name) in names.enumerated() where FunctionWords.isExplainable(name) {
            explainableBitmap[index >> 6] |= 1 << UInt64(index & 63)
        }
        self.explainableBitmap = explainableBitmap
        self.countWeights = (0..<64).map { configuration.weighting.weight(count: Float($0)) }
        self.characterCache = Self.makeCharacterCache(
            configuration: configuration, vocabulary: vocabulary, names: names, hashMask: hashMask, oovOffset: oovOffset
        )
    }

    /// Precomputes the character n-gram keys of every single-word feature name (words only: names
    /// with a space are n-grams, names with `<` are class tokens).
    private static func makeCharacterCache(
        configuration: FeatureConfiguration, vocabulary: Vocabulary?, names: [String], hashMask: UInt64, oovOffset: Int
    ) -> CharacterNGramCache? {
        guard let lengths = configuration.characterNGrams, let vocabulary else { return nil }
        let hasher = FeatureHasher(seed: configuration.seed)
        let mapper = KeyMapper(hashMask: hashMask, oovOffset: UInt64(oovOffset), signed: configuration.signedHashing)
        var hashes: [UInt64] = []
        var ranges: [Range<Int32>] = []
        var keys: [UInt64] = []
        hashes.reserveCapacity(names.count)
        ranges.reserveCapacity(names.count)
        var seen = Set<UInt64>(minimumCapacity: names.count)
        vocabulary.withUnsafeLookup { lookup in
            for var name in names where !name.isEmpty {
                let text = name  // for ``isSingleWord(_:_:)``: `name` is borrowed by `withUTF8`
                // The keys go straight into one shared array (no array per word, no copy of the name).
                name.withUTF8 { bytes in
                    guard Self.isSingleWord(bytes, text) else { return }
                    let hash = hasher.hash(bytes)
                    guard seen.insert(hash).inserted else { return }
                    let start = Int32(keys.count)
                    NGramGenerator.characterNGrams(of: bytes, lengths: lengths, seed: configuration.seed) {
                        keys.append($0)
                    }
                    hashes.append(hash)
                    ranges.append(start..<Int32(keys.count))
                }
            }
            // The n-gram hashes become keys in a second, tight loop: its vocabulary look-ups are
            // independent, so their cache misses overlap (as in `mapHashes`).
            keys.withUnsafeMutableBufferPointer { keys in
                for i in keys.indices { keys[i] = mapper.key(for: keys[i], lookup: lookup) }
            }
        }
        return CharacterNGramCache(hashes: hashes, ranges: ranges, keys: keys)
    }

    /// Whether the feature name `name` (whose UTF-8 bytes are `utf8`) is a word: it has no space (an
    /// n-gram) and no `<` (a class token). An ASCII name is tested on its bytes (each byte is a
    /// character); another, by characters.
    private static func isSingleWord(_ utf8: UnsafeBufferPointer<UInt8>, _ name: String) -> Bool {
        if utf8.allSatisfy({ $0 < 0x80 }) {
            // "\r\n" is one character but holds neither byte, so the bytes give the same answer.
            return !utf8.contains(UInt8(ascii: " ")) && !utf8.contains(UInt8(ascii: "<"))
        }
        return !name.contains(" ") && !name.contains("<")
    }

    /// Fits vocabulary, IDF and feature names on `texts`.
    /// - Throws: ``FeatureError/invalidConfiguration(_:)`` for a bad configuration.
    @_spi(Components) public static func fit(configuration: FeatureConfiguration, texts: some Sequence<String>) throws
        -> FeatureExtractor
    {
        try configuration.validate()
        let tokenizer = Tokenizer(configuration: configuration.tokenizer)
        let hasher = FeatureHasher(seed: configuration.seed)
        var documentFrequency = DocumentFrequencyTable()
        // The document's tokens' bytes, each followed by a space, and where each token starts: an
        // n-gram's name is decoded from them only when the table first sees its hash (the same
        // string as joining the tokens' `String`s with spaces, without a `String` per token).
        var tokenBytes: [UInt8] = []
        var tokenStarts: [Int] = []
        var documentCount = 0

        for text in texts {
            let document = Int32(truncatingIfNeeded: documentCount)
            documentCount += 1
            tokenBytes.removeAll(keepingCapacity: true)
            tokenStarts.removeAll(keepingCapacity: true)
            var generator = NGramGenerator(maxOrder: configuration.wordNGrams)
            tokenizer.forEachToken(in: text) { token in
                tokenStarts.append(tokenBytes.count)
                tokenBytes.append(contentsOf: token.bytes)
                tokenBytes.append(UInt8(ascii: " "))
                let position = tokenStarts.count - 1
                var repeated = false
                generator.push(hasher.hash(token.bytes)) { gram, order in
                    let counted = documentFrequency.add(gram, document: document) {
                        String(
                            decoding: tokenBytes[tokenStarts[position - order + 1]..<(tokenBytes.count - 1)],
                            as: UTF8.self)
                    }
                    if order == 1 { repeated = !counted }
                }
                // A token this document already counted has had its character n-grams counted too
                // (the same bytes give the same n-grams and the same kind).
                if !repeated, let lengths = configuration.characterNGrams, token.kind == .word {
                    NGramGenerator.characterNGrams(of: token.bytes, lengths: lengths, seed: configuration.seed) {
                        documentFrequency.add($0, document: document)
                    }
                }
            }
        }

        let n = Float(documentCount)
        func idf(_ df: Float) -> Float { logf((1 + n) / (1 + df)) + 1 }

        switch configuration.space {
        case let .hashing(bits):
            let dimension = 1 << bits
            var bucketFrequency = [Float](repeating: 0, count: dimension)
            var bucketNames = [[(String, Int32)]](repeating: [], count: dimension)
            documentFrequency.forEach { hash, df, name in
                let bucket = Int(hash & UInt64(dimension - 1))
                bucketFrequency[bucket] = min(n, bucketFrequency[bucket] + Float(df))
                if let name { bucketNames[bucket].append((name, df)) }
            }
            let names = bucketNames.map { candidates in
                candidates.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(3).map(\.0).joined(
                    separator: " | ")
            }
            return try FeatureExtractor(
                configuration: configuration, vocabularyHashes: nil,
                inverseDocumentFrequency: bucketFrequency.map(idf), names: names, documentCount: documentCount)
        case let .vocabulary(minCount, oovBits):
            // Sorted by hash: the table's order depends on its history, and the model must be reproducible.
            var keptCounts: [(hash: UInt64, df: Int32, name: String?)] = []
            documentFrequency.forEach { hash, df, name in
                if Int(df) >= minCount { keptCounts.append((hash, df, name)) }
            }
            keptCounts.sort { $0.hash < $1.hash }
            let kept = keptCounts.map(\.hash)
            var weights = keptCounts.map { idf(Float($0.df)) }
            weights.append(contentsOf: repeatElement(idf(0), count: 1 << oovBits))
            var names = keptCounts.map { $0.name ?? "" }
            names.append(contentsOf: repeatElement("", count: 1 << oovBits))
            return try FeatureExtractor(
                configuration: configuration, vocabularyHashes: kept,
                inverseDocumentFrequency: weights, names: names, documentCount: documentCount)
        }
    }

    /// An extractor that needs no fitting: hashing space, no IDF (names unknown).
    /// - Throws: ``FeatureError/invalidConfiguration(_:)`` unless the space is hashing and IDF is off.
    package static func unfitted(configuration: FeatureConfiguration) throws -> FeatureExtractor {
        try configuration.validate()
        guard case let .hashing(bits) = configuration.space, !configuration.inverseDocumentFrequency else {
            throw FeatureError.invalidConfiguration("only a hashing space without IDF can be used unfitted")
        }
        return try FeatureExtractor(
            configuration: configuration, vocabularyHashes: nil, inverseDocumentFrequency: [],
            names: [String](repeating: "", count: 1 << bits), documentCount: 0)
    }

    /// The name of feature `index` (see ``names``), or "" when out of range.
    package func name(of index: Int) -> String { index >= 0 && index < names.count ? names[index] : "" }

    /// Transforms `text` into `vector`, reusing `workspace`; allocation-free once both have capacity.
    @_spi(Components) public func transform(
        _ text: String, into vector: inout SparseVector, workspace: inout FeatureWorkspace
    ) {
        var text = text
        text.withUTF8 { transform(utf8: $0, into: &vector, workspace: &workspace) }
    }

    /// Transforms UTF-8 bytes (invalid sequences are read as U+FFFD, see ``Tokenizer``).
    package func transform(
        utf8 bytes: UnsafeBufferPointer<UInt8>, into vector: inout SparseVector, workspace: inout FeatureWorkspace
    ) {
        workspace.keys.removeAll(keepingCapacity: true)
        workspace.hashes.removeAll(keepingCapacity: true)
        if usesWordMemo(&workspace) {
            transformWithWordMemo(bytes, into: &vector, workspace: &workspace)
            workspace.documents &+= 1
            return
        }
        collectHashes(bytes, into: &workspace.hashes, cachedKeys: &workspace.keys)
        // The n-gram hashes are mapped to feature keys in a separate tight loop rather than inside the
        // branchy token loop, so the processor can overlap the vocabulary lookups' cache misses.
        mapHashes(workspace.hashes, toKeys: &workspace.keys)
        aggregate(workspace: &workspace, into: &vector)
        workspace.documents &+= 1
    }

    /// Appends the keys of `hashes` to `keys`.
    func mapHashes(_ hashes: [UInt64], toKeys keys: inout [UInt64]) {
        // The n-gram hashes are mapped to feature keys in a separate tight loop rather than inside the
        // branchy token loop, so the processor can overlap the vocabulary lookups' cache misses.
        let mapper = keyMapper
        hashes.withUnsafeBufferPointer { hashes in
            withVocabularyLookup { lookup in
                for hash in hashes { keys.append(mapper.key(for: hash, lookup: lookup)) }
            }
        }
    }

    var keyMapper: KeyMapper {
        KeyMapper(hashMask: hashMask, oovOffset: UInt64(oovOffset), signed: configuration.signedHashing)
    }

    /// Runs `body` with the vocabulary's lookup, or with nil in hashing mode.
    @inline(__always)
    func withVocabularyLookup<R>(_ body: (Vocabulary.Lookup?) -> R) -> R {
        guard let vocabulary else { return body(nil) }
        return vocabulary.withUnsafeLookup { body($0) }
    }

    /// Runs `body` with the vocabulary words' character n-gram cache, when there is one.
    @inline(__always)
    func withCharacterCache<R>(_ body: (CharacterNGramCache.Access?) -> R) -> R {
        guard let characterCache else { return body(nil) }
        return characterCache.withUnsafeAccess { body($0) }
    }

    /// Runs tokenize → hash → n-grams over `bytes`: appends the hash of every feature occurrence to
    /// `hashes`, except the character n-grams of cached words, whose keys go straight to `cachedKeys`.
    @inline(__always)
    private func collectHashes(
        _ bytes: UnsafeBufferPointer<UInt8>, into hashes: inout [UInt64], cachedKeys: inout [UInt64]
    ) {
        withCharacterCache { collectHashes(bytes, into: &hashes, cachedKeys: &cachedKeys, cache: $0) }
    }

    @inline(__always)
    private func collectHashes(
        _ bytes: UnsafeBufferPointer<UInt8>, into hashes: inout [UInt64], cachedKeys: inout [UInt64],
        cache: CharacterNGramCache.Access?
    ) {
        // Everything the token loop needs is copied into locals or pinned behind pointers first, so
        // the loop does no reference counting.
        var generator = NGramGenerator(maxOrder: configuration.wordNGrams)
        let characterNGrams = configuration.characterNGrams
        let seed = configuration.seed
        let hasher = self.hasher
        tokenizer.forEachToken(inUTF8: bytes) { token in
            let hash = hasher.hash(token.bytes)
            generator.push(hash) { gram, _ in hashes.append(gram) }
            if let lengths = characterNGrams, token.kind == .word {
                if let cached = cache?.keys(forWord: hash) {
                    cachedKeys.append(contentsOf: cached)
                } else {
                    NGramGenerator.characterNGrams(of: token.bytes, lengths: lengths, seed: seed) { hashes.append($0) }
                }
            }
        }
    }

    /// Convenience transform that allocates a fresh vector and workspace.
    @_spi(Components) public func transform(_ text: String) -> SparseVector {
        var vector = SparseVector()
        var workspace = FeatureWorkspace(reservingCapacity: 64)
        transform(text, into: &vector, workspace: &workspace)
        return vector
    }

    /// Maps a feature hash to its packed `(index << 1 | sign)` key.
    struct KeyMapper {
        let hashMask: UInt64
        let oovOffset: UInt64
        let signed: Bool

        @inline(__always)
        func key(for hash: UInt64, lookup: Vocabulary.Lookup?) -> UInt64 {
            let index: UInt64
            if let lookup {
                // Both computed and one selected: whether a feature is in the vocabulary does not predict.
                let found = lookup.rawIndex(of: hash)
                let bucket = oovOffset + (FeatureHasher.mix(hash) & hashMask)
                index = found >= 0 ? UInt64(found) : bucket
            } else {
                index = hash & hashMask
            }
            let negative: UInt64 = signed ? (hash >> 63) : 0
            return index << 1 | negative
        }
    }

    @_spi(Components) public static func == (lhs: FeatureExtractor, rhs: FeatureExtractor) -> Bool {
        lhs.configuration == rhs.configuration && lhs.vocabulary == rhs.vocabulary
            && lhs.inverseDocumentFrequency == rhs.inverseDocumentFrequency && lhs.names == rhs.names
            && lhs.documentCount == rhs.documentCount
    }
}
