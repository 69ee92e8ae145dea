/// A dense, row-major matrix of `Float` on contiguous storage.
///
/// Element `(r, c)` lives at `values[r * columns + c]`, which is the layout CBLAS calls
/// `CblasRowMajor` with leading dimension `columns`.
///
/// ```swift
/// var m = Matrix(rows: 2, columns: 3)
/// m[1, 2] = 5
/// let t = try Matrix(rows: 1, columns: 2, values: [1, 2])
/// ```
@_spi(Components) public struct Matrix: Sendable, Equatable, Hashable {
    /// Number of rows (may be 0).
    @_spi(Components) public private(set) var rows: Int
    /// Number of columns (may be 0).
    @_spi(Components) public private(set) var columns: Int
    /// Row-major storage, `rows * columns` values. Clients change elements through the subscript,
    /// which cannot resize the storage; only code in this package writes ``storage`` directly.
    @_spi(Components) @inlinable public var values: [Float] { storage }
    /// The storage behind ``values``, writable inside the package.
    @usableFromInline package var storage: [Float]

    /// A `rows × columns` matrix filled with `value` (default 0). Sizes must be non-negative
    /// (a programming error otherwise); use ``init(rows:columns:values:)`` for sizes from input.
    @_spi(Components) public init(rows: Int, columns: Int, repeating value: Float = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.storage = [Float](repeating: value, count: rows * columns)
    }

    /// A matrix over existing row-major values.
    /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:expected:given:)`` when
    ///   `values.count != rows * columns`, ``LinearAlgebraError/invalidArgument(name:reason:)`` for negative sizes.
    @_spi(Components) public init(rows: Int, columns: Int, values: [Float]) throws {
        guard rows >= 0, columns >= 0 else {
            throw LinearAlgebraError.invalidArgument(
                name: "rows/columns", reason: "must be >= 0, got \(rows)×\(columns)")
        }
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard !overflow else {
            throw LinearAlgebraError.invalidArgument(name: "rows/columns", reason: "\(rows)×\(columns) is too large")
        }
        guard values.count == count else {
            throw LinearAlgebraError.shapeMismatch(
                operation: "matrix storage", expected: "\(count) values", given: "\(values.count)")
        }
        self.rows = rows
        self.columns = columns
        self.storage = values
    }

    /// Element at row `row`, column `column`.
    @inlinable
    @_spi(Components) public subscript(row: Int, column: Int) -> Float {
        get { storage[row * columns + column] }
        set { storage[row * columns + column] = newValue }
    }

    /// Whether ``values`` holds exactly `rows × columns` elements (package code writes the storage
    /// directly, so BLAS calls check this before touching memory).
    package var hasConsistentStorage: Bool { values.count == rows * columns }

    /// The shape as text, e.g. `"3×4"`, used in error messages.
    package var shapeDescription: String { "\(rows)×\(columns)" }

    /// The transpose, as a new matrix.
    package func transposed() -> Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for r in 0..<rows {
            for c in 0..<columns {
                result.storage[c * rows + r] = values[r * columns + c]
            }
        }
        return result
    }

    /// Appends one row.

    /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:expected:given:)`` if its length differs.
    package mutating func appendRow(_ row: [Float]) throws {
        if rows == 0 && columns == 0 { columns = row.count }
        guard row.count == columns else {
            throw LinearAlgebraError.shapeMismatch(
                operation: "appendRow", expected: "\(columns) values", given: "\(row.count)")
        }
        storage.append(contentsOf: row)
        rows += 1
    }
}
