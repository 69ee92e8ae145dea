@_spi(Components) import Learners
@_spi(Components) import LinearAlgebra
import Testing

@Suite("Matrix")
struct MatrixTests {
    @Test func repeatingInitialiserHasShapeAndFill() {
        let m = Matrix(rows: 2, columns: 3, repeating: 1.5)
        #expect(m.rows == 2)
        #expect(m.columns == 3)
        #expect(m.values == [Float](repeating: 1.5, count: 6))
        #expect(m.shapeDescription == "2×3")
        #expect(Matrix(rows: 3, columns: 4).values == [Float](repeating: 0, count: 12))
    }

    @Test func storageIsRowMajor() throws {
        var m = try Matrix(rows: 2, columns: 3, values: [1, 2, 3, 4, 5, 6])
        #expect(m[0, 0] == 1)
        #expect(m[0, 2] == 3)
        #expect(m[1, 0] == 4)
        #expect(m[1, 2] == 6)
        m[1, 1] = 50
        #expect(m.values == [1, 2, 3, 4, 50, 6])
    }

    @Test(arguments: [(2, 2, 3), (2, 2, 5), (0, 3, 1), (3, 0, 1), (1, 1, 0), (4, 1, 3)])
    func wrongValueCountThrowsShapeMismatch(rows: Int, columns: Int, count: Int) {
        let error = #expect(throws: LinearAlgebraError.self) {
            _ = try Matrix(rows: rows, columns: columns, values: [Float](repeating: 0, count: count))
        }
        #expect(
            error
                == .shapeMismatch(
                    operation: "matrix storage", expected: "\(rows * columns) values", given: "\(count)"))
    }

    @Test func wrongValueCountDescriptionIsInformative() {
        let error = #expect(throws: LinearAlgebraError.self) { _ = try Matrix(rows: 2, columns: 2, values: [1, 2, 3]) }
        #expect(error?.description == "matrix storage: expected 4 values, got 3")
    }

    @Test func negativeDimensionsThrowInvalidArgument() {
        for (rows, columns) in [(-1, 2), (2, -1), (-3, -3)] {
            let error = #expect(throws: LinearAlgebraError.self) {
                _ = try Matrix(rows: rows, columns: columns, values: [])
            }
            guard case let .invalidArgument(name, reason)? = error else {
                Issue.record("expected invalidArgument, got \(String(describing: error))")
                continue
            }
            #expect(name == "rows/columns")
            #expect(reason.contains("\(rows)×\(columns)"))
        }
    }

    @Test
    func overflowingShapeThrows() {
        let error = #expect(throws: LinearAlgebraError.self) { _ = try Matrix(rows: Int.max, columns: 2, values: []) }
        #expect(error != nil)
    }

    @Test func emptyShapesAreAllowed() throws {
        let a = try Matrix(rows: 0, columns: 5, values: [])
        let b = try Matrix(rows: 5, columns: 0, values: [])
        let c = try Matrix(rows: 0, columns: 0, values: [])
        #expect(a.shapeDescription == "0×5")
        #expect(b.shapeDescription == "5×0")
        #expect(c.values.isEmpty)
    }

    @Test func transposedSwapsIndices() {
        var rng = SeededGenerator(seed: 11)
        for (rows, columns) in [(1, 1), (1, 7), (7, 1), (3, 5), (8, 8), (13, 2)] {
            let m = rng.matrix(rows: rows, columns: columns)
            let t = m.transposed()
            #expect(t.rows == columns)
            #expect(t.columns == rows)
            for r in 0..<rows {
                for c in 0..<columns { #expect(t[c, r] == m[r, c]) }
            }
            #expect(t.transposed() == m)
        }
    }

    @Test func transposedOfEmptyShapes() {
        let t = Matrix(rows: 0, columns: 3).transposed()
        #expect(t.rows == 3)
        #expect(t.columns == 0)
        #expect(t.values.isEmpty)
        #expect(Matrix(rows: 4, columns: 0).transposed().shapeDescription == "0×4")
    }

    @Test func appendRowToEmptyMatrixSetsColumns() throws {
        var m = Matrix(rows: 0, columns: 0)
        try m.appendRow([1, 2, 3])
        try m.appendRow([4, 5, 6])
        #expect(m.rows == 2)
        #expect(m.columns == 3)
        #expect(m[1, 0] == 4)
        #expect(m == (try Matrix(rows: 2, columns: 3, values: [1, 2, 3, 4, 5, 6])))
    }

    @Test func appendRowWithWrongLengthThrowsAndLeavesMatrixUnchanged() throws {
        var m = try Matrix(rows: 1, columns: 2, values: [1, 2])
        let before = m
        let error = #expect(throws: LinearAlgebraError.self) { try m.appendRow([1, 2, 3]) }
        #expect(error == .shapeMismatch(operation: "appendRow", expected: "2 values", given: "3"))
        #expect(error?.description == "appendRow: expected 2 values, got 3")
        #expect(m == before)

        // A 0×3 matrix already has its column count fixed.
        var empty = Matrix(rows: 0, columns: 3)
        #expect(throws: LinearAlgebraError.self) { try empty.appendRow([1]) }
        try empty.appendRow([7, 8, 9])
        #expect(empty.shapeDescription == "1×3")
    }

    @Test func equalityIncludesShape() throws {
        let a = try Matrix(rows: 2, columns: 3, values: [1, 2, 3, 4, 5, 6])
        let b = try Matrix(rows: 3, columns: 2, values: [1, 2, 3, 4, 5, 6])
        #expect(a != b)
        #expect(a == (try Matrix(rows: 2, columns: 3, values: [1, 2, 3, 4, 5, 6])))
        #expect(Set([a, b, a]).count == 2)
    }
}
