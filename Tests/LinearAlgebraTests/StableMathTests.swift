@_spi(Components) import Learners
@_spi(Components) import LinearAlgebra
import Testing
@_spi(Components) import TriageTestSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("StableMath")
struct StableMathTests {
    // MARK: softmax

    @Test(arguments: [
        [Float(1e4), -1e4, 0],
        [-1e4, -1e4],
        [1000, 0, -1000],
        [88, 89, 90],
        [-88, -100, -104],
        [3],
        [0, 0, 0, 0],
        [Float.greatestFiniteMagnitude, -Float.greatestFiniteMagnitude],
        [-Float.greatestFiniteMagnitude, -Float.greatestFiniteMagnitude, 0],
    ])
    func softmaxOfExtremeLogitsIsAFiniteDistribution(logits: [Float]) {
        var p = logits
        StableMath.softmax(&p)
        #expect(p.count == logits.count)
        #expect(p.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 1 })
        let sum = p.reduce(0, +)
        #expect(abs(sum - 1) < 1e-5)
    }

    @Test func softmaxExtremeValues() {
        var p: [Float] = [1e4, -1e4, 0]
        StableMath.softmax(&p)
        #expect(p == [1, 0, 0])
        var q: [Float] = [-1e4, -1e4]
        StableMath.softmax(&q)
        #expect(q == [0.5, 0.5])
    }

    @Test func softmaxMatchesNaiveFormulaAndIsShiftInvariant() {
        var rng = SeededGenerator(seed: 7)
        for count in [1, 2, 5, 20] {
            let logits = rng.floats(count, in: -5...5)
            var p = logits
            StableMath.softmax(&p)
            let exps = logits.map { exp(Double($0)) }
            let total = exps.reduce(0, +)
            for i in 0..<count { #expect(abs(Double(p[i]) - exps[i] / total) < 1e-6) }
            var shifted = logits.map { $0 + 500 }
            StableMath.softmax(&shifted)
            for i in 0..<count { #expect(abs(shifted[i] - p[i]) < 1e-4) }
        }
    }

    @Test func softmaxOfEmptyInputIsANoOp() {
        var empty: [Float] = []
        StableMath.softmax(&empty)
        #expect(empty.isEmpty)
    }

    @Test func softmaxBufferOverloadWorksOnASlice() {
        var storage: [Float] = [9, 0, 0, 9]
        storage.withUnsafeMutableBufferPointer { buffer in
            StableMath.softmax(UnsafeMutableBufferPointer(rebasing: buffer[1..<3]))
        }
        #expect(storage == [9, 0.5, 0.5, 9])
    }

    // MARK: logSumExp

    @Test func logSumExpOfLargeEqualValues() {
        let value = StableMath.logSumExp([1000, 1000])
        #expect(value.isFinite)
        #expect(abs(value - (1000 + Float(M_LN2))) < 1e-3)
        #expect(abs(StableMath.logSumExp([-1000, -1000]) - (-1000 + Float(M_LN2))) < 1e-3)
    }

    @Test func logSumExpOfEmptyIsMinusInfinity() {
        let value = StableMath.logSumExp([])
        #expect(value == -.infinity)
    }

    @Test func logSumExpEdgeCases() {
        #expect(StableMath.logSumExp([42]) == 42)
        #expect(StableMath.logSumExp([-.infinity, 0]) == 0)
        #expect(StableMath.logSumExp([-.infinity, -.infinity]) == -.infinity)
        #expect(StableMath.logSumExp([1e4, -1e4, 0]) == 1e4)
        #expect(StableMath.logSumExp([0, .infinity]) == .infinity)
        let extreme = StableMath.logSumExp([.greatestFiniteMagnitude, -.greatestFiniteMagnitude])
        #expect(extreme == .greatestFiniteMagnitude)
    }

    @Test func logSumExpMatchesNaiveFormula() {
        var rng = SeededGenerator(seed: 8)
        for count in [1, 2, 3, 10, 50] {
            let x = rng.floats(count, in: -10...10)
            let expected = log(x.map { exp(Double($0)) }.reduce(0, +))
            #expect(abs(Double(StableMath.logSumExp(x)) - expected) < 1e-4)
            let viaBuffer = x.withUnsafeBufferPointer { StableMath.logSumExp($0) }
            #expect(viaBuffer == StableMath.logSumExp(x))
        }
    }

    // MARK: sigmoid

    @Test func sigmoidSaturatesWithoutOverflow() {
        let high = StableMath.sigmoid(1e4)
        let low = StableMath.sigmoid(-1e4)
        #expect(high.isFinite && low.isFinite)
        #expect(high == 1)
        #expect(low == 0)
        #expect(StableMath.sigmoid(0) == 0.5)
        #expect(StableMath.sigmoid(.greatestFiniteMagnitude) == 1)
        #expect(StableMath.sigmoid(-.greatestFiniteMagnitude) == 0)
    }

    @Test func sigmoidIsSymmetric() {
        var rng = SeededGenerator(seed: 9)
        let samples = rng.floats(200, in: -30...30) + [0, 1e-6, 1, 5, 20, 88, 100, 1e4]
        for x in samples {
            #expect(abs(StableMath.sigmoid(x) + StableMath.sigmoid(-x) - 1) < 1e-6, "x = \(x)")
        }
    }

    @Test func sigmoidMatchesDefinitionAndIsMonotonic() {
        var previous: Float = 0
        for step in -400...400 {
            let x = Float(step) / 20
            let s = StableMath.sigmoid(x)
            #expect(abs(Double(s) - 1 / (1 + exp(-Double(x)))) < 1e-6)
            #expect(s >= previous)
            previous = s
        }
    }

    // MARK: logSigmoid

    @Test func logSigmoidOfVeryNegativeInputIsLinear() {
        let value = StableMath.logSigmoid(-1e4)
        #expect(value.isFinite)
        #expect(abs(value - (-1e4)) <= 1e-3)
        #expect(StableMath.logSigmoid(-200) == -200)
        #expect(StableMath.logSigmoid(1e4) == 0)
        #expect(abs(StableMath.logSigmoid(0) + Float(M_LN2)) < 1e-6)
    }

    @Test func logSigmoidMatchesLogOfSigmoid() {
        for step in -300...300 {
            let x = Float(step) / 10
            let expected = -log1p(exp(-Double(x)))
            let value = StableMath.logSigmoid(x)
            #expect(value <= 0)
            #expect(abs(Double(value) - expected) < 1e-5 * max(1, abs(expected)), "x = \(x)")
        }
    }
}
