import CSparseKernels

/// A fixed map from feature hashes to dense indices, built when features are fitted.
///
/// Lookups use an open-addressing table whose slots hold hash and index side by side, so mapping a
/// feature usually costs one cache line and never allocates.
///
/// ```swift
/// let vocabulary = Vocabulary(hashes: [17, 42, 99])
/// vocabulary.index(of: 42)   // 1
/// vocabulary.index(of: 7)    // nil
/// ```
package struct Vocabulary: Sendable, Equatable {
    /// Feature hash of each index, in index order.
    package let hashes: [UInt64]
    private let slots: [Slot]
    private let mask: Int

    struct Slot: Sendable {
        var hash: UInt64
        var index: Int32  // -1 marks an empty slot
    }

    /// A vocabulary whose index `i` is `hashes[i]`. Duplicate hashes keep their first index.
    package init(hashes: [UInt64]) {
        self.hashes = hashes
        var capacity = 16
        while capacity < hashes.count * 2 { capacity <<= 1 }
        var slots = [Slot](repeating: Slot(hash: 0, index: -1), count: capacity)
        let mask = capacity - 1
        for (index, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot].index >= 0 && slots[slot].hash != hash { slot = (slot + 1) & mask }
            if slots[slot].index < 0 { slots[slot] = Slot(hash: hash, index: Int32(index)) }
        }
        self.slots = slots
        self.mask = mask
    }

    /// Number of entries.
    package var count: Int { hashes.count }

    /// The index of `hash`, or `nil` when it is not in the vocabulary.
    package func index(of hash: UInt64) -> Int32? {
        withUnsafeLookup { $0.index(of: hash) }
    }

    /// Runs `body` with a lookup that reads the table through a pointer (no reference counting on
    /// the hot path).
    func withUnsafeLookup<R>(_ body: (Lookup) -> R) -> R {
        slots.withUnsafeBufferPointer { body(Lookup(slots: $0, mask: mask)) }
    }

    struct Lookup {
        let slots: UnsafeBufferPointer<Slot>
        let mask: Int

        /// Starts loading the slot where a lookup of `hash` begins, so that a lookup made a little
        /// later finds it in cache.
        @inline(__always)
        func prefetch(_ hash: UInt64) {
            dt_prefetch(slots.baseAddress! + (Int(truncatingIfNeeded: hash) & mask))
        }

        @inline(__always)
        func index(of hash: UInt64) -> Int32? {
            let index = rawIndex(of: hash)
            return index < 0 ? nil : index
        }

        /// The index of `hash`, or -1 when it is not in the vocabulary. One loop test per slot
        /// (the probe ends at the hash or at an empty slot, whose index is -1): the first slot
        /// settles most lookups, so the test mostly predicts, where testing "empty" and "found"
        /// apart was a coin toss each for the half of word bigrams that are not in the vocabulary.
        @inline(__always)
        func rawIndex(of hash: UInt64) -> Int32 {
            var slot = Int(truncatingIfNeeded: hash) & mask
            var entry = slots[slot]
            // Go on while the slot is used (mask of ones) and holds another hash: one test on the
            // bits, since the compiler splits `empty || found` into two branches, the first a coin
            // toss again.
            while (entry.hash ^ hash) & UInt64(bitPattern: Int64(~(entry.index >> 31))) != 0 {
                slot = (slot &+ 1) & mask
                entry = slots[slot]
            }
            return entry.index
        }
    }

    package static func == (lhs: Vocabulary, rhs: Vocabulary) -> Bool { lhs.hashes == rhs.hashes }
}
