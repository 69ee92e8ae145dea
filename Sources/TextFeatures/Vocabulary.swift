/// A fixed map from feature hashes to dense indices, built when features are fitted.
///
/// Lookups use an open-addressing table so mapping a feature costs one or two probes and no allocation.
///
/// ```swift
/// let vocabulary = Vocabulary(hashes: [17, 42, 99])
/// vocabulary.index(of: 42)   // 1
/// vocabulary.index(of: 7)    // nil
/// ```
public struct Vocabulary: Sendable, Equatable {
    /// Feature hash of each index, in index order.
    public let hashes: [UInt64]
    private let slotHashes: [UInt64]
    private let slotIndices: [Int32]  // -1 marks an empty slot
    private let mask: Int

    /// A vocabulary whose index `i` is `hashes[i]`. Duplicate hashes keep their first index.
    public init(hashes: [UInt64]) {
        self.hashes = hashes
        var capacity = 16
        while capacity < hashes.count * 2 { capacity <<= 1 }
        var slotHashes = [UInt64](repeating: 0, count: capacity)
        var slotIndices = [Int32](repeating: -1, count: capacity)
        let mask = capacity - 1
        for (index, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slotIndices[slot] >= 0 && slotHashes[slot] != hash { slot = (slot + 1) & mask }
            if slotIndices[slot] < 0 {
                slotHashes[slot] = hash
                slotIndices[slot] = Int32(index)
            }
        }
        self.slotHashes = slotHashes
        self.slotIndices = slotIndices
        self.mask = mask
    }

    /// Number of entries.
    public var count: Int { hashes.count }

    /// The index of `hash`, or `nil` when it is not in the vocabulary.
    @inlinable
    public func index(of hash: UInt64) -> Int32? { lookup(hash) }

    @usableFromInline
    func lookup(_ hash: UInt64) -> Int32? {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let index = slotIndices[slot]
            if index < 0 { return nil }
            if slotHashes[slot] == hash { return index }
            slot = (slot + 1) & mask
        }
    }

    public static func == (lhs: Vocabulary, rhs: Vocabulary) -> Bool { lhs.hashes == rhs.hashes }
}
