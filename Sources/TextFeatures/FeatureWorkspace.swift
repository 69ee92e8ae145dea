/// Scratch memory reused across calls to ``FeatureExtractor/transform(_:into:workspace:)`` so the hot
/// path does not allocate once it has warmed up. Not shared between threads: give each task its own.
///
/// ```swift
/// var workspace = FeatureWorkspace()
/// var x = SparseVector()
/// for text in texts { extractor.transform(text, into: &x, workspace: &workspace) }
/// ```
@_spi(Components) public struct FeatureWorkspace: Sendable {
    /// Packed `(index << 1 | sign)` keys of the current document's features.
    var keys: [UInt64] = []
    /// Hashes of the current document's n-grams, before they are mapped to keys.
    var hashes: [UInt64] = []
    /// Per-feature occurrence counts (dimension-sized, allocated on first use). All zero between
    /// documents: the walk that reads a document's counts clears them.
    var countTable: [UInt32] = []
    /// One bit per feature: seen in the current document. All zero between documents.
    var present: [UInt64] = []
    /// One bit per word of `present`: that word is not zero. All zero between documents.
    var presentWords: [UInt64] = []
    /// The current document's feature indices in ascending order, decoded from `present`.
    var positions: [Int32] = []
    /// Documents transformed with this workspace; a workspace in steady use switches to the table.
    var documents = 0
    /// How occurrences are counted; tests force each way to check that both give the same vectors.
    var counting = Counting.automatic

    enum Counting: Sendable {
        /// The word memo and table for a workspace in steady use; for the first documents, the table
        /// for long ones and sorting otherwise.
        case automatic
        /// The table, without the word memo.
        case table
        /// Sorting.
        case sorting
        /// The word memo and the table from the first document.
        case wordMemo
    }

    /// Each word's feature keys, looked up once (allocated when the workspace is in steady use).
    var memo = WordKeyMemo()

    /// Scratch space for sorting the keys.
    var sortScratch: [UInt64] = []
    /// Radix-sort bucket counts.
    var sortCounts: [Int] = []

    /// An empty workspace; pass `reservingCapacity` to pre-size it for long documents.
    @_spi(Components) public init(reservingCapacity capacity: Int = 1024) {
        keys.reserveCapacity(capacity)
        hashes.reserveCapacity(capacity)
    }
}
