import Synchronization

/// Wakes the learner early when new feedback is logged (a local post, or PostgreSQL's `NOTIFY` from
/// another replica). Waiting still ends after the poll interval, because notifications are lost
/// while a connection is down.
final class WakeSignal: Sendable {
    private let pending = Mutex(false)

    func signal() { pending.withLock { $0 = true } }

    /// Returns when signalled (checked every 20 ms) or after `timeout`.
    func wait(upTo timeout: Duration) async {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline, !Task.isCancelled {
            if pending.withLock({
                let was = $0; $0 = false; return was
            }) {
                return
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }
}
