@_spi(Components) import TextFeatures

/// Adds a sparse vector's weighted rows of a feature-major table to a score vector:
/// `scores[c] += scale · x[j] · table[j · k + c]` for every stored feature `j < dimension`, in the
/// vector's order. Shared by the linear learners' ``Classifier/decisionScores(_:into:)``.
///
/// With up to 19 classes the scores stay in SIMD registers for the whole document instead of
/// being re-read and re-written per feature, so the processor can overlap the row loads (random
/// reads, often cache misses). Each lane does the same multiply and add in the same order as the
/// plain loop, so the result is bit-identical.
///
/// ```swift
/// // scores = [0, 0]; x = {1: 0.5}; table (2 features × 2 classes) = [1, 2, 3, 4]
/// SparseRowSum.add(x, table: table, columns: 2, dimension: 2, scale: 1, into: scores)  // [1.5, 2]
/// ```
enum SparseRowSum {
    static func add(
        _ features: SparseVector, table: UnsafeBufferPointer<Float>, columns k: Int, dimension: Int,
        scale: Float, into scores: UnsafeMutableBufferPointer<Float>
    ) {
        precondition(scores.count == k && table.count >= dimension * k, "SparseRowSum: shape mismatch")
        features.indices.withUnsafeBufferPointer { indices in
            features.values.withUnsafeBufferPointer { values in
                guard k <= 19, let base = table.baseAddress else {
                    for i in 0..<indices.count where Int(indices[i]) < dimension {
                        let value = scale * values[i]
                        let row = Int(indices[i]) * k
                        for c in 0..<k { scores[c] += value * table[row + c] }
                    }
                    return
                }
                // Four SIMD4 accumulators cover 16 classes; per-k branches are taken the same way
                // for every feature, so they predict perfectly.
                let chunks = k / 4
                var a0 = SIMD4<Float>(), a1 = SIMD4<Float>(), a2 = SIMD4<Float>(), a3 = SIMD4<Float>()
                var rest = SIMD4<Float>()
                let out = UnsafeMutableRawPointer(scores.baseAddress!)
                func lane(_ chunk: Int) -> SIMD4<Float> {
                    out.loadUnaligned(fromByteOffset: chunk * 16, as: SIMD4<Float>.self)
                }
                if chunks > 0 { a0 = lane(0) }
                if chunks > 1 { a1 = lane(1) }
                if chunks > 2 { a2 = lane(2) }
                if chunks > 3 { a3 = lane(3) }
                for c in (chunks * 4)..<k { rest[c - chunks * 4] = scores[c] }
                let rowBytes = k * MemoryLayout<Float>.stride
                let raw = UnsafeRawPointer(base)
                for i in 0..<indices.count where Int(indices[i]) < dimension {
                    let row = raw + Int(indices[i]) * rowBytes
                    let value = scale * values[i]
                    let v = SIMD4(repeating: value)
                    if chunks > 0 { a0 += v * row.loadUnaligned(as: SIMD4<Float>.self) }
                    if chunks > 1 { a1 += v * row.loadUnaligned(fromByteOffset: 16, as: SIMD4<Float>.self) }
                    if chunks > 2 { a2 += v * row.loadUnaligned(fromByteOffset: 32, as: SIMD4<Float>.self) }
                    if chunks > 3 { a3 += v * row.loadUnaligned(fromByteOffset: 48, as: SIMD4<Float>.self) }
                    let tail = row + chunks * 16
                    if k - chunks * 4 > 0 { rest[0] += value * tail.loadUnaligned(as: Float.self) }
                    if k - chunks * 4 > 1 { rest[1] += value * tail.loadUnaligned(fromByteOffset: 4, as: Float.self) }
                    if k - chunks * 4 > 2 { rest[2] += value * tail.loadUnaligned(fromByteOffset: 8, as: Float.self) }
                }
                if chunks > 0 { out.storeBytes(of: a0, toByteOffset: 0, as: SIMD4<Float>.self) }
                if chunks > 1 { out.storeBytes(of: a1, toByteOffset: 16, as: SIMD4<Float>.self) }
                if chunks > 2 { out.storeBytes(of: a2, toByteOffset: 32, as: SIMD4<Float>.self) }
                if chunks > 3 { out.storeBytes(of: a3, toByteOffset: 48, as: SIMD4<Float>.self) }
                for c in (chunks * 4)..<k { scores[c] = rest[c - chunks * 4] }
            }
        }
    }
}
