import Dispatch
import Foundation
@_spi(Components) import Learners
import Synchronization
import Testing
@_spi(Components) import TriageTestSupport

@testable import triage

/// `OrderedPipeline`, which `triage score --threads N` runs on: results come in submission order
/// whatever order batches finish in, the first error in submission order is the one thrown, and
/// `cancel()` leaves nothing running.
@Suite struct OrderedPipelineTests {
    struct Failure: Error, Equatable { let batch: Int }

    /// Busy work of a seeded, varying length, so that batches finish out of order.
    static func spin(_ units: Int) -> Int {
        var x = units
        for i in 0..<units * 2_000 { x = x &* 31 &+ i }
        return x
    }

    /// `batch`, or a failure: after busy work for batch `slowly`, at once for batch `fast`.
    static func failing(_ batch: Int, slowly: Int, fast: Int) throws -> Int {
        if batch == slowly {
            _ = spin(50)
            throw Failure(batch: batch)
        }
        if batch == fast { throw Failure(batch: batch) }
        return batch
    }

    @Test("results are delivered in submission order", arguments: [1, 2, 3, 4])
    func deliversInOrder(threads: Int) throws {
        var random = SplitMix64(seed: UInt64(threads))
        let lengths = (0..<200).map { _ in Int.random(in: 0..<20, using: &random) }
        var delivered: [Int] = []
        var pipeline = OrderedPipeline<Int, Int>(
            threads: threads,
            work: { batch in
                _ = Self.spin(lengths[batch]); return batch
            },
            deliver: { delivered.append($0) })
        for batch in lengths.indices { try pipeline.submit(batch) }
        try pipeline.finish()
        #expect(delivered == Array(lengths.indices))
    }

    @Test("run delivers in input order and rethrows the first error in input order", arguments: [1, 2, 3])
    func runAll(threads: Int) throws {
        var delivered: [Int] = []
        try OrderedPipeline<Int, Int>.run(
            0..<12, threads: threads,
            work: {
                _ = Self.spin(12 - $0); return $0 * $0
            }, deliver: { delivered.append($0) })
        #expect(delivered == (0..<12).map { $0 * $0 })
        delivered = []
        #expect(throws: Failure(batch: 2)) {
            try OrderedPipeline<Int, Int>.run(
                0..<6, threads: threads,
                work: { try Self.failing($0, slowly: 2, fast: 4) }, deliver: { delivered.append($0) })
        }
        #expect(delivered == [0, 1])
    }

    @Test(
        "the first failing batch in submission order is the error; nothing after it is delivered", arguments: [1, 2, 3])
    func firstErrorInOrder(threads: Int) throws {
        // Batch 5 fails fast, batch 3 fails slowly: 3 is the error, however they finish.
        var delivered: [Int] = []
        var pipeline = OrderedPipeline<Int, Int>(
            threads: threads,
            work: { try Self.failing($0, slowly: 3, fast: 5) }, deliver: { delivered.append($0) })
        var thrown: (any Error)?
        do {
            for batch in 0..<10 { try pipeline.submit(batch) }
            try pipeline.finish()
        } catch {
            thrown = error
            pipeline.cancel()
        }
        #expect(thrown as? Failure == Failure(batch: 3))
        #expect(delivered == [0, 1, 2])
    }

    @Test("an error of deliver stops delivery", arguments: [1, 2])
    func deliverError(threads: Int) throws {
        var delivered: [Int] = []
        var pipeline = OrderedPipeline<Int, Int>(
            threads: threads, work: { $0 },
            deliver: { batch in
                if batch == 4 { throw Failure(batch: 4) }
                delivered.append(batch)
            })
        #expect(throws: Failure(batch: 4)) {
            for batch in 0..<10 { try pipeline.submit(batch) }
            try pipeline.finish()
        }
        pipeline.cancel()
        #expect(delivered == [0, 1, 2, 3])
    }

    @Test("cancel waits for the running batches and drops the waiting ones")
    func cancelLeavesNothingRunning() throws {
        let started = Atomic<Int>(0)
        let running = Atomic<Int>(0)
        var pipeline = OrderedPipeline<Int, Int>(
            threads: 2, window: 8,
            work: { batch in
                started.wrappingAdd(1, ordering: .relaxed)
                running.wrappingAdd(1, ordering: .relaxed)
                defer { running.wrappingSubtract(1, ordering: .relaxed) }
                _ = Self.spin(200)
                return batch
            }, deliver: { _ in })
        for batch in 0..<8 { try pipeline.submit(batch) }
        pipeline.cancel()
        #expect(running.load(ordering: .relaxed) == 0)
        let afterCancel = started.load(ordering: .relaxed)
        #expect(afterCancel < 8, "every batch ran: cancel dropped none")
        // Nothing starts later either.
        usleep(50_000)
        #expect(started.load(ordering: .relaxed) == afterCancel)
    }

    /// With 2 threads there is one background thread: a batch that waits for a later batch can only
    /// finish if the caller runs that later batch itself instead of waiting.
    @Test("the calling thread runs waiting batches itself", .timeLimit(.minutes(1)))
    func callerRunsBatches() throws {
        let laterDone = DispatchSemaphore(value: 0)
        var delivered: [Int] = []
        var pipeline = OrderedPipeline<Int, Int>(
            threads: 2,
            work: { batch in
                if batch == 0 { laterDone.wait() }
                if batch == 1 { laterDone.signal() }
                return batch
            }, deliver: { delivered.append($0) })
        for batch in 0..<6 { try pipeline.submit(batch) }
        try pipeline.finish()
        #expect(delivered == Array(0..<6))
    }

    @Test("a resource pool gives a thread back the resource it used last, and makes one only when none is free")
    func poolKeepsResourcesWithTheirThread() throws {
        let made = Atomic<Int>(0)
        let pool = ResourcePool { made.wrappingAdd(1, ordering: .relaxed).newValue }
        let first = pool.withResource { $0 }
        let nested = pool.withResource { _ in pool.withResource { $0 } }  // the first is in use: a second
        #expect(pool.withResource { $0 } == first)
        #expect(nested != first && made.load(ordering: .relaxed) == 2)
    }
}
