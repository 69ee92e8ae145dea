import Synchronization

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
