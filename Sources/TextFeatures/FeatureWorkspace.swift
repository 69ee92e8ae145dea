/// Scratch memory reused across calls to ``FeatureExtractor/transform(_:into:workspace:)`` so the hot
/// path does not allocate once it has warmed up. Not shared between threads: give each task its own.
///
/// ```swift
/// var workspace = FeatureWorkspace()
/// var x = SparseVector()
/// for text in texts { extractor.transform(text, into: &x, workspace: &workspace) }
/// ```
public struct FeatureWorkspace: Sendable {
    /// Packed `(index << 1 | sign)` keys of the current document's features.
    var keys: [UInt64] = []
    /// Hashes of the current document's n-grams, before they are mapped to keys.
    var hashes: [UInt64] = []
    /// Long documents: per-feature `stamp << 32 | count` (dimension-sized, allocated on first use).
    var countTable: [UInt64] = []
    /// Stamp of the current document's entries in `countTable`.
    var countStamp: UInt32 = 0
    /// Long documents: the distinct feature indices, then sorted.
    var distinct: [UInt64] = []
    /// How occurrences are counted; tests force each way to check that both give the same vectors.
    var counting = Counting.automatic

    enum Counting: Sendable {
        /// The table for documents with many feature occurrences, sorting for the others.
        case automatic, table, sorting
    }

    /// Scratch space for sorting the keys.
    var sortScratch: [UInt64] = []
    /// Radix-sort bucket counts.
    var sortCounts: [Int] = []

    /// An empty workspace; pass `reservingCapacity` to pre-size it for long documents.
    public init(reservingCapacity capacity: Int = 1024) {
        keys.reserveCapacity(capacity)
        hashes.reserveCapacity(capacity)
    }
}
