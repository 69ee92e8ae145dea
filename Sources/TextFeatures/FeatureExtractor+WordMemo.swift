// Transforming through the workspace's ``WordKeyMemo``: the path of a workspace in steady use. It
// counts exactly the keys the other paths count (each word's own key and character n-grams from the
// memo, its word n-grams and class tokens as usual), so the vectors are bit-identical
// (`FeatureCountingTests`).
extension FeatureExtractor {
    /// Whether `workspace` transforms through its word memo (allocating it on first use).
    func usesWordMemo(_ workspace: inout FeatureWorkspace) -> Bool {
        switch workspace.counting {
        case .automatic:
            // A one-off transform does not pay for allocating the memo.
            guard workspace.documents >= Self.denseCountingWarmUpDocuments else { return false }
        case .wordMemo: break
        case .table, .sorting: return false
        }
        return dimension <= Self.denseCountingMaximumDimension && workspace.memo.prepare(for: memoOwner)
    }

    /// Tokenizes `bytes`, counting memoised words in the memo and the other features' hashes in
    /// `workspace.hashes`, then counts both in the table and weights and normalises the result.
    func transformWithWordMemo(
        _ bytes: UnsafeBufferPointer<UInt8>, into vector: inout SparseVector, workspace: inout FeatureWorkspace
    ) {
        allocateCountTable(&workspace)
        workspace.memo.withAccess { memo in
            withVocabularyLookup { lookup in
                withCharacterCache { cache in
                    collectWords(bytes, memo: &memo, hashes: &workspace.hashes, lookup: lookup, cache: cache)
                }
            }
            mapHashes(workspace.hashes, toKeys: &workspace.keys)
            workspace.keys.withUnsafeBufferPointer { keys in
                CountTable.with(&workspace.countTable, &workspace.present, &workspace.presentWords) { counts in
                    for key in keys { counts.add(key: key, occurrences: 1) }
                    memo.drainDocument { wordKeys, occurrences in
                        for key in wordKeys { counts.add(key: UInt64(key), occurrences: occurrences) }
                    }
                }
            }
        }
        emitCounts(workspace: &workspace, into: &vector)
    }

    /// The token loop of the memo path: a word found in (or added to) the memo is counted there,
    /// with its own key and character n-grams; everything else goes to `hashes` as in
    /// ``collectHashes(_:into:cachedKeys:)``.
    @inline(__always)
    private func collectWords(
        _ bytes: UnsafeBufferPointer<UInt8>, memo: inout WordKeyMemo.Access, hashes: inout [UInt64],
        lookup: Vocabulary.Lookup?, cache: CharacterNGramCache.Access?
    ) {
        // Locals, so the token loop does no reference counting.
        var generator = NGramGenerator(maxOrder: configuration.wordNGrams)
        let characterNGrams = configuration.characterNGrams
        let seed = configuration.seed
        let hasher = self.hasher
        let mapper = keyMapper
        tokenizer.forEachToken(inUTF8: bytes) { token in
            let hash = hasher.hash(token.bytes)
            let memoised =
                token.kind == .word
                && memo.count(word: hash) { append in
                    append(mapper.key(for: hash, lookup: lookup))
                    guard let lengths = characterNGrams else { return }
                    if let cached = cache?.keys(forWord: hash) {
                        for key in cached { append(key) }
                    } else {
                        NGramGenerator.characterNGrams(of: token.bytes, lengths: lengths, seed: seed) {
                            append(mapper.key(for: $0, lookup: lookup))
                        }
                    }
                }
            // Each n-gram's vocabulary slot is requested now, while tokenizing goes on, and read by
            // `mapHashes` once the document is tokenized.
            if memoised {
                generator.push(hash) { gram, order in
                    if order > 1 {
                        hashes.append(gram)
                        lookup?.prefetch(gram)
                    }
                }
                return
            }
            generator.push(hash) { gram, _ in
                hashes.append(gram)
                lookup?.prefetch(gram)
            }
            if let lengths = characterNGrams, token.kind == .word {
                NGramGenerator.characterNGrams(of: token.bytes, lengths: lengths, seed: seed) { hashes.append($0) }
            }
        }
    }
}
