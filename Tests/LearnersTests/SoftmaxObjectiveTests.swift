import Foundation
import Testing
@_spi(Components) import TextFeatures

@_spi(Components) @testable import Learners

@Suite struct SoftmaxObjectiveTests {
    /// Sparse examples over `dimension` features (some never used) with `classCount` classes.
    static func examples(count: Int, dimension: Int, classCount: Int, seed: UInt64) -> [LabeledExample] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { i in
            var x = SparseVector()
            var index = Int32(generator.next(below: 3))
            while index < Int32(dimension) - 4 {
                x.append(index: index, value: Float.random(in: 0.01...1, using: &generator))
                index += Int32(1 + generator.next(below: 6))
            }
            let weight: Float = i % 7 == 0 ? 2 : 1
            return LabeledExample(features: x, label: "c\(i % classCount)", weight: weight)
        }
    }

    /// The evaluation as it was written before the by-feature backward pass: per example, scores
    /// lane by lane, the same softmax arithmetic, then the residual scattered into every row the
    /// example uses; finally `+ w` and the penalty in the same block order. The optimised
    /// evaluation must give these bytes.
    static func reference(
        _ problem: SoftmaxObjective, examples: [LabeledExample], targets: [Int], theta: [Float], c: Float,
        classWeights: [Float]
    ) -> (value: Double, gradient: [Float]) {
        let k = problem.classCount, s = problem.stride, d = problem.dimension
        var gradient = [Float](repeating: 0, count: theta.count)
        var loss = 0.0
        for (i, example) in examples.enumerated() {
            var scores = Array(theta[(d * s)..<(d * s + s)])
            for (index, value) in zip(example.features.indices, example.features.values) {
                let row = Int(problem.position[Int(index)]) * s
                for lane in 0..<s { scores[lane] = scores[lane] + value * theta[row + lane] }
            }
            var maximum = scores[0]
            for c in 1..<k where scores[c] > maximum { maximum = scores[c] }
            let target = targets[i]
            let targetLogit = scores[target] - maximum
            var total: Float = 0
            for c in 0..<k {
                scores[c] = expf(scores[c] - maximum)
                total += scores[c]
            }
            let scale = c * example.weight * classWeights[target]
            loss += Double(scale) * Double(logf(total) - targetLogit)
            let inverse = scale / total
            for c in 0..<k { scores[c] *= inverse }
            scores[target] -= scale
            for c in k..<s { scores[c] = 0 }
            for (index, value) in zip(example.features.indices, example.features.values) {
                let row = Int(problem.position[Int(index)]) * s
                for lane in 0..<s { gradient[row + lane] = gradient[row + lane] + value * scores[lane] }
            }
            for lane in 0..<s { gradient[d * s + lane] += scores[lane] }
        }
        var penalty = SIMD4<Float>()
        var penaltyTotal = 0.0
        for row in 0..<d {
            var blockSum = SIMD4<Float>()
            for lane in Swift.stride(from: 0, to: s, by: 4) {
                let weights = SIMD4(theta[(row * s + lane)..<(row * s + lane + 4)])
                blockSum += weights * weights
                for l in 0..<4 { gradient[row * s + lane + l] += weights[l] }
            }
            penalty += blockSum
            if row & 1023 == 1023 {
                penaltyTotal += Double(penalty.sum())
                penalty = SIMD4<Float>()
            }
        }
        penaltyTotal += Double(penalty.sum())
        return (loss + 0.5 * penaltyTotal, gradient)
    }

    /// Class counts whose padded strides take every block shape of the kernel: 4, 8, 12, 16, 68, 80.
    @Test(arguments: [3, 5, 9, 13, 66, 77])
    func evaluationMatchesThePerExampleScatterBitForBit(classes k: Int) {
        let dimension = 1_500  // > 1024 rows, so the penalty's flush to Double is exercised
        let examples = Self.examples(count: 60, dimension: dimension, classCount: k, seed: UInt64(k))
        let labels = ClassLabels(Set(examples.map(\.label)).sorted())
        let targets = examples.map { labels.index(of: $0.label)! }
        var problem = SoftmaxObjective(
            examples: examples, targets: targets, dimension: dimension, classCount: k,
            position: SoftmaxObjective.frequencyOrder(of: examples, dimension: dimension))
        var generator = SeededGenerator(seed: 11)
        // Scaled features, as the model selection fits them.
        let factors = (0..<dimension).map { _ in Float.random(in: 0.5...2, using: &generator) }
        problem.scaleFeatures(by: factors)
        var scaled = examples
        for e in scaled.indices {
            var x = SparseVector()
            for (index, value) in zip(examples[e].features.indices, examples[e].features.values) {
                x.append(index: index, value: value * factors[Int(index)])
            }
            scaled[e] = LabeledExample(features: x, label: examples[e].label, weight: examples[e].weight)
        }
        var theta = (0..<problem.parameterCount).map { _ in Float.random(in: -0.5...0.5, using: &generator) }
        for row in 0...dimension {
            for lane in k..<problem.stride { theta[row * problem.stride + lane] = 0 }
        }
        let classWeights = (0..<k).map { _ in Float.random(in: 0.5...2, using: &generator) }
        var gradient = [Float](repeating: .nan, count: theta.count)
        let value = theta.withUnsafeBufferPointer { t in
            gradient.withUnsafeMutableBufferPointer {
                problem.evaluate(t, gradient: $0, inverseRegularization: 3, classWeights: classWeights)
            }
        }
        let expected = Self.reference(
            problem, examples: scaled, targets: targets, theta: theta, c: 3, classWeights: classWeights)
        #expect(value.bitPattern == expected.value.bitPattern)
        let differing = zip(gradient, expected.gradient).filter { $0.bitPattern != $1.bitPattern }.count
        #expect(differing == 0, "\(differing) of \(gradient.count) gradient entries differ")

        // Parameters already 64-byte aligned are read in place (no copy): the same bits.
        let raw = UnsafeMutableRawPointer.allocate(byteCount: theta.count * 4, alignment: 64)
        defer { raw.deallocate() }
        let aligned = UnsafeMutableBufferPointer(
            start: raw.bindMemory(to: Float.self, capacity: theta.count), count: theta.count)
        _ = aligned.initialize(from: theta)
        var inPlace = [Float](repeating: .nan, count: theta.count)
        let inPlaceValue = inPlace.withUnsafeMutableBufferPointer {
            problem.evaluate(
                UnsafeBufferPointer(aligned), gradient: $0, inverseRegularization: 3, classWeights: classWeights)
        }
        #expect(inPlaceValue.bitPattern == value.bitPattern)
        #expect(zip(inPlace, gradient).allSatisfy { $0.bitPattern == $1.bitPattern })
    }

    /// A part filtered from the whole problem is the part packed from its examples, array for
    /// array: every row, every feature's examples (renumbered, in order) and values; parts that
    /// drop a feature's only example and the first or last examples included.
    @Test(arguments: [[0, 2, 3, 7, 8, 12, 30, 59], Array(1..<59), [59], [], Array(0..<60)])
    func filteredPartEqualsThePackedPart(rows: [Int]) {
        let dimension = 300, k = 5
        let examples = Self.examples(count: 60, dimension: dimension, classCount: k, seed: 3)
        let targets = examples.indices.map { $0 % k }
        let position = SoftmaxObjective.frequencyOrder(of: examples, dimension: dimension)
        let all = SoftmaxObjective(
            examples: examples, targets: targets, dimension: dimension, classCount: k, position: position)
        let packed = SoftmaxObjective(
            examples: rows.map { examples[$0] }, targets: rows.map { targets[$0] }, dimension: dimension,
            classCount: k, position: position)
        let filtered = SoftmaxObjective(rows: rows, of: all)
        #expect(filtered.rowStart == packed.rowStart)
        #expect(filtered.columns == packed.columns)
        #expect(filtered.values.map(\.bitPattern) == packed.values.map(\.bitPattern))
        #expect(filtered.targets == packed.targets)
        #expect(filtered.exampleWeights == packed.exampleWeights)
        #expect(filtered.featureStart == packed.featureStart)
        #expect(filtered.featureExamples == packed.featureExamples)
        #expect(filtered.featureValues.map(\.bitPattern) == packed.featureValues.map(\.bitPattern))
        #expect(filtered.stride == packed.stride && filtered.position == packed.position)
    }

    /// A packed problem of `count` random examples over 1,500 features, random parameters (zero in
    /// the padding lanes) and random class weights.
    static func randomProblem(count: Int, classes k: Int, seed: UInt64) -> (
        problem: SoftmaxObjective, theta: [Float], classWeights: [Float]
    ) {
        let dimension = 1_500
        let examples = Self.examples(count: count, dimension: dimension, classCount: k, seed: seed)
        let labels = ClassLabels(Set(examples.map(\.label)).sorted())
        let problem = SoftmaxObjective(
            examples: examples, targets: examples.map { labels.index(of: $0.label)! }, dimension: dimension,
            classCount: k, position: SoftmaxObjective.frequencyOrder(of: examples, dimension: dimension))
        var generator = SeededGenerator(seed: seed &+ 5)
        var theta = (0..<problem.parameterCount).map { _ in Float.random(in: -0.5...0.5, using: &generator) }
        for row in 0...dimension {
            for lane in k..<problem.stride { theta[row * problem.stride + lane] = 0 }
        }
        let classWeights = (0..<k).map { _ in Float.random(in: 0.5...2, using: &generator) }
        return (problem, theta, classWeights)
    }

    /// The bits of the value and gradient at `parameters` (padded or not), C = 3.
    static func evaluationBits(
        _ problem: SoftmaxObjective, _ parameters: [Float], classWeights: [Float],
        scratch: UnsafeMutableBufferPointer<Float>, unpadded: Bool
    ) -> (value: UInt64, gradient: [UInt32]) {
        var gradient = [Float](repeating: .nan, count: parameters.count)
        let value = parameters.withUnsafeBufferPointer { t in
            gradient.withUnsafeMutableBufferPointer {
                problem.evaluate(
                    t, gradient: $0, inverseRegularization: 3, classWeights: classWeights, scratch: scratch,
                    unpadded: unpadded)
            }
        }
        return (value.bitPattern, gradient.map(\.bitPattern))
    }

    /// Parameters and gradient without padding lanes (rows of 4, 8, 12 or 16 holding 2–15 classes):
    /// the value and every gradient entry have the bits of the padded evaluation; rows used by no
    /// example, whose spill the next rows must overwrite, included.
    @Test(arguments: [2, 3, 5, 6, 7, 9, 11, 13, 15])
    func unpaddedEvaluationHasThePaddedBits(classes k: Int) throws {
        let (problem, theta, classWeights) = Self.randomProblem(count: 60, classes: k, seed: UInt64(k))
        let rows = PaddedRows(count: problem.dimension + 1, width: k, stride: problem.stride)
        let scratch = problem.allocateScratch()
        defer { SoftmaxObjective.deallocate(scratch) }
        let padded = Self.evaluationBits(problem, theta, classWeights: classWeights, scratch: scratch, unpadded: false)
        // (An array is rarely 64-byte aligned: its rows are then read from an aligned copy.)
        let unpadded = Self.evaluationBits(
            problem, rows.removingPadding(theta), classWeights: classWeights, scratch: scratch, unpadded: true)
        #expect(unpadded.value == padded.value)
        let paddedGradient = rows.removingPadding(padded.gradient.map { Float(bitPattern: $0) }).map(\.bitPattern)
        #expect(unpadded.gradient == paddedGradient)
    }

    /// Passes split over 2–4 threads give the value and gradient of one thread, bit for bit, padded
    /// and unpadded (where a part's last row spills into the next part's first).
    @Test(arguments: [3, 5, 9, 16])
    func threadsKeepTheBits(classes k: Int) throws {
        let (packed, theta, classWeights) = Self.randomProblem(count: 600, classes: k, seed: UInt64(k) + 40)
        var problem = packed
        // Enough non-zeros for the passes to be split.
        try #require(problem.values.count >= 8 * SoftmaxObjective.nonZerosPerPart)
        let scratch = problem.allocateScratch()
        defer { SoftmaxObjective.deallocate(scratch) }
        // Unpadded where the solver would store rows so (3, 5 and 9 classes; not 16).
        let unpaddedTheta = PaddedRows(fitting: problem).map { $0.removingPadding(theta) }
        let padded = Self.evaluationBits(problem, theta, classWeights: classWeights, scratch: scratch, unpadded: false)
        let unpadded = unpaddedTheta.map {
            Self.evaluationBits(problem, $0, classWeights: classWeights, scratch: scratch, unpadded: true)
        }
        for threads in 2...4 {
            problem.threads = threads
            let split = Self.evaluationBits(
                problem, theta, classWeights: classWeights, scratch: scratch, unpadded: false)
            #expect(split.value == padded.value && split.gradient == padded.gradient, "\(threads) threads")
            if let unpaddedTheta, let unpadded {
                let splitUnpadded = Self.evaluationBits(
                    problem, unpaddedTheta, classWeights: classWeights, scratch: scratch, unpadded: true)
                #expect(
                    splitUnpadded.value == unpadded.value && splitUnpadded.gradient == unpadded.gradient,
                    "\(threads) threads, unpadded")
            }
        }
    }
}
