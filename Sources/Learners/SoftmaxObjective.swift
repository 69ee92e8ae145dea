import SystemSupport
@_spi(Components) import TextFeatures

/// The batch objective of multinomial logistic regression, `C · Σᵢ sᵢ · CE(xᵢ, yᵢ) + ½‖W‖²` (biases
/// unpenalised), and its gradient, over training examples packed once into a CSR matrix.
///
/// Parameters are laid out as `(dimension + 1) × stride` floats, feature-major: row `j` holds the
/// weights of feature `j` for every class and row `dimension` the biases. `stride` is the class
/// count rounded up to a multiple of 4 so every row is whole SIMD4 lanes; the padding lanes get a
/// zero gradient, so they stay zero from a zero start. Each sparse entry then costs `stride / 4`
/// vector multiply-adds forward and as many backward, with no per-class loop overhead: this is
/// what makes one evaluation cost about as much as reading the features twice.
struct SoftmaxObjective {
    let dimension: Int
    let classCount: Int
    let stride: Int
    private(set) var rowStart: [Int] = [0]
    private(set) var columns: [Int32] = []
    private(set) var values: [Float] = []
    private(set) var targets: [Int32] = []
    /// Per-example weight before `C` and class weights (``LabeledExample/weight``).
    private(set) var exampleWeights: [Float] = []

    var exampleCount: Int { targets.count }
    var parameterCount: Int { (dimension + 1) * stride }

    /// Row of each feature in the parameter layout (see ``frequencyOrder(of:dimension:)``).
    let position: [Int32]

    /// Packs `examples` (`targets[i]` is the class index of example `i`, `< classCount`); feature `j`
    /// gets parameter row `position[j]`.
    init<S: Sequence>(examples: S, targets: [Int], dimension: Int, classCount: Int, position: [Int32])
    where S.Element == LabeledExample {
        precondition(position.count == dimension)
        self.dimension = dimension
        self.classCount = classCount
        self.stride = (classCount + 3) / 4 * 4
        self.position = position
        for (example, target) in zip(examples, targets) {
            for index in example.features.indices { columns.append(position[Int(index)]) }
            values.append(contentsOf: example.features.values)
            rowStart.append(columns.count)
            self.targets.append(Int32(target))
            exampleWeights.append(example.weight)
        }
    }

    /// Multiplies every value of feature `j` by `factors[j]` (see ``NaiveBayesScaling``).
    mutating func scaleFeatures(by factors: [Float]) {
        precondition(factors.count == dimension)
        var byRow = [Float](repeating: 1, count: dimension)
        for j in 0..<dimension { byRow[Int(position[j])] = factors[j] }
        for p in values.indices { values[p] *= byRow[Int(columns[p])] }
    }

    /// Parameter rows ordered by how many examples use each feature, most used first (ties by
    /// index): the rows every document reads then share a few cache lines instead of being spread
    /// over the whole table, which roughly halves the cost of an evaluation on large vocabularies.
    static func frequencyOrder<S: Sequence>(of examples: S, dimension: Int) -> [Int32]
    where S.Element == LabeledExample {
        var count = [Int32](repeating: 0, count: dimension)
        for example in examples {
            for index in example.features.indices { count[Int(index)] += 1 }
        }
        let order = (0..<dimension).sorted { count[$0] != count[$1] ? count[$0] > count[$1] : $0 < $1 }
        var position = [Int32](repeating: 0, count: dimension)
        for (row, feature) in order.enumerated() { position[feature] = Int32(row) }
        return position
    }

    /// Weights in a model's layout (`[j · classCount + c]`, feature order) and biases from a solution.
    func unpack(_ theta: [Float]) -> (weights: [Float], bias: [Float]) {
        let k = classCount
        var weights = [Float](repeating: 0, count: dimension * k)
        theta.withUnsafeBufferPointer { x in
            weights.withUnsafeMutableBufferPointer { w in
                for j in 0..<dimension {
                    let row = Int(position[j]) * stride
                    for c in 0..<k { w[j * k + c] = x[row + c] }
                }
            }
        }
        return (weights, Array(theta[(dimension * stride)..<(dimension * stride + k)]))
    }

    /// Sum of `weight · classWeight` over the examples: the scale that turns the objective into
    /// scikit-learn's per-example mean, for tolerances that do not depend on the data size.
    func totalWeight(classWeights: [Float]) -> Double {
        zip(exampleWeights, targets).reduce(0) { $0 + Double($1.0 * classWeights[Int($1.1)]) }
    }

    /// Writes the gradient at `theta` into `gradient` and returns the objective value.
    func evaluate(
        _ theta: UnsafeBufferPointer<Float>, gradient: UnsafeMutableBufferPointer<Float>,
        inverseRegularization c: Float, classWeights: [Float]
    ) -> Double {
        precondition(
            theta.count == parameterCount && gradient.count == parameterCount && classWeights.count == classCount)
        let k = classCount, s = stride, lanes = stride / 4
        let w = UnsafeRawPointer(theta.baseAddress!)
        let g = UnsafeMutableRawPointer(gradient.baseAddress!)
        gradient.update(repeating: 0)
        let rowBytes = s * MemoryLayout<Float>.stride
        let biasOffset = dimension * rowBytes
        var loss = 0.0
        let scores = UnsafeMutableBufferPointer<Float>.allocate(capacity: s)
        defer { scores.deallocate() }
        let out = UnsafeMutableRawPointer(scores.baseAddress!)
        rowStart.withUnsafeBufferPointer { starts in
            columns.withUnsafeBufferPointer { cols in
                values.withUnsafeBufferPointer { vals in
                    for i in 0..<targets.count {
                        let lo = starts[i], hi = starts[i + 1]
                        // Forward: scores = b + Σ x_j W_j.
                        for lane in 0..<lanes {
                            out.storeBytes(
                                of: w.loadUnaligned(fromByteOffset: biasOffset + lane * 16, as: SIMD4<Float>.self),
                                toByteOffset: lane * 16, as: SIMD4<Float>.self)
                        }
                        // Sixteen classes at a time, their sums in registers over the whole document.
                        for block in Swift.stride(from: 0, to: lanes, by: 4) {
                            Self.accumulateInRegisters(
                                lanes: min(4, lanes - block), into: out + block * 16, rows: w + block * 16,
                                rowBytes: rowBytes, columns: cols, values: vals, range: lo..<hi)
                        }
                        // Softmax residual: scale · (p − onehot), padding lanes 0.
                        var maximum = scores[0]
                        for c in 1..<k where scores[c] > maximum { maximum = scores[c] }
                        let target = Int(targets[i])
                        let targetLogit = scores[target] - maximum
                        var total: Float = 0
                        for c in 0..<k {
                            scores[c] = expf(scores[c] - maximum)
                            total += scores[c]
                        }
                        let scale = c * exampleWeights[i] * classWeights[target]
                        loss += Double(scale) * Double(logf(total) - targetLogit)
                        let inverse = scale / total
                        for c in 0..<k { scores[c] *= inverse }
                        scores[target] -= scale
                        for c in k..<s { scores[c] = 0 }
                        // Backward: ∇W_j += x_j · residual, ∇b += residual.
                        for block in Swift.stride(from: 0, to: lanes, by: 4) {
                            Self.scatterFromRegisters(
                                lanes: min(4, lanes - block), residual: out + block * 16, rows: g + block * 16,
                                rowBytes: rowBytes, columns: cols, values: vals, range: lo..<hi)
                        }
                        for lane in 0..<lanes {
                            let sum =
                                g.loadUnaligned(fromByteOffset: biasOffset + lane * 16, as: SIMD4<Float>.self)
                                + out.loadUnaligned(fromByteOffset: lane * 16, as: SIMD4<Float>.self)
                            g.storeBytes(of: sum, toByteOffset: biasOffset + lane * 16, as: SIMD4<Float>.self)
                        }
                    }
                }
            }
        }
        // ½‖W‖², biases excluded.
        var penalty = SIMD4<Float>()
        var penaltyTotal = 0.0
        for block in 0..<dimension {
            let offset = block * rowBytes
            var blockSum = SIMD4<Float>()
            for lane in 0..<lanes {
                let weights = w.loadUnaligned(fromByteOffset: offset + lane * 16, as: SIMD4<Float>.self)
                blockSum += weights * weights
                let sum = g.loadUnaligned(fromByteOffset: offset + lane * 16, as: SIMD4<Float>.self) + weights
                g.storeBytes(of: sum, toByteOffset: offset + lane * 16, as: SIMD4<Float>.self)
            }
            penalty += blockSum
            // Flush to Double now and then so millions of features do not lose float precision.
            if block & 1023 == 1023 {
                penaltyTotal += Double(penalty.sum())
                penalty = SIMD4<Float>()
            }
        }
        penaltyTotal += Double(penalty.sum())
        return loss + 0.5 * penaltyTotal
    }

    /// `out += Σ_p values[p] · rows[columns[p]]` for up to 16 classes, the sums kept in registers
    /// for the whole document (the per-lane branches go the same way every time).
    @inline(__always)
    private static func accumulateInRegisters(
        lanes: Int, into out: UnsafeMutableRawPointer, rows: UnsafeRawPointer, rowBytes: Int,
        columns: UnsafeBufferPointer<Int32>, values: UnsafeBufferPointer<Float>, range: Range<Int>
    ) {
        var a0 = out.loadUnaligned(as: SIMD4<Float>.self)
        var a1 = lanes > 1 ? out.loadUnaligned(fromByteOffset: 16, as: SIMD4<Float>.self) : SIMD4()
        var a2 = lanes > 2 ? out.loadUnaligned(fromByteOffset: 32, as: SIMD4<Float>.self) : SIMD4()
        var a3 = lanes > 3 ? out.loadUnaligned(fromByteOffset: 48, as: SIMD4<Float>.self) : SIMD4()
        for p in range {
            let row = rows + Int(columns[p]) * rowBytes
            let v = SIMD4(repeating: values[p])
            a0 += v * row.loadUnaligned(as: SIMD4<Float>.self)
            if lanes > 1 { a1 += v * row.loadUnaligned(fromByteOffset: 16, as: SIMD4<Float>.self) }
            if lanes > 2 { a2 += v * row.loadUnaligned(fromByteOffset: 32, as: SIMD4<Float>.self) }
            if lanes > 3 { a3 += v * row.loadUnaligned(fromByteOffset: 48, as: SIMD4<Float>.self) }
        }
        out.storeBytes(of: a0, as: SIMD4<Float>.self)
        if lanes > 1 { out.storeBytes(of: a1, toByteOffset: 16, as: SIMD4<Float>.self) }
        if lanes > 2 { out.storeBytes(of: a2, toByteOffset: 32, as: SIMD4<Float>.self) }
        if lanes > 3 { out.storeBytes(of: a3, toByteOffset: 48, as: SIMD4<Float>.self) }
    }

    /// `rows[columns[p]] += values[p] · residual` for up to 16 classes, the residual in registers.
    @inline(__always)
    private static func scatterFromRegisters(
        lanes: Int, residual: UnsafeRawPointer, rows: UnsafeMutableRawPointer, rowBytes: Int,
        columns: UnsafeBufferPointer<Int32>, values: UnsafeBufferPointer<Float>, range: Range<Int>
    ) {
        let r0 = residual.loadUnaligned(as: SIMD4<Float>.self)
        let r1 = lanes > 1 ? residual.loadUnaligned(fromByteOffset: 16, as: SIMD4<Float>.self) : SIMD4()
        let r2 = lanes > 2 ? residual.loadUnaligned(fromByteOffset: 32, as: SIMD4<Float>.self) : SIMD4()
        let r3 = lanes > 3 ? residual.loadUnaligned(fromByteOffset: 48, as: SIMD4<Float>.self) : SIMD4()
        for p in range {
            let row = rows + Int(columns[p]) * rowBytes
            let v = SIMD4(repeating: values[p])
            row.storeBytes(of: row.loadUnaligned(as: SIMD4<Float>.self) + v * r0, as: SIMD4<Float>.self)
            if lanes > 1 {
                row.storeBytes(
                    of: row.loadUnaligned(fromByteOffset: 16, as: SIMD4<Float>.self) + v * r1, toByteOffset: 16,
                    as: SIMD4<Float>.self)
            }
            if lanes > 2 {
                row.storeBytes(
                    of: row.loadUnaligned(fromByteOffset: 32, as: SIMD4<Float>.self) + v * r2, toByteOffset: 32,
                    as: SIMD4<Float>.self)
            }
            if lanes > 3 {
                row.storeBytes(
                    of: row.loadUnaligned(fromByteOffset: 48, as: SIMD4<Float>.self) + v * r3, toByteOffset: 48,
                    as: SIMD4<Float>.self)
            }
        }
    }

    /// Raw class scores of example `i` under `theta` (first `classCount` entries of `scores`).
    func scores(of i: Int, theta: UnsafeBufferPointer<Float>, into scores: inout [Float]) {
        if scores.count != classCount { scores = [Float](repeating: 0, count: classCount) }
        for c in 0..<classCount { scores[c] = theta[dimension * stride + c] }
        for p in rowStart[i]..<rowStart[i + 1] {
            let row = Int(columns[p]) * stride
            let v = values[p]
            for c in 0..<classCount { scores[c] += v * theta[row + c] }
        }
    }

    /// Class index of example `i`.
    func target(of i: Int) -> Int { Int(targets[i]) }
}
