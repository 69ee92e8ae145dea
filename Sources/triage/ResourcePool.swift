import Foundation
import Synchronization

/// Reusable per-thread state (e.g. scoring workspaces) handed out to concurrent batches: a batch
/// takes the one its thread used last (still in that core's caches), else any free one, else a
/// new one, and gives it back when done.
final class ResourcePool<Resource: Sendable>: Sendable {
    /// Free resources, each with the thread that used it last.
    private let free = Mutex<[(thread: ObjectIdentifier, resource: Resource)]>([])
    private let make: @Sendable () -> Resource

    init(make: @escaping @Sendable () -> Resource) { self.make = make }

    /// Runs `body` with a resource from the pool.
    func withResource<T>(_ body: (inout Resource) throws -> T) rethrows -> T {
        let thread = ObjectIdentifier(Thread.current)
        var resource =
            free.withLock { free in
                (free.lastIndex { $0.thread == thread } ?? free.indices.last).map { free.remove(at: $0).resource }
            } ?? make()
        defer { free.withLock { [resource] in $0.append((thread, resource)) } }
        return try body(&resource)
    }
}
