import CSparseKernels
import Testing

@testable import Learners

/// The L-BFGS passes on rows stored without their padding lanes give the bits of the same passes on
/// the padded vectors (RowVectorKernels.h), and so does a whole fit (``PaddedRows``).
@Suite struct RowVectorKernelsTests {
    /// (width, stride) pairs: every last-chunk width of one-chunk rows, wider rows, no padding, and
    /// strides that are not whole 8-lane chunks (worked in 4-lane units).
    static let shapes = [
        (5, 8), (6, 8), (7, 8), (8, 8), (13, 16), (15, 16), (77, 80), (1, 4), (2, 4), (3, 4), (9, 12), (11, 12),
        (17, 20),
    ]
    /// Row counts around the blocked part's edges (32 floats) and group edges (64 rows).
    static let rowCounts = [0, 1, 3, 4, 5, 63, 64, 65, 130]

    /// Padded rows (values over seven orders of magnitude, some ±0; padding lanes +0, or −0 in odd
    /// rows when `negativePadding`, as L-BFGS's negated direction has), and the same without padding
    /// followed by 8 floats of garbage that the kernels must ignore.
    static func vectors(rows: Int, width: Int, stride: Int, seed: UInt64, negativePadding: Bool = false)
        -> (padded: [Float], rows: [Float])
    {
        let values = VectorKernelsTests.vector(rows * width, seed: seed)
        var padded = [Float](repeating: 0, count: rows * stride)
        for r in 0..<rows {
            for c in 0..<stride {
                padded[r * stride + c] = c < width ? values[r * width + c] : (negativePadding && r % 2 == 1 ? -0.0 : 0)
            }
        }
        return (padded, values + [Float](repeating: .nan, count: 8))
    }

    static func valueLanes(_ padded: [Float], width: Int, stride: Int) -> [UInt32] {
        padded.indices.filter { $0 % stride < width }.map { padded[$0].bitPattern }
    }

    @Test(arguments: shapes)
    func passesGiveThePaddedBits(width: Int, stride: Int) {
        for count in Self.rowCounts {
            let n = count * stride, m = count * width
            let x = Self.vectors(rows: count, width: width, stride: stride, seed: 1)
            let y = Self.vectors(rows: count, width: width, stride: stride, seed: 2, negativePadding: true)
            let other = Self.vectors(rows: count, width: width, stride: stride, seed: 3)
            let expectedDot = dt_dot(x.padded, y.padded, n)
            #expect(dt_rows_dot(x.rows, y.rows, count, width, stride).bitPattern == expectedDot.bitPattern)

            for (alpha, scale) in [(Float(0.37), Float(1)), (-1.7, 0.013), (0, -1), (2.5e-3, -1)] {
                var padded = y.padded, rows = y.rows
                let expected = padded.withUnsafeMutableBufferPointer {
                    dt_axpy_scale_dot($0.baseAddress, alpha, x.padded, scale, other.padded, n)
                }
                let dot = rows.withUnsafeMutableBufferPointer {
                    dt_rows_axpy_scale_dot($0.baseAddress, alpha, x.rows, scale, other.rows, count, width, stride)
                }
                #expect(dot.bitPattern == expected.bitPattern, "\(count) rows, alpha \(alpha)")
                #expect(
                    Array(rows.prefix(m)).map(\.bitPattern) == Self.valueLanes(padded, width: width, stride: stride))
            }

            var copyPadded = [Float](repeating: 0, count: n), copyRows = [Float](repeating: 0, count: m + 8)
            let copyExpected = dt_copy_dot(&copyPadded, x.padded, other.padded, n)
            #expect(
                dt_rows_copy_dot(&copyRows, x.rows, other.rows, count, width, stride).bitPattern
                    == copyExpected.bitPattern)
            #expect(Array(copyRows.prefix(m)) == Array(x.rows.prefix(m)))

            var stepPadded = [Float](repeating: 0, count: n), stepRows = [Float](repeating: 0, count: m + 8)
            dt_step(&stepPadded, x.padded, 0.625, y.padded, n)
            dt_rows_step(&stepRows, x.rows, 0.625, y.rows, count, width, stride)
            #expect(
                Array(stepRows.prefix(m)).map(\.bitPattern) == Self.valueLanes(stepPadded, width: width, stride: stride)
            )

            var s = [Float](repeating: 0, count: n), t = [Float](repeating: 0, count: n)
            var sRows = [Float](repeating: 0, count: m + 8), tRows = [Float](repeating: 0, count: m + 8)
            var sy: Float = 0, yy: Float = 0, syRows: Float = 0, yyRows: Float = 0
            dt_correction_pair(&s, &t, x.padded, y.padded, other.padded, x.padded, n, &sy, &yy)
            dt_rows_correction_pair(
                &sRows, &tRows, x.rows, y.rows, other.rows, x.rows, count, width, stride, &syRows, &yyRows)
            #expect(syRows.bitPattern == sy.bitPattern && yyRows.bitPattern == yy.bitPattern)
            #expect(Array(tRows.prefix(m)).map(\.bitPattern) == Self.valueLanes(t, width: width, stride: stride))
        }
    }

    @Test(arguments: shapes)
    func paddingRoundTrips(width: Int, stride: Int) {
        let x = Self.vectors(rows: 67, width: width, stride: stride, seed: 4)
        let rows = PaddedRows(count: 67, width: width, stride: stride)
        #expect(rows.removingPadding(x.padded) == Array(x.rows.prefix(67 * width)))
        #expect(rows.padding(Array(x.rows.prefix(67 * width))).map(\.bitPattern) == x.padded.map(\.bitPattern))
    }

    /// A whole fit with 5 classes (rows of 8) runs without the padding and must end where the padded
    /// fit ends, to the bit.
    @Test func fitWithoutPaddingEndsOnThePaddedSolution() throws {
        let dimension = 400, k = 5
        let examples = SoftmaxObjectiveTests.examples(count: 90, dimension: dimension, classCount: k, seed: 7)
        let labels = ClassLabels(Set(examples.map(\.label)).sorted())
        let targets = examples.map { labels.index(of: $0.label)! }
        let problem = SoftmaxObjective(
            examples: examples, targets: targets, dimension: dimension, classCount: k,
            position: SoftmaxObjective.frequencyOrder(of: examples, dimension: dimension))
        let rows = try #require(PaddedRows(fitting: problem))
        var model = LogisticRegression(dimension: dimension, parameters: .init())
        let solution = model.fitBatch(problem, labels: labels, classCounts: [Double](repeating: 18, count: k))

        // The padded run, as fitBatch ran before it left the padding out.
        let weights = model.classWeights, c = model.parameters.inverseRegularization
        let scale = Double(c) * max(problem.totalWeight(classWeights: weights), 1e-12)
        let padded = LBFGS(
            history: 7, maxIterations: model.parameters.maxIterations,
            gradientTolerance: Float(LogisticRegression.gradientTolerance * 1 * scale),
            relativeTolerance: LogisticRegression.relativeTolerance * 1
        ).minimize([Float](repeating: 0, count: problem.parameterCount)) { theta, gradient in
            problem.evaluate(
                theta, gradient: gradient, inverseRegularization: c, classWeights: weights)
        }
        #expect(padded.iterations > 5)
        #expect(solution.map(\.bitPattern) == padded.x.map(\.bitPattern))
        #expect(rows.width == k && rows.stride == 8)
    }
}
