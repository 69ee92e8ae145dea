import CSparseKernels

/// A workspace's memo of the words it has met: each word's own feature key and the keys of its
/// character n-grams, looked up once, plus how often the current document used the word.
///
/// On long texts most tokens are words met before (in the document or an earlier one), and each
/// word has about ten character n-grams: without the memo every occurrence hashes them and looks
/// each up in the vocabulary, a random read. With it, an occurrence costs one probe, and the count
/// table is updated once per distinct word of the document (adding its number of occurrences) rather
/// than once per occurrence. The counts are whole numbers, so the vectors are bit-identical.
///
/// The memory is fixed and allocated once, on first use: when the memo is full, new words take the
/// uncached path (the frequent words are met first, so they are the ones kept). A memo belongs to
/// one extractor (``owner``): a workspace shared by two extractors memoises for the first only.
struct WordKeyMemo: Sendable {
    /// An extractor's identity (a reference, compared with `===`).
    final class Owner: Sendable {}

    /// One open-addressing slot, 16 bytes: four to a cache line.
    struct Slot: Sendable {
        /// The word's hash (as ``FeatureHasher/hash(_:)`` gives it).
        var hash: UInt64
        /// `start << 8 | count` of the word's keys in `keys`; 0 marks an empty slot (a word has at
        /// least its own key).
        var entry: UInt32
        /// Occurrences in the current document; 0 between documents.
        var occurrences: UInt32
    }

    static let slotCount = 1 << 15
    /// At most half the slots are used, so a probe for a word not in the memo ends quickly.
    static let maximumWords = slotCount / 2
    static let keyCapacity = 1 << 18
    /// A word's own key and its character n-grams; a token has at most 64 bytes, so 3–4-grams give
    /// 128 keys (longer n-gram ranges of long tokens are not memoised).
    static let maximumKeysPerWord = 255

    /// The extractor whose keys these are (kept alive, so its identity cannot be reused).
    private(set) var owner: Owner?
    var slots: [Slot] = []
    /// Packed `(index << 1 | sign)` keys of all memoised words, back to back (`keyCount` used).
    var keys: [UInt32] = []
    var keyCount = 0
    var wordCount = 0
    /// Slots of the current document's distinct memoised words (scratch of ``Access``).
    var documentWords: [Int32] = []

    /// Whether the memo can serve `owner`: allocates it for the first owner.
    mutating func prepare(for owner: Owner) -> Bool {
        if let current = self.owner { return current === owner }
        self.owner = owner
        slots = [Slot](repeating: Slot(hash: 0, entry: 0, occurrences: 0), count: Self.slotCount)
        keys = [UInt32](repeating: 0, count: Self.keyCapacity)
        documentWords = [Int32](repeating: 0, count: Self.maximumWords + 1)
        return true
    }

    /// Pointer access for one document: no reference counting or uniqueness checks per token.
    struct Access {
        let slots: UnsafeMutableBufferPointer<Slot>
        let keys: UnsafeMutableBufferPointer<UInt32>
        let documentWords: UnsafeMutableBufferPointer<Int32>
        var keyCount: Int
        var wordCount: Int
        var documentWordCount = 0

        /// Counts one occurrence of the word `hash` and returns true, or returns false when the
        /// word is not memoised and cannot be (memo full, or more keys than a slot holds). A new
        /// word's keys come from `makeKeys`, which appends them through the closure it is given.
        @inline(__always)
        mutating func count(word hash: UInt64, makeKeys: (_ append: (UInt64) -> Void) -> Void) -> Bool {
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot].entry != 0 {
                if slots[slot].hash == hash {
                    // Listed for the document at its first occurrence in it: written every time and
                    // kept by the count, since whether a word is new to the document is a coin toss
                    // for the branch predictor (the list has a spare entry for the extra write).
                    documentWords[documentWordCount] = Int32(slot)
                    documentWordCount += slots[slot].occurrences == 0 ? 1 : 0
                    slots[slot].occurrences &+= 1
                    // Its keys are read when the document is drained: request them now.
                    let entry = slots[slot].entry
                    let start = keys.baseAddress! + Int(entry >> 8)
                    dt_prefetch(start)
                    dt_prefetch(start + Int(entry & 0xFF) - 1)
                    return true
                }
                slot = (slot + 1) & mask
            }
            guard wordCount < WordKeyMemo.maximumWords,
                keyCount + WordKeyMemo.maximumKeysPerWord <= keys.count
            else { return false }
            let start = keyCount
            var overflow = false
            makeKeys { key in
                if keyCount - start < WordKeyMemo.maximumKeysPerWord {
                    keys[keyCount] = UInt32(truncatingIfNeeded: key)
                    keyCount += 1
                } else {
                    overflow = true
                }
            }
            if overflow {
                keyCount = start
                return false
            }
            slots[slot] = Slot(hash: hash, entry: UInt32(start) << 8 | UInt32(keyCount - start), occurrences: 1)
            wordCount += 1
            documentWords[documentWordCount] = Int32(slot)
            documentWordCount += 1
            return true
        }

        /// Calls `body` with each distinct word's keys and occurrences in the current document,
        /// and resets the occurrences for the next one.
        @inline(__always)
        mutating func drainDocument(_ body: (_ keys: UnsafeMutableBufferPointer<UInt32>, _ occurrences: UInt32) -> Void)
        {
            for i in 0..<documentWordCount {
                let slot = Int(documentWords[i])
                let entry = slots[slot].entry
                let start = Int(entry >> 8)
                body(
                    UnsafeMutableBufferPointer(rebasing: keys[start..<start + Int(entry & 0xFF)]),
                    slots[slot].occurrences)
                slots[slot].occurrences = 0
            }
            documentWordCount = 0
        }
    }

    /// Runs `body` with pointer access to the memo (which must be prepared).
    mutating func withAccess<R>(_ body: (inout Access) -> R) -> R {
        let (keyCount, wordCount) = (self.keyCount, self.wordCount)
        var newCounts = (keyCount, wordCount)
        let result = slots.withUnsafeMutableBufferPointer { slots in
            keys.withUnsafeMutableBufferPointer { keys in
                documentWords.withUnsafeMutableBufferPointer { documentWords in
                    var access = Access(
                        slots: slots, keys: keys, documentWords: documentWords, keyCount: keyCount,
                        wordCount: wordCount)
                    let result = body(&access)
                    newCounts = (access.keyCount, access.wordCount)
                    return result
                }
            }
        }
        (self.keyCount, self.wordCount) = newCounts
        return result
    }
}
