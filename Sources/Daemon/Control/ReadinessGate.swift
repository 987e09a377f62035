import Synchronization

/// A one-way gate: closed until `open()`, then open forever. Requests wait on it until the first
/// reconcile has made the node match its saved state.
public final class ReadinessGate: Sendable {
    private struct State {
        var isOpen = false
        var nextWaiter = 0
        var waiters: [Int: CheckedContinuation<Bool, Never>] = [:]
    }
    private let state = Mutex(State())

    public init() {}

    public var isOpen: Bool { state.withLock { $0.isOpen } }

    /// Opens the gate and releases every waiter.
    public func open() {
        let waiters = state.withLock { state in
            state.isOpen = true
            defer { state.waiters = [:] }
            return state.waiters
        }
        for waiter in waiters.values { waiter.resume(returning: true) }
    }

    /// Waits until open or until `timeout` has passed.
    /// - Returns: True when open.
    public func wait(timeout: Duration) async -> Bool {
        await withCheckedContinuation { continuation in
            let waiter = state.withLock { state -> Int? in
                if state.isOpen { return nil }
                state.nextWaiter += 1
                state.waiters[state.nextWaiter] = continuation
                return state.nextWaiter
            }
            guard let waiter else { return continuation.resume(returning: true) }
            Task {
                try? await Task.sleep(for: timeout)
                // Whoever removes the continuation resumes it: exactly once, open or timed out.
                if let expired = self.state.withLock({ $0.waiters.removeValue(forKey: waiter) }) {
                    expired.resume(returning: false)
                }
            }
        }
    }
}
