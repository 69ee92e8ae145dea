import Dispatch
import Synchronization

/// Runs `work` on batches on up to `threads` worker threads while the calling thread goes on
/// reading input, and hands every result to `deliver` on the calling thread **in submission
/// order**. At most `2 × threads` batches are in flight, so memory stays bounded however long the
/// input is. With one thread, `work` runs inline on the calling thread (no threads, no copies).
///
/// ```swift
/// var pipeline = OrderedPipeline<[Dispute], [UInt8]>(threads: 2, work: { try format(score($0)) }, deliver: { try out.write($0) })
/// for batch in batches { try pipeline.submit(batch) }
/// try pipeline.finish()
/// ```
struct OrderedPipeline<Input: Sendable, Output: Sendable>: ~Copyable {
    /// One submitted batch. The worker writes `result` before signalling `done`; the caller reads it
    /// only after waiting on `done`, so the semaphore orders the two accesses.
    private final class Slot: @unchecked Sendable {
        var result: Result<Output, any Error>?
        let done = DispatchSemaphore(value: 0)
    }

    let threads: Int
    private let work: @Sendable (Input) throws -> Output
    private let deliver: (Output) throws -> Void
    /// Caps the batches computing at once at `threads` (the global queue may run more).
    private let running: DispatchSemaphore
    /// Submitted, not yet delivered, oldest first.
    private var pending: [Slot] = []

    init(threads: Int, work: @escaping @Sendable (Input) throws -> Output, deliver: @escaping (Output) throws -> Void) {
        self.threads = max(threads, 1)
        self.work = work
        self.deliver = deliver
        self.running = DispatchSemaphore(value: max(threads, 1))
    }

    /// Queues `input`; first delivers the oldest results while the window is full. Rethrows the
    /// first error of `work` or `deliver`, in submission order.
    mutating func submit(_ input: Input) throws {
        guard threads > 1 else {
            try deliver(work(input))
            return
        }
        while pending.count >= 2 * threads { try deliverOldest() }
        let slot = Slot()
        pending.append(slot)
        let work = self.work, running = self.running
        DispatchQueue.global().async {
            running.wait()
            slot.result = Result { try work(input) }
            running.signal()
            slot.done.signal()
        }
    }

    /// Delivers every remaining result, in order.
    mutating func finish() throws {
        while !pending.isEmpty { try deliverOldest() }
    }

    /// Waits for every batch still running, without delivering (after an error, before the output
    /// is discarded).
    mutating func cancel() {
        for slot in pending { slot.done.wait() }
        pending.removeAll()
    }

    private mutating func deliverOldest() throws {
        let slot = pending.removeFirst()
        slot.done.wait()
        try deliver(slot.result!.get())
    }
}

/// Reusable per-thread state (e.g. scoring workspaces) handed out to concurrent batches: a batch
/// takes one, or a new one if none is free, and gives it back when done.
final class ResourcePool<Resource: Sendable>: Sendable {
    private let free = Mutex<[Resource]>([])
    private let make: @Sendable () -> Resource

    init(make: @escaping @Sendable () -> Resource) { self.make = make }

    /// Runs `body` with a resource from the pool.
    func withResource<T>(_ body: (inout Resource) throws -> T) rethrows -> T {
        var resource = free.withLock { $0.popLast() } ?? make()
        defer { free.withLock { [resource] in $0.append(resource) } }
        return try body(&resource)
    }
}
