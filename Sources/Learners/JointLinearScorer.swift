import CSparseKernels
@_spi(Components) import TextFeatures

/// Scores two logistic regressions over the same features in one sweep. Their weight rows are
/// interleaved into one row per feature (`k₁ + k₂` floats, padded with zeros to a multiple of 4), so
/// a feature costs one random read of about two cache lines instead of two reads of three lines,
/// and the document is walked once, by the vector kernel `dt_sparse_accumulate` (whole rows of
/// SIMD lanes, no per-class branches). The scores are bit-identical to each model's own
/// ``LogisticRegression/decisionScores(_:into:)``: every class adds the same products in the same order.
///
/// ```swift
/// var joint = JointLinearScorer(subject.model, severity.model)!   // nil unless both are LR of one dimension
/// joint.decisionScores(x, first: &subjectScores, second: &severityScores)
/// ```
package struct JointLinearScorer: Sendable, Equatable {
    /// Feature indices accepted (shared by both models).
    package let dimension: Int
    /// Classes of the first and of the second model.
    package private(set) var counts: (first: Int, second: Int)
    /// Feature-major rows of ``rowStride`` floats: the first model's weights of a feature, then the
    /// second's, then zeros.
    private var table: [Float]
    /// Floats per row: `k₁ + k₂` rounded up to a multiple of 4, as the kernel takes it.
    private let rowStride: Int
    /// The first model's biases, then the second's.
    private var bias: [Float]

    /// The widest row kept in SIMD registers by the shared row sum.
    static let maximumColumns = 19

    /// A joint scorer, or nil unless both are logistic regressions over the same dimension with at
    /// most ``maximumColumns`` classes together (then scoring them apart is as fast).
    package init?(_ first: AnyClassifier, _ second: AnyClassifier) {
        guard case let .logisticRegression(a) = first, case let .logisticRegression(b) = second,
            a.dimension == b.dimension, a.labels.count + b.labels.count <= Self.maximumColumns
        else { return nil }
        dimension = a.dimension
        counts = (a.labels.count, b.labels.count)
        rowStride = (counts.first + counts.second + 3) & ~3
        table = Self.interleave(a.weights, b.weights, rows: dimension, counts: counts, stride: rowStride)
        bias = a.bias + b.bias
    }

    /// The rows of the table: for each feature, `first`'s row of `counts.first` weights, then
    /// `second`'s, then zeros up to `stride` (written once, through pointers: the table is megabytes
    /// and built whenever a model is loaded).
    private static func interleave(
        _ first: [Float], _ second: [Float], rows: Int, counts: (first: Int, second: Int), stride: Int
    ) -> [Float] {
        precondition(first.count == rows * counts.first && second.count == rows * counts.second)
        let padding = stride - counts.first - counts.second
        return [Float](unsafeUninitializedCapacity: rows * stride) { table, initialized in
            guard let out = table.baseAddress else { return }
            first.withUnsafeBufferPointer { a in
                second.withUnsafeBufferPointer { b in
                    for j in 0..<rows {
                        let row = out + j * stride
                        // A model without classes has no weights (and maybe no buffer address).
                        if let a = a.baseAddress { row.initialize(from: a + j * counts.first, count: counts.first) }
                        if let b = b.baseAddress {
                            (row + counts.first).initialize(from: b + j * counts.second, count: counts.second)
                        }
                        (row + counts.first + counts.second).initialize(repeating: 0, count: padding)
                    }
                }
            }
            initialized = rows * stride
        }
    }

    package static func == (lhs: JointLinearScorer, rhs: JointLinearScorer) -> Bool {
        lhs.dimension == rhs.dimension && lhs.counts == rhs.counts && lhs.table == rhs.table && lhs.bias == rhs.bias
    }

    /// Brings the rows of `features` and the biases up to date after the models learned `features`
    /// online (an update touches only those rows). Returns false, changing nothing, when the models
    /// no longer fit this scorer (a class was added): build a new one.
    package mutating func refresh(_ features: SparseVector, _ first: AnyClassifier, _ second: AnyClassifier) -> Bool {
        guard case let .logisticRegression(a) = first, case let .logisticRegression(b) = second,
            a.dimension == dimension, a.labels.count == counts.first, b.labels.count == counts.second
        else { return false }
        for index in features.indices where Int(index) < dimension { copyRow(Int(index), a, b) }
        bias = a.bias + b.bias
        return true
    }

    private mutating func copyRow(_ j: Int, _ a: LogisticRegression, _ b: LogisticRegression) {
        let row = j * rowStride
        for c in 0..<counts.first { table[row + c] = a.weights[j * counts.first + c] }
        for c in 0..<counts.second { table[row + counts.first + c] = b.weights[j * counts.second + c] }
    }

    /// The raw scores of both models (before temperature), written into `first` and `second`
    /// (resized if needed; reuse them to avoid allocating). `scratch` holds the joint row.
    package func decisionScores(
        _ features: SparseVector, first: inout [Float], second: inout [Float], scratch: inout [Float]
    ) {
        let k = counts.first + counts.second
        if scratch.count != rowStride { scratch = [Float](repeating: 0, count: rowStride) }
        if first.count != counts.first { first = [Float](repeating: 0, count: counts.first) }
        if second.count != counts.second { second = [Float](repeating: 0, count: counts.second) }
        scratch.withUnsafeMutableBufferPointer { out in
            for c in 0..<k { out[c] = bias[c] }
            for c in k..<rowStride { out[c] = 0 }
            table.withUnsafeBufferPointer { sumRows(features, table: $0, into: out) }
        }
        for c in 0..<counts.first { first[c] = scratch[c] }
        for c in 0..<counts.second { second[c] = scratch[counts.first + c] }
    }

    /// Adds each entry's value times its row to `out` (``rowStride`` lanes), in the entries' order.
    private func sumRows(
        _ features: SparseVector, table: UnsafeBufferPointer<Float>, into out: UnsafeMutableBufferPointer<Float>
    ) {
        features.indices.withUnsafeBufferPointer { indices in
            features.values.withUnsafeBufferPointer { values in
                // The rows are random reads from a table larger than L2: requesting them all before
                // summing lets their misses overlap. The kernel reads every row it is given: an index
                // out of the table (a vector from another extractor) takes the checked loop, which
                // skips it.
                let rowBytes = rowStride * MemoryLayout<Float>.stride
                let lastRow = UInt32(max(dimension - 1, 0))
                var largest: UInt32 = 0
                for index in indices {
                    let unsigned = UInt32(bitPattern: index)
                    largest = max(largest, unsigned)
                    if dimension > 0, let rows = UnsafeRawPointer(table.baseAddress) {
                        // Clamped to the table: the range is checked after the loop.
                        let row = rows + Int(min(unsigned, lastRow)) * rowBytes
                        dt_prefetch(row)
                        dt_prefetch(row + rowBytes - 1)
                    }
                }
                guard indices.isEmpty || largest < UInt32(dimension) else {
                    SparseRowSum.add(
                        features, table: table, columns: rowStride, dimension: dimension, scale: 1, into: out)
                    return
                }
                dt_sparse_accumulate(
                    out.baseAddress, table.baseAddress, rowStride, indices.baseAddress, values.baseAddress,
                    indices.count)
            }
        }
    }

    /// As ``LogisticRegression/contributions(_:classIndex:into:)`` for class `classIndices.first` of
    /// the first model and `classIndices.second` of the second, read from the joint rows (which
    /// scoring just brought into cache) in one sweep: positive contributions of named features only,
    /// as explanations use them. A `nil` class gives no candidates.
    package func collectContributions(
        _ features: SparseVector, classIndices: (first: Int?, second: Int?), named: UnsafeBufferPointer<UInt64>,
        into first: inout ContributionCandidates, _ second: inout ContributionCandidates
    ) {
        table.withUnsafeBufferPointer { t in
            ContributionSweep.collectPair(
                features, rows: t, stride: rowStride, classes: counts, dimension: dimension, classIndices: classIndices,
                named: named,
                into: &first, &second)
        }
    }
}
