import Testing
@_spi(Components) import TextFeatures

@_spi(Components) @testable import Learners

@Suite struct SparseRowSumTests {
    /// The plain per-class loop the SIMD path must match bit for bit.
    static func reference(_ x: SparseVector, _ table: [Float], k: Int, dimension: Int, scale: Float, start: [Float])
        -> [Float]
    {
        var out = start
        for (i, index) in x.indices.enumerated() where Int(index) < dimension {
            let value = scale * x.values[i]
            for c in 0..<k { out[c] += value * table[Int(index) * k + c] }
        }
        return out
    }

    @Test(arguments: Array(1...21))
    func matchesThePlainLoopBitForBit(classes k: Int) {
        var generator = SeededGenerator(seed: UInt64(k))
        let dimension = 40
        let table = (0..<(dimension * k)).map { _ in Float.random(in: -3...3, using: &generator) }
        // Increasing indices, the last ones beyond `dimension` (skipped, as for a newer vocabulary).
        var x = SparseVector()
        var index: Int32 = 0
        while index < Int32(dimension + 5) {
            x.append(index: index, value: Float.random(in: -1...1, using: &generator))
            index += Int32.random(in: 1...3, using: &generator)
        }
        let start = (0..<k).map { _ in Float.random(in: -1...1, using: &generator) }
        for scale: Float in [1, -1] {
            var out = start
            table.withUnsafeBufferPointer { t in
                out.withUnsafeMutableBufferPointer { o in
                    SparseRowSum.add(x, table: t, columns: k, dimension: dimension, scale: scale, into: o)
                }
            }
            let expected = Self.reference(x, table, k: k, dimension: dimension, scale: scale, start: start)
            #expect(out.map(\.bitPattern) == expected.map(\.bitPattern), "k = \(k), scale = \(scale)")
        }
    }

    @Test func documentedExample() {
        var x = SparseVector()
        x.append(index: 1, value: 0.5)
        var scores: [Float] = [0, 0]
        let table: [Float] = [1, 2, 3, 4]
        table.withUnsafeBufferPointer { t in
            scores.withUnsafeMutableBufferPointer {
                SparseRowSum.add(x, table: t, columns: 2, dimension: 2, scale: 1, into: $0)
            }
        }
        #expect(scores == [1.5, 2])
    }
}
