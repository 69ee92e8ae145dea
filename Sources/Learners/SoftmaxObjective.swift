import CSparseKernels
import Dispatch
import Synchronization
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
    /// The same non-zeros by parameter row (CSC): row `r`'s examples, increasing, are
    /// `featureExamples[featureStart[r]..<featureStart[r + 1]]`, with their values in `featureValues`.
    private(set) var featureStart: [Int] = []
    private(set) var featureExamples: [Int32] = []
    private(set) var featureValues: [Float] = []

    var exampleCount: Int { targets.count }
    /// Threads an evaluation's passes are split over (the result's bits do not depend on it).
    var threads = 1
    var parameterCount: Int { (dimension + 1) * stride }

    /// Row of each feature in the parameter layout (see ``frequencyOrder(of:dimension:)``).
    let position: [Int32]

    /// Packs `examples` (`targets[i]` is the class index of example `i`, `< classCount`); feature `j`
    /// gets parameter row `position[j]`.
    init<C: Collection>(examples: C, targets: [Int], dimension: Int, classCount: Int, position: [Int32])
    where C.Element == LabeledExample {
        precondition(position.count == dimension && targets.count == examples.count)
        self.dimension = dimension
        self.classCount = classCount
        self.stride = (classCount + 3) / 4 * 4
        self.position = position
        // Sized once and filled through pointers: appending entry by entry cost as much as the transpose.
        let rows = examples.count
        let nonZeros = examples.reduce(0) { $0 + $1.features.count }
        var starts = [Int](repeating: 0, count: rows + 1)
        // Every entry is written below: no zero-filling pass first.
        var packedColumns = [Int32](unsafeUninitializedCapacity: nonZeros) { $1 = nonZeros }
        var packedValues = [Float](unsafeUninitializedCapacity: nonZeros) { $1 = nonZeros }
        var weights = [Float](repeating: 0, count: rows)
        position.withUnsafeBufferPointer { position in
            packedColumns.withUnsafeMutableBufferPointer { columns in
                packedValues.withUnsafeMutableBufferPointer { values in
                    var p = 0
                    for (row, example) in examples.enumerated() {
                        example.features.indices.withUnsafeBufferPointer { indices in
                            for q in indices.indices { columns[p + q] = position[Int(indices[q])] }
                        }
                        example.features.values.withUnsafeBufferPointer { v in
                            _ = UnsafeMutableBufferPointer(rebasing: values[p..<(p + v.count)]).update(
                                fromContentsOf: v)
                        }
                        p += example.features.count
                        starts[row + 1] = p
                        weights[row] = example.weight
                    }
                }
            }
        }
        columns = packedColumns
        values = packedValues
        exampleWeights = weights
        self.targets = targets.map { Int32($0) }
        rowStart = starts
        (featureStart, featureExamples, featureValues) = Self.transpose(
            rowStart: rowStart, columns: columns, values: values, rows: dimension)
    }

    /// The examples `rows` (increasing indices) of `all`: the same arrays, bit for bit, as packing
    /// those ``LabeledExample``s, but filtered from `all`'s arrays, which reads them in order, where
    /// packing and transposing again scatters (the settings search fits a part of the problem it
    /// then refits in full).
    init(rows: [Int], of all: SoftmaxObjective) {
        dimension = all.dimension
        classCount = all.classCount
        stride = all.stride
        position = all.position
        threads = all.threads
        targets = rows.map { all.targets[$0] }
        exampleWeights = rows.map { all.exampleWeights[$0] }
        // Index of each of `all`'s examples in the part, or −1.
        var newIndex = [Int32](repeating: -1, count: all.exampleCount)
        for (n, i) in rows.enumerated() {
            precondition(n == 0 || i > rows[n - 1], "rows must be increasing")
            newIndex[i] = Int32(n)
        }
        var starts = [Int](repeating: 0, count: rows.count + 1)
        for (n, i) in rows.enumerated() { starts[n + 1] = starts[n] + all.rowStart[i + 1] - all.rowStart[i] }
        columns = Self.gather(all.columns, rows: rows, rowStart: all.rowStart, starts: starts)
        values = Self.gather(all.values, rows: rows, rowStart: all.rowStart, starts: starts)
        rowStart = starts
        (featureStart, featureExamples, featureValues) = Self.filter(
            start: all.featureStart, examples: all.featureExamples, values: all.featureValues, keeping: newIndex,
            count: starts[rows.count])
    }

    /// The CSR entries of `rows` (at `rowStart`) of `source`, one row after another (at `starts`).
    private static func gather<T>(_ source: [T], rows: [Int], rowStart: [Int], starts: [Int]) -> [T] {
        let count = starts[starts.count - 1]
        return [T](unsafeUninitializedCapacity: count) { packed, initialized in
            source.withUnsafeBufferPointer { source in
                for (n, i) in rows.enumerated() where starts[n + 1] > starts[n] {
                    (packed.baseAddress! + starts[n]).initialize(
                        from: source.baseAddress! + rowStart[i], count: starts[n + 1] - starts[n])
                }
            }
            initialized = count
        }
    }

    /// A CSC matrix without the examples whose `newIndex` is −1 (`count` entries remain), the others
    /// renumbered to it (still increasing within each row, since `newIndex` increases).
    private static func filter(
        start: [Int], examples: [Int32], values: [Float], keeping newIndex: [Int32], count: Int
    ) -> (start: [Int], examples: [Int32], values: [Float]) {
        var kept = [Int](repeating: 0, count: start.count)
        // One spare entry: an entry not kept is written at `p` before being dropped.
        var keptValues = [Float](unsafeUninitializedCapacity: count + 1) { _, initialized in initialized = count + 1 }
        var keptExamples = [Int32](unsafeUninitializedCapacity: count + 1) { keptExamples, initialized in
            newIndex.withUnsafeBufferPointer { newIndex in
                examples.withUnsafeBufferPointer { examples in
                    values.withUnsafeBufferPointer { values in
                        keptValues.withUnsafeMutableBufferPointer { keptValues in
                            var p = 0
                            for r in 0..<(start.count - 1) {
                                for q in start[r]..<start[r + 1] {
                                    let n = newIndex[Int(examples[q])]
                                    keptExamples[p] = n
                                    keptValues[p] = values[q]
                                    // Overwritten by the next entry unless kept (branch-free).
                                    p += n >= 0 ? 1 : 0
                                }
                                kept[r + 1] = p
                            }
                            precondition(p == count)
                        }
                    }
                }
            }
            initialized = count + 1
        }
        keptExamples.removeLast()
        keptValues.removeLast()
        return (kept, keptExamples, keptValues)
    }

    /// The CSC form of a CSR matrix with `rows` parameter rows; examples stay in increasing order.
    private static func transpose(rowStart: [Int], columns: [Int32], values: [Float], rows: Int)
        -> (start: [Int], examples: [Int32], values: [Float])
    {
        var start = [Int](repeating: 0, count: rows + 1)
        // Every entry is written below: no zero-filling pass first.
        var examples = [Int32](unsafeUninitializedCapacity: columns.count) { $1 = columns.count }
        var transposed = [Float](unsafeUninitializedCapacity: columns.count) { $1 = columns.count }
        columns.withUnsafeBufferPointer { columns in
            start.withUnsafeMutableBufferPointer { start in
                for column in columns { start[Int(column) + 1] += 1 }
                for r in 0..<rows { start[r + 1] += start[r] }
            }
            var next = start
            next.withUnsafeMutableBufferPointer { next in
                rowStart.withUnsafeBufferPointer { rowStart in
                    values.withUnsafeBufferPointer { values in
                        examples.withUnsafeMutableBufferPointer { examples in
                            transposed.withUnsafeMutableBufferPointer { transposed in
                                for i in 0..<(rowStart.count - 1) {
                                    for p in rowStart[i]..<rowStart[i + 1] {
                                        let r = Int(columns[p])
                                        examples[next[r]] = Int32(i)
                                        transposed[next[r]] = values[p]
                                        next[r] += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (start, examples, transposed)
    }

    /// Multiplies every value of feature `j` by `factors[j]` (see ``NaiveBayesScaling``).
    mutating func scaleFeatures(by factors: [Float]) {
        precondition(factors.count == dimension)
        var byRow = [Float](repeating: 1, count: dimension)
        for j in 0..<dimension { byRow[Int(position[j])] = factors[j] }
        for p in values.indices { values[p] *= byRow[Int(columns[p])] }
        for r in 0..<dimension {
            for q in featureStart[r]..<featureStart[r + 1] { featureValues[q] *= byRow[r] }
        }
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

    /// Writes the gradient at `theta` into `gradient` and returns the objective value (allocates
    /// the scratch memory; the solver passes memory it reuses).
    func evaluate(
        _ theta: UnsafeBufferPointer<Float>, gradient: UnsafeMutableBufferPointer<Float>,
        inverseRegularization c: Float, classWeights: [Float]
    ) -> Double {
        let scratch = allocateScratch()
        defer { Self.deallocate(scratch) }
        return evaluate(
            theta, gradient: gradient, inverseRegularization: c, classWeights: classWeights, scratch: scratch)
    }

    /// Floats of the residual rows in the scratch memory (whole cache lines).
    private var residualFloats: Int { (exampleCount * stride + 15) / 16 * 16 }
    /// Floats of the per-example loss terms (doubles) in the scratch memory, after the residuals.
    private var lossFloats: Int { (2 * exampleCount + 15) / 16 * 16 }

    /// Scratch memory for ``evaluate(_:gradient:inverseRegularization:classWeights:scratch:unpadded:)``:
    /// one residual row and one loss term per example, and room for a copy of the parameters,
    /// 64-byte aligned, so that a row of 16 classes is one cache line, not two (the copy is made
    /// only for parameters that are not so aligned; L-BFGS's are). Free it with ``deallocate(_:)``.
    func allocateScratch() -> UnsafeMutableBufferPointer<Float> {
        let count = residualFloats + lossFloats + parameterCount
        let raw = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Float>.stride, alignment: 64)
        return UnsafeMutableBufferPointer(start: raw.bindMemory(to: Float.self, capacity: count), count: count)
    }

    /// Frees memory from ``allocateScratch()``.
    static func deallocate(_ scratch: UnsafeMutableBufferPointer<Float>) {
        UnsafeMutableRawPointer(scratch.baseAddress!).deallocate()
    }

    /// Writes the gradient at `parameters` into `gradient` and returns the objective value.
    ///
    /// Two passes over the non-zeros: forward by example (CSR), where each example's class scores
    /// become its softmax residual, kept in `scratch`; backward by feature (CSC), where feature
    /// `j`'s gradient row is summed in registers over the examples that use it and written once.
    /// Every gradient entry is still `0 + Σᵢ xᵢⱼ·rᵢ` in example order, then `+ w`, so the result is
    /// the per-example scatter's, bit for bit, without read-modify-writes all over the gradient.
    ///
    /// With ``threads`` above 1, each pass is split into parts of about equal non-zeros, run on
    /// that many threads at once: an example's residual and a feature's gradient row depend on nothing else, and
    /// the sums across examples (the loss and the bias gradient) are added after, in example order,
    /// so the value and the gradient have the same bits for any thread count.
    ///
    /// `unpadded` parameters and gradient are rows of `classCount` floats (``PaddedRows``): each sum
    /// is then made of the same terms in the same order,
    /// the padding lanes' zeros left out, so the value and the gradient have the same bits.
    func evaluate(
        _ parameters: UnsafeBufferPointer<Float>, gradient: UnsafeMutableBufferPointer<Float>,
        inverseRegularization c: Float, classWeights: [Float], scratch: UnsafeMutableBufferPointer<Float>,
        unpadded: Bool = false
    ) -> Double {
        // Floats of a parameter row as stored.
        let pitch = unpadded ? classCount : stride
        let count = (dimension + 1) * pitch
        precondition(
            parameters.count == count && gradient.count == count && classWeights.count == classCount
                && scratch.count == residualFloats + lossFloats + parameterCount)
        // (Unpadded, the last feature row's reads and writes run `stride − classCount` floats into
        // the bias row, which must hold them.)
        precondition(!unpadded || 2 * classCount >= stride)
        let residuals = scratch.baseAddress!
        let lossTerms = UnsafeMutableRawPointer(scratch.baseAddress! + residualFloats).assumingMemoryBound(
            to: Double.self)
        // Rows read from a 64-byte aligned copy unless the caller's memory is aligned already
        // (L-BFGS's is): the same values either way.
        var theta = UnsafeMutablePointer(mutating: parameters.baseAddress!)
        if Int(bitPattern: theta) % 64 != 0 {
            theta = scratch.baseAddress! + residualFloats + lossFloats
            theta.update(from: parameters.baseAddress!, count: count)
        }
        // Several parts per thread, taken by whichever thread is free: a thread the system parks
        // for a while (another process on its core) then delays one small part, not half a pass.
        let parts =
            threads > 1 && values.count >= 2 * Self.nonZerosPerPart
            ? min(Self.partsPerThread * threads, values.count / Self.nonZerosPerPart) : 1
        return classWeights.withUnsafeBufferPointer { classWeights in
            let pass = Pass(
                theta: theta, gradient: gradient.baseAddress!, residuals: residuals, lossTerms: lossTerms,
                classWeights: classWeights.baseAddress!, pitch: pitch, c: c)
            Self.split(rowStart, into: parts, threads: threads) { forward($0, pass) }
            // The sums across examples, in example order: ∇b = Σ residuals, and the loss.
            let biasRow = dimension * pitch
            for lane in 0..<pitch { gradient[biasRow + lane] = 0 }
            var loss = 0.0
            for i in 0..<exampleCount {
                loss += lossTerms[i]
                for lane in 0..<pitch { gradient[biasRow + lane] += residuals[i * stride + lane] }
            }
            // Backward: ∇W_j = Σᵢ xᵢⱼ · residualᵢ. Unpadded, a row's kernel spills `stride − pitch`
            // lanes of zero products into the next row, which is cleared and summed after it in a
            // part; a part's last row is summed once every part is done, its spill then adding zeros
            // to a finished row (a sum started at +0 is never −0, so adding ±0 leaves its bits).
            let rows = Self.split(featureStart, into: parts, threads: threads) {
                backward($0.lowerBound..<max($0.lowerBound, $0.upperBound - 1), pass)
            }
            for part in rows where !part.isEmpty { backward((part.upperBound - 1)..<part.upperBound, pass) }
            return loss + 0.5 * Self.addPenalty(theta, to: gradient.baseAddress!, rows: dimension, pitch: pitch)
        }
    }

    /// The fewest non-zeros of a part of a split pass: a part must outweigh handing it to a thread.
    static let nonZerosPerPart = 25_000
    /// Parts of a split pass per thread.
    static let partsPerThread = 4

    /// The memory one evaluation works on. Parts of a pass run at once write disjoint rows of it.
    private struct Pass: @unchecked Sendable {
        let theta: UnsafeMutablePointer<Float>
        let gradient: UnsafeMutablePointer<Float>
        let residuals: UnsafeMutablePointer<Float>
        let lossTerms: UnsafeMutablePointer<Double>
        let classWeights: UnsafePointer<Float>
        let pitch: Int
        let c: Float
    }

    /// Cuts `0..<starts.count − 1` into `parts` ranges of about equal `starts[end] − starts[start]`
    /// (non-zeros), runs `body` on each (on `threads` threads when there are several parts) and
    /// returns them.
    @discardableResult
    private static func split(
        _ starts: [Int], into parts: Int, threads: Int, _ body: @Sendable (Range<Int>) -> Void
    )
        -> [Range<Int>]
    {
        let count = starts.count - 1
        guard parts > 1 else {
            body(0..<count)
            return [0..<count]
        }
        let total = starts[count]
        var bounds = [0]
        for part in 1..<parts {
            let target = total / parts * part
            // The first index at or after the previous bound whose start reaches the target.
            var lo = bounds[part - 1], hi = count
            while lo < hi {
                let mid = (lo + hi) / 2
                if starts[mid] < target { lo = mid + 1 } else { hi = mid }
            }
            bounds.append(lo)
        }
        bounds.append(count)
        let ranges = (0..<parts).map { bounds[$0]..<bounds[$0 + 1] }
        // `threads` workers (this thread one of them), each taking the next part until none is left.
        let next = Atomic(0)
        DispatchQueue.concurrentPerform(iterations: min(threads, parts)) { _ in
            while true {
                let part = next.add(1, ordering: .relaxed).oldValue
                guard part < parts else { return }
                body(ranges[part])
            }
        }
        return ranges
    }

    /// Scores and softmax residuals of `examples`, each with its loss term.
    private func forward(_ examples: Range<Int>, _ pass: Pass) {
        let k = classCount, s = stride, pitch = pass.pitch, theta = pass.theta
        let biasRow = dimension * pitch
        rowStart.withUnsafeBufferPointer { starts in
            columns.withUnsafeBufferPointer { cols in
                values.withUnsafeBufferPointer { vals in
                    for i in examples {
                        let lo = starts[i], hi = starts[i + 1]
                        let scores = UnsafeMutableBufferPointer(start: pass.residuals + i * s, count: s)
                        // Forward: scores = b + Σ x_j W_j.
                        for lane in 0..<s { scores[lane] = lane < pitch ? theta[biasRow + lane] : 0 }
                        // (Unpadded, the lanes past the class count sum the next rows' values: they
                        // are zeroed below.)
                        dt_sparse_accumulate_pitched(
                            scores.baseAddress!, s, theta, pitch, cols.baseAddress! + lo,
                            vals.baseAddress! + lo, hi - lo)
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
                        let scale = pass.c * exampleWeights[i] * pass.classWeights[target]
                        pass.lossTerms[i] = Double(scale) * Double(logf(total) - targetLogit)
                        let inverse = scale / total
                        for c in 0..<k { scores[c] *= inverse }
                        scores[target] -= scale
                        for c in k..<s { scores[c] = 0 }
                    }
                }
            }
        }
    }

    /// The gradient rows of `rows`: each cleared, then summed over its examples' residuals.
    private func backward(_ rows: Range<Int>, _ pass: Pass) {
        featureStart.withUnsafeBufferPointer { starts in
            featureExamples.withUnsafeBufferPointer { examples in
                featureValues.withUnsafeBufferPointer { vals in
                    for j in rows {
                        let out = pass.gradient + j * pass.pitch
                        out.update(repeating: 0, count: pass.pitch)
                        let lo = starts[j], hi = starts[j + 1]
                        if lo < hi {
                            dt_sparse_accumulate(
                                out, pass.residuals, stride, examples.baseAddress! + lo, vals.baseAddress! + lo,
                                hi - lo)
                        }
                    }
                }
            }
        }
    }

    /// Adds `W` to the gradient of its first `rows` rows (`pitch` floats apart) and returns ‖W‖²:
    /// each row's squares summed in four lanes by groups of four (a row's last, partial group,
    /// unpadded, as the padded group with zeros), the rows' sums in float, flushed to Double every
    /// 1,024 rows so millions of features do not lose float precision.
    private static func addPenalty(
        _ theta: UnsafePointer<Float>, to gradient: UnsafeMutablePointer<Float>, rows: Int, pitch: Int
    ) -> Double {
        let w = UnsafeRawPointer(theta)
        let g = UnsafeMutableRawPointer(gradient)
        let groups = pitch / 4, rest = pitch % 4
        var penalty = SIMD4<Float>()
        var penaltyTotal = 0.0
        for block in 0..<rows {
            let offset = block * pitch * MemoryLayout<Float>.stride
            var blockSum = SIMD4<Float>()
            for lane in 0..<groups {
                let weights = w.loadUnaligned(fromByteOffset: offset + lane * 16, as: SIMD4<Float>.self)
                blockSum += weights * weights
                let sum = g.loadUnaligned(fromByteOffset: offset + lane * 16, as: SIMD4<Float>.self) + weights
                g.storeBytes(of: sum, toByteOffset: offset + lane * 16, as: SIMD4<Float>.self)
            }
            for lane in 0..<rest {
                let e = block * pitch + groups * 4 + lane
                blockSum[lane] += theta[e] * theta[e]
                gradient[e] += theta[e]
            }
            penalty += blockSum
            if block & 1023 == 1023 {
                penaltyTotal += Double(penalty.sum())
                penalty = SIMD4<Float>()
            }
        }
        penaltyTotal += Double(penalty.sum())
        return penaltyTotal
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
