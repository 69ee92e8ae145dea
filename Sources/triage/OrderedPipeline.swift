import Dispatch
import Foundation
import Synchronization

/// Runs `work` on batches on `threads` threads and hands every result to `deliver` on the calling
/// thread **in submission order**. The calling thread submits batches, delivers results and, when
/// it would otherwise wait for the oldest result, runs a waiting batch itself: it is one of the
/// `threads`, so `--threads 2` keeps 2 cores busy with no third thread competing for them. The
/// others are `threads - 1` threads of the pipeline's own (not a dispatch queue's, whose blocks may
/// land on any of its threads), so each keeps its per-thread state warm in its core's caches. Batches
/// start in submission order, and at most ``window`` are submitted and not yet delivered, so memory
/// stays bounded however long the input is. With one thread, `work` runs inline (no threads, no
/// copies).
///
/// ```swift
/// var pipeline = OrderedPipeline<[Dispute], [UInt8]>(threads: 2, work: { try format(score($0)) }, deliver: { try out.write($0) })
/// for batch in batches { try pipeline.submit(batch) }
/// try pipeline.finish()
/// ```
struct OrderedPipeline<Input: Sendable, Output: Sendable>: ~Copyable {
    /// One submitted batch. The thread that runs it writes `result` before signalling `done`; the
    /// caller reads it only after waiting on `done`, so the semaphore orders the two accesses.
    private final class Slot: @unchecked Sendable {
        var input: Input?
        var result: Result<Output, any Error>?
        let done = DispatchSemaphore(value: 0)
        /// Set (after `result`) when `done` is signalled: lets the caller check without blocking.
        let finished = Atomic<Bool>(false)

        init(_ input: Input) { self.input = input }

        func run(_ work: (Input) throws -> Output) {
            result = Result { try work(input!) }
            input = nil
            finish()
        }

        func finish() {
            finished.store(true, ordering: .releasing)
            done.signal()
        }
    }

    /// Batches submitted and not yet started, oldest first. Whichever thread is free takes the
    /// oldest, so that the batch the caller delivers next is the first to be started.
    private final class Queue: Sendable {
        private let slots = Mutex<(waiting: [Slot], stopped: Bool)>(([], false))
        /// Signalled once per pushed batch, and once per background thread to stop it.
        private let available = DispatchSemaphore(value: 0)

        func push(_ slot: Slot) {
            slots.withLock { $0.waiting.append(slot) }
            available.signal()
        }

        /// The oldest waiting batch if it is `first`, or if more than `leaving` are waiting.
        func popOldest(ifFirst first: Slot, orLeaving leaving: Int) -> Slot? {
            slots.withLock {
                $0.waiting.first === first || $0.waiting.count > leaving ? $0.waiting.removeFirst() : nil
            }
        }

        func removeAll() -> [Slot] {
            slots.withLock { slots in
                defer { slots.waiting.removeAll() }; return slots.waiting
            }
        }

        /// For a background thread: the oldest waiting batch, once there is one; `nil` once stopped.
        func next() -> Slot? {
            while true {
                available.wait()
                let (slot, stopped) = slots.withLock {
                    ($0.waiting.isEmpty ? nil : $0.waiting.removeFirst(), $0.stopped)
                }
                if let slot { return slot }
                if stopped { return nil }
                // The caller ran the batch this signal was for: wait for the next.
            }
        }

        /// Ends `threads` background threads once no batch is waiting.
        func stop(threads: Int) {
            slots.withLock { $0.stopped = true }
            for _ in 0..<threads { available.signal() }
        }
    }

    let threads: Int
    /// Batches submitted and not yet delivered, at most.
    let window: Int
    private let work: @Sendable (Input) throws -> Output
    private let deliver: (Output) throws -> Void
    private let queue: Queue
    /// Submitted, not yet delivered, oldest first.
    private var pending: [Slot]

    init(
        threads: Int, window: Int? = nil, work: @escaping @Sendable (Input) throws -> Output,
        deliver: @escaping (Output) throws -> Void
    ) {
        // Computed from the arguments, not read back from `self.threads`: reading `self` here made
        // this ~Copyable struct's initializer crash in release builds (Swift 6.3; a bad release).
        let threads = max(threads, 1)
        self.threads = threads
        self.window = max(window ?? 4 * threads, 2)
        self.work = work
        self.deliver = deliver
        let queue = Queue()
        self.queue = queue
        self.pending = []
        for _ in 1..<threads {
            Thread { while let slot = queue.next() { slot.run(work) } }.start()
        }
    }

    deinit { queue.stop(threads: threads - 1) }

    /// Queues `input`; first delivers the oldest results while the window is full. Rethrows the
    /// first error of `work` or `deliver`, in submission order.
    mutating func submit(_ input: Input) throws {
        guard threads > 1 else {
            try deliver(work(input))
            return
        }
        while pending.count >= window { try deliverOldest() }
        let slot = Slot(input)
        pending.append(slot)
        queue.push(slot)
    }

    /// Runs `work` on every input on up to `threads` threads and hands the results to `deliver` in
    /// input order; after an error, waits for the running inputs and rethrows the first error in
    /// input order.
    static func run(
        _ inputs: some Sequence<Input>, threads: Int, work: @escaping @Sendable (Input) throws -> Output,
        deliver: @escaping (Output) throws -> Void
    ) throws {
        var pipeline = OrderedPipeline(threads: threads, work: work, deliver: deliver)
        do {
            for input in inputs { try pipeline.submit(input) }
            try pipeline.finish()
        } catch {
            pipeline.cancel()
            throw error
        }
    }

    /// Delivers every remaining result, in order.
    mutating func finish() throws {
        while !pending.isEmpty { try deliverOldest() }
    }

    /// Drops the batches not yet started and waits for the ones running, without delivering (after
    /// an error, before the output is discarded).
    mutating func cancel() {
        for slot in queue.removeAll() {
            slot.input = nil
            slot.finish()
        }
        for slot in pending { slot.done.wait() }
        pending.removeAll()
    }

    private mutating func deliverOldest() throws {
        let slot = pending.removeFirst()
        // Rather than wait, run waiting batches here, the oldest first, but leave one waiting for
        // each background thread, which would otherwise sit idle until this thread submits more.
        while !slot.finished.load(ordering: .acquiring),
            let next = queue.popOldest(ifFirst: slot, orLeaving: threads - 1)
        {
            next.run(work)
        }
        slot.done.wait()
        try deliver(slot.result!.get())
    }
}
