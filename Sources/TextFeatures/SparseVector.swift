/// A sparse feature vector: sorted, distinct `indices` with their `values`.
///
/// Reuse one vector across documents (``removeAll()`` keeps the capacity) so the hot path does not allocate.
///
/// ```swift
/// var x = SparseVector()
/// x.append(index: 3, value: 0.5)
/// x.dot([0, 0, 0, 2])   // 1.0
/// ```
@_spi(Components) public struct SparseVector: Sendable, Equatable, Hashable {
    /// Feature indices, strictly increasing.
    @_spi(Components) public var indices: [Int32]
    /// Values, one per index.
    @_spi(Components) public var values: [Float]

    /// An empty vector.
    @_spi(Components) public init() {
        indices = []
        values = []
    }

    /// A vector from parallel arrays (indices must be increasing; checked by ``isWellFormed``).
    package init(indices: [Int32], values: [Float]) {
        self.indices = indices
        self.values = values
    }

    /// Number of stored entries.
    package var count: Int { indices.count }

    /// Whether indices are strictly increasing and the arrays have equal length.
    package var isWellFormed: Bool {
        guard indices.count == values.count else { return false }
        for i in indices.indices.dropFirst() where indices[i] <= indices[i - 1] { return false }
        return true
    }

    /// Appends an entry; the caller keeps indices increasing.
    @inlinable
    package mutating func append(index: Int32, value: Float) {
        indices.append(index)
        values.append(value)
    }

    /// Removes all entries, keeping the storage for reuse.
    package mutating func removeAll() {
        indices.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }

    /// A copy in storage of exactly its size. Keeping `self` itself would share its storage, which
    /// the next reuse then replaces by a new buffer of the old capacity (the largest document's so
    /// far), while the kept vector holds on to all of it: over a training set, a few times the
    /// memory the entries need, each page of it faulted in fresh.
    package func exactCopy() -> SparseVector {
        SparseVector(
            indices: [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
                initialized = buffer.initialize(fromContentsOf: indices)
            },
            values: [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                initialized = buffer.initialize(fromContentsOf: values)
            })
    }

    /// Dot product with a dense vector.
    package func dot(_ dense: [Float]) -> Float {
        var sum: Float = 0
        for (i, index) in indices.enumerated() { sum += values[i] * dense[Int(index)] }
        return sum
    }

    /// The largest index + 1 (0 when empty).
    package var requiredDimension: Int { indices.last.map { Int($0) + 1 } ?? 0 }
}
