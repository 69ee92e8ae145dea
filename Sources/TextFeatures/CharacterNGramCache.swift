/// The character n-gram feature keys of every word in the vocabulary, computed once when the
/// extractor is built, so transforming a known word copies its keys instead of hashing each n-gram
/// and looking it up again (the same idea as fastText's per-word subword lists).
struct CharacterNGramCache: Sendable {
    /// Word hash → index into `ranges`.
    private let table: Vocabulary
    /// Start and end of each word's keys in `keys`.
    private let ranges: [Range<Int32>]
    /// Packed feature keys of all cached words, back to back.
    private let keys: [UInt64]

    /// Builds the cache from each word's hash and its keys, which are `keys[ranges[i]]` for word `i`
    /// (lower-level: the caller computes the keys; the words' keys are stored back to back, not one
    /// array per word).
    init(hashes: [UInt64], ranges: [Range<Int32>], keys: [UInt64]) {
        self.table = Vocabulary(hashes: hashes)
        self.ranges = ranges
        self.keys = keys
    }

    /// Runs `body` with pointer-based access for the hot path.
    func withUnsafeAccess<R>(_ body: (Access) -> R) -> R {
        table.withUnsafeLookup { lookup in
            ranges.withUnsafeBufferPointer { ranges in
                keys.withUnsafeBufferPointer { keys in body(Access(lookup: lookup, ranges: ranges, keys: keys)) }
            }
        }
    }

    struct Access {
        let lookup: Vocabulary.Lookup
        let ranges: UnsafeBufferPointer<Range<Int32>>
        let keys: UnsafeBufferPointer<UInt64>

        /// The cached keys of the word with `hash`, or `nil` for a word not in the vocabulary.
        @inline(__always)
        func keys(forWord hash: UInt64) -> UnsafeBufferPointer<UInt64>? {
            guard let slot = lookup.index(of: hash) else { return nil }
            let range = ranges[Int(slot)]
            return UnsafeBufferPointer(rebasing: keys[Int(range.lowerBound)..<Int(range.upperBound)])
        }
    }
}
