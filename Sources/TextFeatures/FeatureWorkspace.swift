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
