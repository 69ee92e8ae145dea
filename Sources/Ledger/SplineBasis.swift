@_spi(Components) import LinearAlgebra

/// A piecewise expansion of features: each feature with enough distinct values gains hinge terms
/// `max(0, x − knot)` at its training quartiles, so the linear heads of ``PayerRiskModel`` can bend
/// (short terms matter more than long ones, a first late payment more than the tenth), and chosen
/// features gain indicators `x == level` of their frequent training values (``levels``), so a head
/// can tell 28-day terms from 30-day ones, whose late rates need not be in order of length. Convex,
/// deterministic and BLAS-friendly.
///
/// ```swift
/// let basis = SplineBasis.fit(features, levelled: [1])   // knots and levels from the training rows
/// let wide = try basis.expand(features)                   // N × basis.dimension: features, hinges, indicators
/// ```
package struct SplineBasis: Sendable, Equatable {
    /// Knots per input feature (empty: the feature enters linearly only).
    package private(set) var knots: [[Float]]
    /// Frequent values per input feature, each given an indicator column (empty: none).
    package private(set) var levels: [[Float]]

    /// No hinges: the identity on `features` columns.
    package static func identity(_ features: Int) -> SplineBasis {
        SplineBasis(knots: Array(repeating: [], count: features))
    }

    /// A basis from its knots and levels (no levels when `levels` is nil).
    package init(knots: [[Float]], levels: [[Float]]? = nil) {
        self.knots = knots
        self.levels = levels ?? Array(repeating: [], count: knots.count)
    }

    /// Knots at the distinct quartiles of every feature with at least `minimumDistinct` distinct values
    /// (none when `hinges` is false), and, for the `levelled` feature columns, ``frequentValues(_:)``.
    package static func fit(
        _ features: Matrix, hinges: Bool = true, levelled: [Int] = [], quantiles: [Double] = [0.25, 0.5, 0.75],
        minimumDistinct: Int = 6
    ) -> SplineBasis {
        var knots: [[Float]] = [], levels: [[Float]] = []
        for j in 0..<features.columns {
            let column = (0..<features.rows).map { features[$0, j] }.sorted()
            levels.append(levelled.contains(j) ? frequentValues(column) : [])
            var distinct = 1
            for i in 1..<max(column.count, 1) where column[i] != column[i - 1] { distinct += 1 }
            guard hinges, column.count > 0, distinct >= minimumDistinct else {
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
        return SplineBasis(knots: knots, levels: levels)
    }

    /// Least share of the training rows a value needs to get an indicator, and the most indicators per feature.
    static let levelShare = 0.02
    static let maximumLevels = 8

    /// The values of a sorted column held by at least ``levelShare`` of its rows, most frequent first (ties
    /// by value), at most ``maximumLevels``; none for a constant column (its indicator would be constant too).
    static func frequentValues(_ sorted: [Float]) -> [Float] {
        var runs: [(value: Float, count: Int)] = []
        for value in sorted {
            if let last = runs.last, last.value == value {
                runs[runs.count - 1].count += 1
            } else {
                runs.append((value, 1))
            }
        }
        guard runs.count > 1 else { return [] }
        let least = Int((levelShare * Double(sorted.count)).rounded(.up))
        return runs.filter { $0.count >= least }.sorted { ($0.count, -$0.value) > ($1.count, -$1.value) }
            .prefix(maximumLevels).map(\.value)
    }

    /// Indicator columns in all.
    package var levelCount: Int { levels.reduce(0) { $0 + $1.count } }

    /// Columns of an expanded row.
    package var dimension: Int { knots.count + knots.reduce(0) { $0 + $1.count } + levelCount }

    /// The columns of an expanded row that hold the indicators (the last ``levelCount``).
    package var levelColumns: Range<Int> { (dimension - levelCount)..<dimension }

    /// The features followed by each feature's hinge terms, then each feature's indicators.
    package func expand(_ row: [Float]) -> [Float] {
        var out = row
        out.reserveCapacity(dimension)
        for (j, featureKnots) in knots.enumerated() {
            for knot in featureKnots { out.append(max(0, row[j] - knot)) }
        }
        for (j, featureLevels) in levels.enumerated() {
            for level in featureLevels { out.append(row[j] == level ? 1 : 0) }
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
