import LinearAlgebra

/// A piecewise-linear expansion of features: each feature with enough distinct values gains hinge
/// terms `max(0, x − knot)` at its training quartiles, so the linear heads of ``PayerRiskModel`` can
/// bend (short terms matter more than long ones, a first late payment more than the tenth) while
/// staying convex, deterministic and BLAS-friendly.
///
/// ```swift
/// let basis = SplineBasis.fit(features)          // knots from the training rows
/// let wide = try basis.expand(features)          // N × basis.dimension: the features, then the hinges
/// ```
package struct SplineBasis: Sendable, Equatable {
    /// Knots per input feature (empty: the feature enters linearly only).
    package private(set) var knots: [[Float]]

    /// No hinges: the identity on `features` columns.
    package static func identity(_ features: Int) -> SplineBasis { SplineBasis(knots: Array(repeating: [], count: features)) }

    package init(knots: [[Float]]) { self.knots = knots }

    /// Knots at the distinct quartiles of every feature with at least `minimumDistinct` distinct values.
    package static func fit(_ features: Matrix, quantiles: [Double] = [0.25, 0.5, 0.75], minimumDistinct: Int = 6) -> SplineBasis {
        var knots: [[Float]] = []
        for j in 0..<features.columns {
            let column = (0..<features.rows).map { features[$0, j] }.sorted()
            var distinct = 1
            for i in 1..<max(column.count, 1) where column[i] != column[i - 1] { distinct += 1 }
            guard column.count > 0, distinct >= minimumDistinct else {
                knots.append([])
                continue
            }
            var chosen: [Float] = []
            for q in quantiles {
                let value = column[min(column.count - 1, Int(q * Double(column.count - 1)))]
                // A knot at the minimum or maximum adds nothing (the hinge is linear or zero there).
                if value > column.first!, value < column.last!, !chosen.contains(value) { chosen.append(value) }
            }
            knots.append(chosen)
        }
        return SplineBasis(knots: knots)
    }

    /// Columns of an expanded row.
    package var dimension: Int { knots.count + knots.reduce(0) { $0 + $1.count } }

    /// The features followed by each feature's hinge terms.
    package func expand(_ row: [Float]) -> [Float] {
        var out = row
        out.reserveCapacity(dimension)
        for (j, featureKnots) in knots.enumerated() {
            for knot in featureKnots { out.append(max(0, row[j] - knot)) }
        }
        return out
    }

    /// Every row expanded.
    package func expand(_ features: Matrix) throws -> Matrix {
        let d = dimension
        var values = [Float](repeating: 0, count: features.rows * d)
        for i in 0..<features.rows {
            let row = Array(features.values[(i * features.columns)..<((i + 1) * features.columns)])
            let wide = expand(row)
            for j in 0..<d { values[i * d + j] = wide[j] }
        }
        return try Matrix(rows: features.rows, columns: d, values: values)
    }
}
