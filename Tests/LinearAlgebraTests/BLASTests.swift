@_spi(Components) import Learners
@_spi(Components) import LinearAlgebra
import Testing
@_spi(Components) import TriageTestSupport

/// `op(m)[i, j]`.
private func element(_ m: Matrix, _ transpose: Transpose, _ i: Int, _ j: Int) -> Float {
    transpose == .asIs ? m[i, j] : m[j, i]
}

/// Naive `alpha · op(a) · op(b) + beta · c` in double precision, with the magnitude of the summed terms.
private func referenceGEMM(
    _ a: Matrix, _ ta: Transpose, _ b: Matrix, _ tb: Transpose, alpha: Float, beta: Float, c: Matrix
) -> (values: [Double], magnitudes: [Double]) {
    let m = c.rows, n = c.columns
    let k = ta == .asIs ? a.columns : a.rows
    var values = [Double](repeating: 0, count: m * n)
    var magnitudes = [Double](repeating: 0, count: m * n)
    for i in 0..<m {
        for j in 0..<n {
            var sum = 0.0, magnitude = 0.0
            for p in 0..<k {
                let term = Double(element(a, ta, i, p)) * Double(element(b, tb, p, j))
                sum += term
                magnitude += abs(term)
            }
            let old = Double(c[i, j])
            values[i * n + j] = Double(alpha) * sum + (beta == 0 ? 0 : Double(beta) * old)
            magnitudes[i * n + j] = abs(Double(alpha)) * magnitude + abs(Double(beta) * old)
        }
    }
    return (values, magnitudes)
}

/// Stored shape of an operand whose `op` has shape `rows × columns`.
private func storedShape(_ rows: Int, _ columns: Int, _ transpose: Transpose) -> (Int, Int) {
    transpose == .asIs ? (rows, columns) : (columns, rows)
}

/// Runs one gemm against the reference; returns a description of the first mismatch, if any.
private func checkGEMM(
    m: Int, n: Int, k: Int, _ ta: Transpose, _ tb: Transpose, alpha: Float, beta: Float,
    rng: inout SeededGenerator
) throws -> String? {
    let (ar, ac) = storedShape(m, k, ta)
    let (br, bc) = storedShape(k, n, tb)
    let a = rng.matrix(rows: ar, columns: ac)
    let b = rng.matrix(rows: br, columns: bc)
    var c = rng.matrix(rows: m, columns: n)
    let expected = referenceGEMM(a, ta, b, tb, alpha: alpha, beta: beta, c: c)
    BLAS.gemm(a, ta, b, tb, alpha: alpha, beta: beta, into: &c)
    guard c.rows == m, c.columns == n else { return "c changed shape to \(c.shapeDescription)" }
    for index in 0..<(m * n)
    where !isClose(c.values[index], expected.values[index], magnitude: expected.magnitudes[index], terms: k) {
        return
            "m=\(m) n=\(n) k=\(k) \(ta)/\(tb) alpha=\(alpha) beta=\(beta): c[\(index)] = \(c.values[index]), expected \(expected.values[index])"
    }
    return nil
}

@Suite("BLAS")
struct BLASTests {
    init() { BLASThreads.useLibraryDefault() }

    static let transposes: [Transpose] = [.asIs, .transposed]

    @Test func gemmSmallKnownProduct() throws {
        let a = try Matrix(rows: 2, columns: 2, values: [1, 2, 3, 4])
        let b = try Matrix(rows: 2, columns: 2, values: [5, 6, 7, 8])
        var c = Matrix(rows: 2, columns: 2, repeating: 100)
        BLAS.gemm(a, .asIs, b, .asIs, into: &c)  // default alpha 1, beta 0 overwrites c
        #expect(c.values == [19, 22, 43, 50])
        BLAS.gemm(a, .transposed, b, .asIs, into: &c)
        #expect(c.values == [26, 30, 38, 44])
        BLAS.gemm(a, .asIs, b, .transposed, into: &c)
        #expect(c.values == [17, 23, 39, 53])
        BLAS.gemm(a, .transposed, b, .transposed, into: &c)
        #expect(c.values == [23, 31, 34, 46])
    }

    @Test func gemmNonSquareKnownProduct() throws {
        // (2×3)·(3×1)
        let a = try Matrix(rows: 2, columns: 3, values: [1, 2, 3, 4, 5, 6])
        let x = try Matrix(rows: 3, columns: 1, values: [1, 0, -1])
        var c = Matrix(rows: 2, columns: 1)
        BLAS.gemm(a, .asIs, x, into: &c)  // transposeB defaults to .asIs
        #expect(c.values == [-2, -2])
        // aᵀ·a is 3×3 and symmetric.
        var g = Matrix(rows: 3, columns: 3)
        BLAS.gemm(a, .transposed, a, .asIs, into: &g)
        #expect(g.values == [17, 22, 27, 22, 29, 36, 27, 36, 45])
    }

    @Test("gemm matches a naive triple loop on every tiny shape (0, 1, 2)", arguments: transposes, transposes)
    func gemmExhaustiveTinyShapes(ta: Transpose, tb: Transpose) throws {
        var rng = SeededGenerator(seed: 1)
        for m in 0...2 {
            for n in 0...2 {
                for k in 0...2 {
                    for (alpha, beta) in [(Float(1), Float(0)), (0.5, 1), (-2, -0.5), (0, 3)] {
                        let failure = try checkGEMM(m: m, n: n, k: k, ta, tb, alpha: alpha, beta: beta, rng: &rng)
                        #expect(failure == nil)
                    }
                }
            }
        }
    }

    @Test("gemm matches a naive triple loop on random shapes", arguments: transposes, transposes)
    func gemmRandomShapes(ta: Transpose, tb: Transpose) throws {
        var rng = SeededGenerator(seed: ta == .asIs ? (tb == .asIs ? 10 : 11) : (tb == .asIs ? 12 : 13))
        let sizes = [0, 1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 31, 33]
        let alphas: [Float] = [1, 0.5, -1.25, 0, 3]
        let betas: [Float] = [0, 1, -0.5, 2]
        for _ in 0..<60 {
            let m = sizes.randomElement(using: &rng)!
            let n = sizes.randomElement(using: &rng)!
            let k = sizes.randomElement(using: &rng)!
            let alpha = alphas.randomElement(using: &rng)!
            let beta = betas.randomElement(using: &rng)!
            let failure = try checkGEMM(m: m, n: n, k: k, ta, tb, alpha: alpha, beta: beta, rng: &rng)
            #expect(failure == nil)
        }
    }

    @Test("gemm on a blocked-kernel sized problem", arguments: transposes, transposes)
    func gemmLargerShape(ta: Transpose, tb: Transpose) throws {
        var rng = SeededGenerator(seed: 99)
        let failure = try checkGEMM(m: 70, n: 65, k: 129, ta, tb, alpha: 0.75, beta: -1.5, rng: &rng)
        #expect(failure == nil)
    }

    @Test func gemmWithZeroInnerDimensionAppliesBeta() throws {
        let a = Matrix(rows: 2, columns: 0)
        let b = Matrix(rows: 0, columns: 3)
        let start = try Matrix(rows: 2, columns: 3, values: [1, 2, 3, 4, 5, 6])
        var c = start
        BLAS.gemm(a, .asIs, b, .asIs, alpha: 5, beta: 2, into: &c)
        #expect(c.values == [2, 4, 6, 8, 10, 12])
        c = start
        BLAS.gemm(a, .asIs, b, .asIs, alpha: 5, beta: 1, into: &c)
        #expect(c == start)
        c = start
        BLAS.gemm(a, .asIs, b, .asIs, into: &c)  // beta 0: overwritten with zeros
        #expect(c.values == [0, 0, 0, 0, 0, 0])
        // k == 0 through transposes: aᵀ is 2×0 when a is 0×2.
        c = start
        BLAS.gemm(
            Matrix(rows: 0, columns: 2), .transposed, Matrix(rows: 3, columns: 0), .transposed,
            beta: -1, into: &c)
        #expect(c.values == [-1, -2, -3, -4, -5, -6])
    }

    @Test func gemmBetaZeroOverwritesNaNInC() throws {
        let a = try Matrix(rows: 2, columns: 2, values: [1, 2, 3, 4])
        var c = Matrix(rows: 2, columns: 2, repeating: .nan)
        BLAS.gemm(a, .asIs, a, .asIs, into: &c)
        #expect(c.values == [7, 10, 15, 22])
        var empty = Matrix(rows: 2, columns: 2, repeating: .nan)
        BLAS.gemm(Matrix(rows: 2, columns: 0), .asIs, Matrix(rows: 0, columns: 2), .asIs, into: &empty)
        #expect(empty.values == [0, 0, 0, 0])
    }

    @Test func gemmInnerDimensionMismatchThrows() throws {
        let a = Matrix(rows: 2, columns: 3)
        let b = Matrix(rows: 4, columns: 5)
        let start = Matrix(rows: 2, columns: 5, repeating: 7)
        var c = start
        let error = #expect(throws: LinearAlgebraError.self) { try BLAS.checkedGemm(a, .asIs, b, .asIs, into: &c) }
        #expect(
            error
                == .shapeMismatch(
                    operation: "gemm", expected: "inner dimensions equal (op(a) is 2×3)", given: "op(b) 4×5"))
        #expect(error?.description == "gemm: expected inner dimensions equal (op(a) is 2×3), got op(b) 4×5")
        #expect(c == start)

        // The shapes reported are those after transposition.
        let transposedError = #expect(throws: LinearAlgebraError.self) {
            try BLAS.checkedGemm(a, .transposed, b, .transposed, into: &c)
        }
        #expect(transposedError?.description == "gemm: expected inner dimensions equal (op(a) is 3×2), got op(b) 5×4")
    }

    @Test func gemmOutputShapeMismatchThrows() throws {
        let a = Matrix(rows: 2, columns: 3)
        let b = Matrix(rows: 3, columns: 4)
        var c = Matrix(rows: 4, columns: 2, repeating: 1)
        let error = #expect(throws: LinearAlgebraError.self) { try BLAS.checkedGemm(a, .asIs, b, .asIs, into: &c) }
        #expect(error == .shapeMismatch(operation: "gemm", expected: "c of shape 2×4", given: "4×2"))
        #expect(error?.description == "gemm: expected c of shape 2×4, got 4×2")
        #expect(c.values == [Float](repeating: 1, count: 8))
        // Even with zero-sized outputs the shape must match.
        var wrongEmpty = Matrix(rows: 0, columns: 3)
        #expect(throws: LinearAlgebraError.self) {
            try BLAS.checkedGemm(
                Matrix(rows: 0, columns: 2), .asIs, Matrix(rows: 2, columns: 4), .asIs, into: &wrongEmpty)
        }
    }

    /// Shapes that do not fit are a programming error: the non-throwing call stops the process
    /// (with the same message the checked variant throws) instead of letting CBLAS run.
    @Test func gemmAndGemvTrapOnMismatchedShapes() async {
        await #expect(processExitsWith: .failure) {
            var c = Matrix(rows: 2, columns: 5)
            BLAS.gemm(Matrix(rows: 2, columns: 3), .asIs, Matrix(rows: 4, columns: 5), .asIs, into: &c)
        }
        await #expect(processExitsWith: .failure) {
            var y: [Float] = [0, 0]
            BLAS.gemv(Matrix(rows: 2, columns: 3), .asIs, [1, 2], into: &y)
        }
    }

    /// `values` is publicly settable, so a matrix's storage can disagree with its shape. With shorter
    /// storage CBLAS would read (and for `c`, write) out of bounds; this uses longer storage, which is
    /// safe to run, to show that the inconsistency is not detected.
    @Test
    func gemmRejectsStorageThatDisagreesWithShape() throws {
        var a = try Matrix(rows: 2, columns: 2, values: [1, 2, 3, 4])
        a.storage.append(5)
        var c = Matrix(rows: 2, columns: 2)
        #expect(throws: LinearAlgebraError.self) { try BLAS.checkedGemm(a, .asIs, a, .asIs, into: &c) }
        var y: [Float] = [0, 0]
        #expect(throws: LinearAlgebraError.self) { try BLAS.checkedGemv(a, .asIs, [1, 1], into: &y) }
    }

    // MARK: gemv

    @Test("gemv matches a naive loop", arguments: transposes)
    func gemvRandomShapes(transpose: Transpose) throws {
        var rng = SeededGenerator(seed: transpose == .asIs ? 21 : 22)
        let sizes = [0, 1, 2, 3, 5, 8, 17, 64, 65]
        for iteration in 0..<120 {
            let rows = sizes.randomElement(using: &rng)!
            let columns = sizes.randomElement(using: &rng)!
            let alpha: Float = [1, -0.5, 0, 2].randomElement(using: &rng)!
            let beta: Float = [0, 1, -2, 0.25].randomElement(using: &rng)!
            let a = rng.matrix(rows: rows, columns: columns)
            let (m, n) = transpose == .asIs ? (rows, columns) : (columns, rows)
            let x = rng.floats(n)
            var y = rng.floats(m)
            let old = y
            BLAS.gemv(a, transpose, x, alpha: alpha, beta: beta, into: &y)
            #expect(y.count == m)
            for i in 0..<m {
                var sum = 0.0, magnitude = 0.0
                for j in 0..<n {
                    let term = Double(transpose == .asIs ? a[i, j] : a[j, i]) * Double(x[j])
                    sum += term
                    magnitude += abs(term)
                }
                let expected = Double(alpha) * sum + (beta == 0 ? 0 : Double(beta) * Double(old[i]))
                let scale = abs(Double(alpha)) * magnitude + abs(Double(beta) * Double(old[i]))
                #expect(
                    isClose(y[i], expected, magnitude: scale, terms: n),
                    "iteration \(iteration) \(rows)×\(columns) \(transpose): y[\(i)] = \(y[i]), expected \(expected)")
            }
        }
    }

    @Test func gemvKnownValues() throws {
        let a = try Matrix(rows: 2, columns: 3, values: [1, 2, 3, 4, 5, 6])
        var y: [Float] = [0, 0]
        BLAS.gemv(a, .asIs, [1, 1, 1], into: &y)
        #expect(y == [6, 15])
        var z: [Float] = [1, 1, 1]
        BLAS.gemv(a, .transposed, [1, -1], alpha: 2, beta: 10, into: &z)
        #expect(z == [4, 4, 4])
    }

    @Test func gemvWithEmptyInnerDimensionAppliesBeta() throws {
        var y: [Float] = [1, -2, 3]
        BLAS.gemv(Matrix(rows: 3, columns: 0), .asIs, [], beta: 2, into: &y)
        #expect(y == [2, -4, 6])
        var z: [Float] = [.nan, 5]
        BLAS.gemv(Matrix(rows: 0, columns: 2), .transposed, [], into: &z)
        #expect(z == [0, 0])
        var nothing: [Float] = []
        BLAS.gemv(Matrix(rows: 0, columns: 4), .asIs, [1, 2, 3, 4], into: &nothing)
        #expect(nothing.isEmpty)
    }

    @Test func gemvLengthMismatchesThrow() {
        let a = Matrix(rows: 2, columns: 3)
        var y: [Float] = [9, 9]
        let xError = #expect(throws: LinearAlgebraError.self) { try BLAS.checkedGemv(a, .asIs, [1, 2], into: &y) }
        #expect(xError == .shapeMismatch(operation: "gemv", expected: "x of length 3", given: "2"))
        #expect(xError?.description == "gemv: expected x of length 3, got 2")
        #expect(y == [9, 9])

        var wrongY: [Float] = [0, 0, 0]
        let yError = #expect(throws: LinearAlgebraError.self) {
            try BLAS.checkedGemv(a, .asIs, [1, 2, 3], into: &wrongY)
        }
        #expect(yError == .shapeMismatch(operation: "gemv", expected: "y of length 2", given: "3"))

        // Transposed: x must have `rows` entries and y `columns`.
        var transposedY: [Float] = [0, 0]
        let tError = #expect(throws: LinearAlgebraError.self) {
            try BLAS.checkedGemv(a, .transposed, [1, 2], into: &transposedY)
        }
        #expect(tError == .shapeMismatch(operation: "gemv", expected: "y of length 3", given: "2"))
    }

    // MARK: Level 1

    @Test func axpyMatchesReference() throws {
        var rng = SeededGenerator(seed: 31)
        for count in [1, 2, 3, 7, 16, 33, 1000] {
            let alpha = Float.random(in: -3...3, using: &rng)
            let x = rng.floats(count)
            var y = rng.floats(count)
            let old = y
            BLAS.axpy(alpha: alpha, x, &y)
            for i in 0..<count {
                let expected = Double(alpha) * Double(x[i]) + Double(old[i])
                #expect(isClose(y[i], expected, magnitude: abs(Double(alpha * x[i])) + abs(Double(old[i])), terms: 1))
            }
        }
        var empty: [Float] = []
        BLAS.axpy(alpha: 2, [], &empty)
        #expect(empty.isEmpty)
    }

    @Test func axpyLengthMismatchThrows() {
        var y: [Float] = [1, 2]
        let error = #expect(throws: LinearAlgebraError.self) { try BLAS.checkedAxpy(alpha: 1, [1, 2, 3], &y) }
        #expect(error == .shapeMismatch(operation: "axpy", expected: "y of length 3", given: "2"))
        #expect(y == [1, 2])
    }

    @Test func dotMatchesReference() throws {
        var rng = SeededGenerator(seed: 41)
        for count in [1, 2, 5, 8, 31, 257, 4096] {
            let x = rng.floats(count)
            let y = rng.floats(count)
            var expected = 0.0, magnitude = 0.0
            for i in 0..<count {
                expected += Double(x[i]) * Double(y[i])
                magnitude += abs(Double(x[i]) * Double(y[i]))
            }
            let result = BLAS.dot(x, y)
            #expect(
                isClose(result, expected, magnitude: magnitude, terms: count),
                "count \(count): \(result) vs \(expected)")
        }
        #expect(BLAS.dot([], []) == 0)
        #expect(BLAS.dot([1, 2, 3], [4, 5, 6]) == 32)
    }

    @Test func dotLengthMismatchThrows() {
        let error = #expect(throws: LinearAlgebraError.self) { _ = try BLAS.checkedDot([1, 2, 3], [1]) }
        #expect(error == .shapeMismatch(operation: "dot", expected: "equal lengths (3)", given: "1"))
        #expect(error?.description == "dot: expected equal lengths (3), got 1")
    }

    @Test func scaleMultipliesEveryEntry() {
        var rng = SeededGenerator(seed: 51)
        for count in [0, 1, 3, 17, 100] {
            var x = rng.floats(count)
            let old = x
            BLAS.scale(&x, by: -1.5)
            #expect(x == old.map { $0 * -1.5 })
        }
        var y: [Float] = [1, -2, 3]
        BLAS.scale(&y, by: 0)
        #expect(y.allSatisfy { $0 == 0 })
    }
}
