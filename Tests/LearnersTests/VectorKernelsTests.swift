import CSparseKernels
import Foundation
@_spi(Components) import LinearAlgebra
import Testing

@_spi(Components) @testable import Learners

/// The fused L-BFGS passes against a scalar statement of the rounding they promise (OpenBLAS 0.3's
/// Haswell `sdot`/`saxpy`/`sscal` on one thread), bit for bit; and against OpenBLAS itself where
/// it runs that kernel on one thread, since the learned models' bytes rest on that equality.
@Suite struct VectorKernelsTests {
    static let sizes = [0, 1, 5, 31, 32, 33, 64, 95, 1000, 4099]

    /// Values over seven orders of magnitude, both signs, some exact zeros and negative zeros.
    static func vector(_ count: Int, seed: UInt64) -> [Float] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { i in
            if i % 17 == 3 { return i % 2 == 0 ? 0 : -0.0 }
            let magnitude = Float(pow(10, Double(generator.next(below: 7)) - 3))
            return Float.random(in: -1...1, using: &generator) * magnitude
        }
    }

    /// The dot product as documented: four 8-lane fused accumulators over the first `n & −32`
    /// entries, reduced halves-then-pairs-then-horizontally, the tail's float products summed in double.
    static func referenceDot(_ x: [Float], _ y: [Float]) -> Float {
        let n = x.count, blocked = n & ~31
        var lanes = [Float](repeating: 0, count: 32)
        for i in Swift.stride(from: 0, to: blocked, by: 32) {
            for lane in 0..<32 { lanes[lane] = lanes[lane].addingProduct(x[i + lane], y[i + lane]) }
        }
        var head: Float = 0
        if blocked > 0 {
            var half = [Float](repeating: 0, count: 16)
            for k in 0..<4 {
                for l in 0..<4 {
                    let high: Float = lanes[8 * k + 4 + l], low: Float = lanes[8 * k + l]
                    half[4 * k + l] = high + low
                }
            }
            var r = [Float](repeating: 0, count: 4)
            for l in 0..<4 {
                let first: Float = half[l] + half[4 + l], second: Float = half[8 + l] + half[12 + l]
                r[l] = first + second
            }
            let left: Float = r[0] + r[1], right: Float = r[2] + r[3]
            head = left + right
        }
        var tail = 0.0
        for i in blocked..<n { tail += Double(y[i] * x[i]) }
        return Float(tail + Double(head))
    }

    /// `y + alpha·x` as documented: fused on the first `n & −32` entries, then multiply-then-add.
    static func referenceAxpy(_ alpha: Float, _ x: [Float], _ y: [Float]) -> [Float] {
        let blocked = x.count & ~31
        return x.indices.map { i in
            if alpha == 0 { return y[i] }
            if i < blocked { return y[i].addingProduct(alpha, x[i]) }
            let product = alpha * x[i]
            return y[i] + product
        }
    }

    static func bits(_ v: [Float]) -> [UInt32] { v.map(\.bitPattern) }

    @Test(arguments: sizes) func dotRoundsAsDocumented(n: Int) {
        let x = Self.vector(n, seed: 1), y = Self.vector(n, seed: 2)
        #expect(dt_dot(x, y, n).bitPattern == Self.referenceDot(x, y).bitPattern)
    }

    @Test(arguments: sizes) func axpyScaleDotRoundsAsDocumented(n: Int) {
        let x = Self.vector(n, seed: 3), y = Self.vector(n, seed: 4), other = Self.vector(n, seed: 5)
        for (alpha, scale) in [(Float(0.37), Float(1)), (-1.7, 0.013), (0, -1), (2.5e-3, -1)] {
            var fused = y
            let dot = fused.withUnsafeMutableBufferPointer {
                dt_axpy_scale_dot($0.baseAddress, alpha, x, scale, other, n)
            }
            let expected = Self.referenceAxpy(alpha, x, y).map { $0 * scale }
            #expect(Self.bits(fused) == Self.bits(expected))
            #expect(dot.bitPattern == Self.referenceDot(other, expected).bitPattern)
            // Without `other`, only the update.
            var alone = y
            let none = alone.withUnsafeMutableBufferPointer {
                dt_axpy_scale_dot($0.baseAddress, alpha, x, scale, nil, n)
            }
            #expect(Self.bits(alone) == Self.bits(expected) && none == 0)
        }
    }

    @Test(arguments: sizes) func copyStepAndPairRoundAsDocumented(n: Int) {
        let a = Self.vector(n, seed: 6), b = Self.vector(n, seed: 7), c = Self.vector(n, seed: 8)
        let d = Self.vector(n, seed: 9)
        var copy = [Float](repeating: 1, count: n)
        let copyDot = copy.withUnsafeMutableBufferPointer { dt_copy_dot($0.baseAddress, a, b, n) }
        #expect(Self.bits(copy) == Self.bits(a) && copyDot.bitPattern == Self.referenceDot(b, a).bitPattern)

        var stepped = [Float](repeating: 0, count: n)
        stepped.withUnsafeMutableBufferPointer { dt_step($0.baseAddress, a, 0.25, b, n) }
        #expect(Self.bits(stepped) == Self.bits(Self.referenceAxpy(0.25, b, a)))

        var s = [Float](repeating: 0, count: n), y = [Float](repeating: 0, count: n)
        var sy: Float = 0, yy: Float = 0
        s.withUnsafeMutableBufferPointer { sp in
            y.withUnsafeMutableBufferPointer { yp in
                dt_correction_pair(sp.baseAddress, yp.baseAddress, a, b, c, d, n, &sy, &yy)
            }
        }
        let expectedS = zip(a, b).map { $0 - $1 }, expectedY = zip(c, d).map { $0 - $1 }
        #expect(Self.bits(s) == Self.bits(expectedS) && Self.bits(y) == Self.bits(expectedY))
        #expect(sy.bitPattern == Self.referenceDot(expectedS, expectedY).bitPattern)
        #expect(yy.bitPattern == Self.referenceDot(expectedY, expectedY).bitPattern)
    }

    /// The models' bytes were learned with OpenBLAS doing this arithmetic; where it runs the
    /// kernel the rounding was copied from, the two must agree exactly.
    @Test func matchesOpenBLASOnItsHaswellKernel() throws {
        BLASThreads.useLibraryDefault()
        guard BLASThreads.coreName == "Haswell", BLASThreads.current == 1 else {
            print("skipped: OpenBLAS runs \(BLASThreads.coreName) on \(BLASThreads.current) threads, not Haswell on 1")
            return
        }
        for n in Self.sizes + [383_696, 100_003] {
            let x = Self.vector(n, seed: 10), y = Self.vector(n, seed: 11)
            #expect(dt_dot(x, y, n).bitPattern == BLAS.dot(x, y).bitPattern)
            var blas = y, fused = y
            BLAS.axpy(alpha: -0.61, x, &blas)
            fused.withUnsafeMutableBufferPointer { _ = dt_axpy_scale_dot($0.baseAddress, -0.61, x, 1, nil, n) }
            #expect(Self.bits(fused) == Self.bits(blas))
        }
    }

    /// L-BFGS on a separable quadratic `Σ cᵢ (xᵢ − i)²` with curvatures over four orders of magnitude.
    @Test func lbfgsFindsTheMinimumOfAQuadratic() {
        let n = 200
        let curvature = (0..<n).map { Float(pow(10, Double($0 % 5) - 2)) }
        let result = LBFGS(history: 7, maxIterations: 500, gradientTolerance: 1e-4, relativeTolerance: 0).minimize(
            [Float](repeating: 0, count: n)
        ) { x, gradient in
            var value = 0.0
            for i in 0..<n {
                let d = x[i] - Float(i)
                gradient[i] = 2 * curvature[i] * d
                value += Double(curvature[i] * d * d)
            }
            return value
        }
        let worst = result.x.enumerated().map { abs($0.element - Float($0.offset)) * curvature[$0.offset] }.max()!
        #expect(worst < 1e-4)
        #expect(result.iterations < 500)
        // No parameters: nothing to do, and no crash.
        let empty = LBFGS().minimize([]) { _, _ in 1 }
        #expect(empty.x.isEmpty && empty.iterations == 0 && empty.evaluations == 1)
    }
}
