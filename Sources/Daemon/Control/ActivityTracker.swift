import Synchronization

/// Counts requests in progress so shutdown can wait for them to finish.
final class ActivityTracker: Sendable {
    private let count = Mutex(0)

    func begin() { count.withLock { $0 += 1 } }
    func end() { count.withLock { $0 -= 1 } }
    var inProgress: Int { count.withLock { $0 } }

    /// Waits until nothing is in progress or `timeout` passes.
    /// - Returns: The number still in progress (0 when idle).
    func waitUntilIdle(timeout: Duration) async -> Int {
        let deadline = ContinuousClock.now + timeout
        while inProgress > 0 && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return inProgress
    }
}
