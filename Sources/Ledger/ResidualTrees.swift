@_spi(Components) import LinearAlgebra

/// A short sum of small regression trees, boosted stagewise on the residuals of a linear head under
/// absolute loss: each stage fits a complete tree of ``depth`` to the signs of the residuals (least
/// squares, splits at binned quantiles of each input) and moves each leaf by the learning rate times
/// the weighted median residual of its rows. The piecewise-constant terms let the days-late head of
/// ``PayerRiskModel`` bend where no hinge or interaction of the linear part reaches (a long-terms
/// invoice of a payer who is usually early), while the linear part still extrapolates.
///
/// Deterministic: no sampling, splits searched in a fixed order (the first of equal gains wins) and
/// sums in Double in row order, so the same rows give the same trees bit for bit.
///
/// ```swift
/// let trees = ResidualTrees.fit(inputs: x, residuals: y - linear, settings: .init(stages: 50, depth: 3))
/// let correction = trees.value(row)   // add to the linear prediction
/// ```
package struct ResidualTrees: Sendable, Equatable {
    /// Fitting settings.
    package struct Settings: Sendable, Equatable {
        /// Trees (0: none).
        package var stages: Int
        /// Levels of splits per tree.
        package var depth: Int
        /// Share of each tree's leaf medians added (shrinkage).
        package var learningRate: Float
        /// Least (unweighted) rows on each side of a split: a median of a few residuals is noise (20 and
        /// 50 fitted the validation splits of the training files worse than 100 did).
        package var minimumLeaf: Int = 100
        /// Most candidate thresholds per input (at its quantiles).
        package var bins: Int = 32

        package init(stages: Int, depth: Int, learningRate: Float = 0.1) {
            self.stages = stages
            self.depth = depth
            self.learningRate = learningRate
        }
    }

    /// Levels of splits of every tree: a tree has 2^depth − 1 splits and 2^depth leaves.
    package let depth: Int
    /// Per tree, per split in heap order (children of k are 2k+1, 2k+2): the input column, and the
    /// threshold (a row whose input is ≤ it goes left; `Float.greatestFiniteMagnitude`: all go left).
    package let splitColumns: [Int]
    package let thresholds: [Float]
    /// Per tree, per leaf: the amount added to the prediction.
    package let leaves: [Float]

    /// No trees: adds nothing.
    package static let none = ResidualTrees(depth: 0, splitColumns: [], thresholds: [], leaves: [])

    /// Trees from their parts; nil when the sizes do not fit together (a tree count times 2^depth − 1
    /// splits and 2^depth leaves) or a split names a column outside `0..<inputs`.
    package init?(depth: Int, splitColumns: [Int], thresholds: [Float], leaves: [Float], inputs: Int) {
        guard (0...Self.maximumDepth).contains(depth) else { return nil }
        let trees = leaves.count >> depth
        guard leaves.count == trees << depth, splitColumns.count == trees * ((1 << depth) - 1),
            thresholds.count == splitColumns.count, splitColumns.allSatisfy({ (0..<inputs).contains($0) })
        else { return nil }
        self.init(depth: depth, splitColumns: splitColumns, thresholds: thresholds, leaves: leaves)
    }

    private init(depth: Int, splitColumns: [Int], thresholds: [Float], leaves: [Float]) {
        self.depth = depth
        self.splitColumns = splitColumns
        self.thresholds = thresholds
        self.leaves = leaves
    }

    /// Deepest tree accepted (2^8 leaves is already far more than a few thousand rows can fill).
    package static let maximumDepth = 8

    /// Number of trees.
    package var count: Int { leaves.count >> depth }

    /// The sum of every tree's leaf for one row of inputs.
    package func value(_ inputs: [Float]) -> Float { value(inputs[...], last: nil) }

    /// The same for the inputs `row` followed by `last` (when given), without building that row: the
    /// batch prediction reads the features in place.
    package func value(_ row: ArraySlice<Float>, last: Float?) -> Float {
        let splits = (1 << depth) - 1
        var sum: Float = 0
        for tree in 0..<count {
            var node = 0
            for _ in 0..<depth {
                let k = tree * splits + node
                let column = splitColumns[k]
                let input = column < row.count ? row[row.startIndex + column] : last!
                node = 2 * node + (input <= thresholds[k] ? 1 : 2)
            }
            sum += leaves[tree << depth + node - splits]
        }
        return sum
    }

    // MARK: - Fitting

    /// Boosts `settings.stages` trees on `residuals` (target minus the linear prediction, per row of
    /// `inputs`), each row weighted by `sampleWeights` (all 1 when nil).
    package static func fit(
        inputs: Matrix, residuals: [Float], sampleWeights: [Float]? = nil, settings: Settings
    ) -> ResidualTrees {
        let n = inputs.rows, f = inputs.columns
        precondition(residuals.count == n && (sampleWeights?.count ?? n) == n, "one residual and weight per row")
        precondition((0...maximumDepth).contains(settings.depth), "depth within 0…\(maximumDepth)")
        guard settings.stages > 0, n > 0 else { return .none }
        let weights = (sampleWeights ?? [Float](repeating: 1, count: n)).map(Double.init)
        let cuts = (0..<f).map { j in candidateThresholds((0..<n).map { inputs[$0, j] }, bins: settings.bins) }
        // Bin b of an input: it is ≤ cuts[b] and > cuts[b − 1] (the last bin: above every cut).
        var bins = [UInt8](repeating: 0, count: n * f)
        for i in 0..<n {
            for j in 0..<f { bins[i * f + j] = UInt8(binIndex(inputs[i, j], cuts[j])) }
        }
        let depth = settings.depth, splits = (1 << depth) - 1
        var splitColumns: [Int] = [], thresholds: [Float] = [], leaves: [Float] = []
        var remaining = residuals.map(Double.init)
        var node = [Int](repeating: 0, count: n)
        for _ in 0..<settings.stages {
            for i in 0..<n { node[i] = 0 }
            for level in 0..<depth {
                let first = (1 << level) - 1, width = 1 << level
                let chosen = bestSplits(
                    bins: bins, columns: f, cuts: cuts, node: node, first: first, width: width,
                    gradient: { i in remaining[i] > 0 ? weights[i] : (remaining[i] < 0 ? -weights[i] : 0) },
                    weights: weights, minimumLeaf: settings.minimumLeaf)
                for (column, bin) in chosen {
                    splitColumns.append(column)
                    thresholds.append(bin.map { cuts[column][$0] } ?? Float.greatestFiniteMagnitude)
                }
                for i in 0..<n {
                    let (column, bin) = chosen[node[i] - first]
                    let left = bin.map { Int(bins[i * f + column]) <= $0 } ?? true
                    node[i] = 2 * node[i] + (left ? 1 : 2)
                }
            }
            // Each leaf moves by the weighted median of its rows' residuals (the absolute-loss optimum).
            var members = [[Int]](repeating: [], count: 1 << depth)
            for i in 0..<n { members[node[i] - splits].append(i) }
            for rows in members {
                let step = rows.isEmpty ? 0 : Double(settings.learningRate) * weightedMedian(rows, remaining, weights)
                leaves.append(Float(step))
            }
            let added = leaves.suffix(1 << depth)
            for i in 0..<n { remaining[i] -= Double(added[added.startIndex + node[i] - splits]) }
        }
        return ResidualTrees(depth: depth, splitColumns: splitColumns, thresholds: thresholds, leaves: leaves)
    }

    /// For each of the `width` nodes starting at heap index `first`: the column and the last bin that
    /// goes left of the split that most lowers the weighted squared error of the gradient (nil bin: no
    /// split leaves `minimumLeaf` rows on both sides, every row goes left).
    static func bestSplits(
        bins: [UInt8], columns f: Int, cuts: [[Float]], node: [Int], first: Int, width: Int,
        gradient: (Int) -> Double, weights: [Double], minimumLeaf: Int
    ) -> [(column: Int, bin: Int?)] {
        let stride = 1 + cuts.map(\.count).max()!
        // Per node, column and bin: Σ w·g, Σ w and the row count.
        var sums = [Double](repeating: 0, count: width * f * stride)
        var masses = [Double](repeating: 0, count: width * f * stride)
        var counts = [Int](repeating: 0, count: width * f * stride)
        for i in node.indices {
            let g = gradient(i), w = weights[i]
            let base = (node[i] - first) * f * stride
            for j in 0..<f {
                let k = base + j * stride + Int(bins[i * f + j])
                sums[k] += g
                masses[k] += w
                counts[k] += 1
            }
        }
        var chosen: [(column: Int, bin: Int?)] = []
        for local in 0..<width {
            var best: (column: Int, bin: Int?) = (0, nil)
            var bestGain = 1e-9
            for j in 0..<f {
                let base = (local * f + j) * stride
                var totalSum = 0.0, totalMass = 0.0, totalCount = 0
                for b in 0...cuts[j].count {
                    totalSum += sums[base + b]
                    totalMass += masses[base + b]
                    totalCount += counts[base + b]
                }
                guard totalMass > 0 else { continue }
                var leftSum = 0.0, leftMass = 0.0, leftCount = 0
                for b in 0..<cuts[j].count {
                    leftSum += sums[base + b]
                    leftMass += masses[base + b]
                    leftCount += counts[base + b]
                    let rightMass = totalMass - leftMass
                    guard leftCount >= minimumLeaf, totalCount - leftCount >= minimumLeaf, leftMass > 0, rightMass > 0
                    else { continue }
                    let rightSum = totalSum - leftSum
                    let gain =
                        leftSum * leftSum / leftMass + rightSum * rightSum / rightMass - totalSum * totalSum / totalMass
                    if gain > bestGain {
                        bestGain = gain
                        best = (j, b)
                    }
                }
            }
            chosen.append(best)
        }
        return chosen
    }

    /// Distinct values at the `bins` quantiles of a column, below its maximum (a cut there splits nothing off).
    static func candidateThresholds(_ column: [Float], bins: Int) -> [Float] {
        let sorted = column.sorted()
        guard let last = sorted.last else { return [] }
        var cuts: [Float] = []
        for k in 1..<max(bins, 2) {
            let value = sorted[k * (sorted.count - 1) / bins]
            if value < last, value != cuts.last { cuts.append(value) }
        }
        return cuts
    }

    /// The bin of `value`: the first cut it does not exceed (cuts.count when above them all).
    static func binIndex(_ value: Float, _ cuts: [Float]) -> Int {
        var low = 0, high = cuts.count
        while low < high {
            let middle = (low + high) / 2
            if value <= cuts[middle] { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// The weighted median of `values` over `rows`: the smallest value with at least half the weight at or below it.
    static func weightedMedian(_ rows: [Int], _ values: [Double], _ weights: [Double]) -> Double {
        let order = rows.sorted { (values[$0], $0) < (values[$1], $1) }
        let half = rows.reduce(0.0) { $0 + weights[$1] } / 2
        var cumulative = 0.0
        for i in order {
            cumulative += weights[i]
            if cumulative >= half { return values[i] }
        }
        return values[order.last!]
    }
}
