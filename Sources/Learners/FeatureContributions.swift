@_spi(Components) import TextFeatures

// How much each stored feature of a document pushes one class above the average class, in score
// units: `x[j] · (u[j, c] − mean over c' of u[j, c'])`, where `u[j, ·]` is what one unit of feature
// `j` adds to the raw scores. Used to explain a prediction in words.
//
// Each learner computes it in one sweep over the document's features, right after scoring it, so the
// weight rows are still in cache.

extension LogisticRegression {
    /// Writes one contribution to class `classIndex` per entry of `features` into `contributions`
    /// (resized to `features.count`; reuse it to avoid allocating): `x[j] · (w[j, c] − mean of w[j, ·])`.
    package func contributions(_ features: SparseVector, classIndex: Int, into contributions: inout [Float]) {
        var candidates = ContributionCandidates()
        collectContributions(features, classIndex: classIndex, named: nil, into: &candidates)
        contributions = candidates.contributions
    }

    /// Collects into `candidates` the entries whose contribution to `classIndex` is positive and whose
    /// feature is named (bit set in `named`; every entry when `named` is nil, zeros included).
    func collectContributions(
        _ features: SparseVector, classIndex: Int, named: UnsafeBufferPointer<UInt64>?,
        into candidates: inout ContributionCandidates
    ) {
        weights.withUnsafeBufferPointer { w in
            ContributionSweep.collect(
                features, rows: w, stride: labels.count, offset: 0, classes: labels.count,
                dimension: dimension, classIndex: classIndex, named: named, into: &candidates)
        }
    }
}

/// The contribution sweep of a linear model whose weights are rows of a feature-major table: model
/// columns `offset ..< offset + classes` of rows `stride` floats wide (a model's own table, or its
/// part of a ``JointLinearScorer`` row).
enum ContributionSweep {
    /// Collects into `candidates` the entries of `features` whose contribution to `classIndex` is
    /// positive and whose feature is named (every entry, zeros included, when `named` is nil).
    /// Branch-free: each entry is written, then kept or overwritten, so the mostly unpredictable tests
    /// cost no mispredictions; and only named features (a minority: character n-grams have no name)
    /// get their contribution computed.
    static func collect(
        _ features: SparseVector, rows: UnsafeBufferPointer<Float>, stride: Int, offset: Int, classes k: Int,
        dimension: Int, classIndex: Int, named: UnsafeBufferPointer<UInt64>?,
        into candidates: inout ContributionCandidates
    ) {
        let n = features.count
        candidates.reset(capacity: n)
        guard k > 0, classIndex >= 0, classIndex < k, let first = rows.baseAddress else {
            if named == nil { candidates.fillZeros(n) }
            return
        }
        let inverseCount = 1 / Float(k)
        let chunks = k / 4
        var kept = 0
        features.indices.withUnsafeBufferPointer { indices in
            features.values.withUnsafeBufferPointer { values in
                candidates.withUnsafeStorage { outIndices, out in
                    // Pass 1: the entries to consider, with their values parked in `out`.
                    let considered = parkNamed(
                        indices, values, named: named, dimension: dimension, into: outIndices, out)
                    // Pass 2: their contributions, keeping the positive ones in place.
                    let base = UnsafeRawPointer(first + offset)
                    for i in 0..<considered {
                        let index = outIndices[i]
                        guard Int(index) < dimension else {  // unnamed entries only: none is dropped
                            out[kept] = 0
                            outIndices[kept] = index
                            kept += 1
                            continue
                        }
                        // The row was just read to score the document, so it is still in cache.
                        let row = base + Int(index) * stride * MemoryLayout<Float>.stride
                        let sum = rowSum(row, chunks: chunks, count: k)
                        let weight = row.loadUnaligned(fromByteOffset: classIndex * 4, as: Float.self)
                        let contribution = out[i] * (weight - sum * inverseCount)
                        outIndices[kept] = index
                        out[kept] = contribution
                        kept += (named == nil || contribution > 0) ? 1 : 0
                    }
                }
            }
        }
        candidates.count = kept
    }

    /// ``collect(_:rows:stride:offset:classes:dimension:classIndex:named:into:)`` for the two models of
    /// joint rows at once (the first model's `k₁` columns, then the second's `k₂`, in rows `stride`
    /// floats wide): the named entries are found once, and each row is read once for both. A `nil`
    /// class gives no candidates.
    static func collectPair(
        _ features: SparseVector, rows: UnsafeBufferPointer<Float>, stride rowFloats: Int,
        classes: (first: Int, second: Int), dimension: Int, classIndices: (first: Int?, second: Int?),
        named: UnsafeBufferPointer<UInt64>,
        into first: inout ContributionCandidates, _ second: inout ContributionCandidates
    ) {
        let n = features.count
        first.reset(capacity: n)
        second.reset(capacity: n)
        let (k1, k2) = classes
        guard let base = rows.baseAddress, k1 > 0, k2 > 0 else { return }
        // A missing class is computed as class 0 and then dropped: the sweep stays branch-free.
        let c1 = classIndices.first ?? 0, c2 = classIndices.second ?? 0
        precondition(c1 >= 0 && c1 < k1 && c2 >= 0 && c2 < k2, "ContributionSweep: class out of range")
        let inverse1 = 1 / Float(k1), inverse2 = 1 / Float(k2)
        let chunks1 = k1 / 4, chunks2 = k2 / 4
        let stride = rowFloats * MemoryLayout<Float>.stride
        var kept1 = 0, kept2 = 0
        features.indices.withUnsafeBufferPointer { indices in
            features.values.withUnsafeBufferPointer { values in
                first.withUnsafeStorage { indices1, out1 in
                    second.withUnsafeStorage { indices2, out2 in
                        // Pass 1: the named entries, values parked in `out1`.
                        let considered = parkNamed(
                            indices, values, named: named, dimension: dimension, into: indices1, out1)
                        // Pass 2: both contributions from one read of the row, positive ones kept.
                        let raw = UnsafeRawPointer(base)
                        for i in 0..<considered {
                            let index = indices1[i]
                            let value = out1[i]
                            let row = raw + Int(index) * stride
                            let tail = row + k1 * MemoryLayout<Float>.stride
                            let sum1 = rowSum(row, chunks: chunks1, count: k1)
                            let sum2 = rowSum(tail, chunks: chunks2, count: k2)
                            let weight1 = row.loadUnaligned(fromByteOffset: c1 * 4, as: Float.self)
                            let weight2 = tail.loadUnaligned(fromByteOffset: c2 * 4, as: Float.self)
                            let contribution1 = value * (weight1 - sum1 * inverse1)
                            let contribution2 = value * (weight2 - sum2 * inverse2)
                            indices1[kept1] = index
                            out1[kept1] = contribution1
                            kept1 += contribution1 > 0 ? 1 : 0
                            indices2[kept2] = index
                            out2[kept2] = contribution2
                            kept2 += contribution2 > 0 ? 1 : 0
                        }
                    }
                }
            }
        }
        first.count = classIndices.first == nil ? 0 : kept1
        second.count = classIndices.second == nil ? 0 : kept2
    }

    /// Copies to the front of `outIndices` / `outValues` the entries of `indices` / `values` whose
    /// feature is named (bit set in `named`) and within the model; every entry when `named` is nil.
    /// Branch-free: each entry is written, then kept or overwritten. Returns how many were kept.
    @inline(__always)
    private static func parkNamed(
        _ indices: UnsafeBufferPointer<Int32>, _ values: UnsafeBufferPointer<Float>,
        named: UnsafeBufferPointer<UInt64>?, dimension: Int, into outIndices: UnsafeMutableBufferPointer<Int32>,
        _ outValues: UnsafeMutableBufferPointer<Float>
    ) -> Int {
        var kept = 0
        for i in 0..<indices.count {
            let j = Int(indices[i])
            outIndices[kept] = indices[i]
            outValues[kept] = values[i]
            var keep = true
            if let named {
                let word = j >> 6
                keep = j < dimension && word < named.count && (named[word] >> UInt64(j & 63)) & 1 != 0
            }
            kept += keep ? 1 : 0
        }
        return kept
    }

    /// The sum of a row's `count` floats, added as ``collect(_:rows:stride:offset:classes:dimension:classIndex:named:into:)``
    /// adds them (four lanes, then the rest), so both sweeps give the same contributions bit for bit.
    @inline(__always)
    private static func rowSum(_ row: UnsafeRawPointer, chunks: Int, count: Int) -> Float {
        var lanes = SIMD4<Float>()
        for chunk in 0..<chunks {
            lanes = lanes + row.loadUnaligned(fromByteOffset: chunk * 16, as: SIMD4<Float>.self)
        }
        var sum = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3])
        for c in (chunks * 4)..<count {
            sum += row.loadUnaligned(fromByteOffset: c * 4, as: Float.self)
        }
        return sum
    }
}

extension NaiveBayes {
    /// As ``LogisticRegression/contributions(_:classIndex:into:)``.
    package func contributions(_ features: SparseVector, classIndex: Int, into contributions: inout [Float]) {
        let k = labels.count
        let n = features.count
        if contributions.count != n { contributions = [Float](repeating: 0, count: n) }
        guard k > 0, classIndex >= 0, classIndex < k else {
            for i in 0..<n { contributions[i] = 0 }
            return
        }
        // The class term and table entry as decisionScores computes them for a one-feature document
        // (value v) and for the empty one (v = 0).
        let parts = (0..<k).map { classTermParts($0) }
        let sign: Float = parameters.variant == .complement ? -1 : 1
        let classCount = Float(k)
        for i in 0..<n {
            let j = Int(features.indices[i])
            let value = features.values[i]
            func delta(_ c: Int) -> Float {
                let table: Float = j < dimension ? (sign * value) * logCount(feature: j, classIndex: c) : 0
                return (classTerm(parts[c], mass: value) + table) - classTerm(parts[c], mass: 0)
            }
            var sum: Float = 0
            for c in 0..<k { sum += delta(c) }
            contributions[i] = delta(classIndex) - sum / classCount
        }
    }
}

extension AnyClassifier {
    /// As ``LogisticRegression/collectContributions(_:classIndex:named:into:)``.
    func collectContributions(
        _ features: SparseVector, classIndex: Int, named: UnsafeBufferPointer<UInt64>?,
        into candidates: inout ContributionCandidates
    ) {
        switch self {
        case let .logisticRegression(model):
            model.collectContributions(features, classIndex: classIndex, named: named, into: &candidates)
        case let .naiveBayes(model):
            var all: [Float] = []
            model.contributions(features, classIndex: classIndex, into: &all)
            candidates.reset(capacity: features.count)
            var kept = 0
            for (i, contribution) in all.enumerated() {
                let j = Int(features.indices[i])
                if let named {
                    let word = j >> 6
                    guard contribution > 0, word < named.count, (named[word] >> UInt64(j & 63)) & 1 != 0 else {
                        continue
                    }
                }
                candidates.indices[kept] = features.indices[i]
                candidates.contributions[kept] = contribution
                kept += 1
            }
            candidates.count = kept
        }
    }

    /// One contribution to class `classIndex` per entry of `features` (see
    /// ``LogisticRegression/contributions(_:classIndex:into:)``), written into `contributions`.
    package func contributions(_ features: SparseVector, classIndex: Int, into contributions: inout [Float]) {
        switch self {
        case let .naiveBayes(model): model.contributions(features, classIndex: classIndex, into: &contributions)
        case let .logisticRegression(model): model.contributions(features, classIndex: classIndex, into: &contributions)
        }
    }
}

/// Scratch for contributions: feature indices and contributions, the first `count` of them valid.
package struct ContributionCandidates: Sendable {
    var indices: [Int32] = []
    var contributions: [Float] = []
    var count = 0

    /// Room for `capacity` entries, none valid.
    mutating func reset(capacity: Int) {
        if indices.count < capacity {
            indices = [Int32](repeating: 0, count: capacity)
            contributions = [Float](repeating: 0, count: capacity)
        }
        count = 0
    }

    /// Runs `body` with the index and contribution storage (sized by ``reset(capacity:)``), for the
    /// sweeps' pointer loops.
    @inline(__always)
    mutating func withUnsafeStorage<R>(
        _ body: (UnsafeMutableBufferPointer<Int32>, UnsafeMutableBufferPointer<Float>) -> R
    ) -> R {
        indices.withUnsafeMutableBufferPointer { indices in
            contributions.withUnsafeMutableBufferPointer { contributions in body(indices, contributions) }
        }
    }

    /// `n` zero contributions (a class the model does not know).
    mutating func fillZeros(_ n: Int) {
        for i in 0..<n { contributions[i] = 0 }
        count = n
    }
}
