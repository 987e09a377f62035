import ControlAPI
import Dispatch
import Synchronization

/// Runs a blocking Platform call (a sysfs write, a netlink exchange) on a dispatch thread with a
/// deadline, so that slow device operations (VF creation takes about half a second per VF on real
/// hardware) neither occupy the few threads of Swift's cooperative pool nor hang a caller forever.
///
/// A call that misses its deadline cannot be interrupted (the kernel finishes it): the caller gets
/// ``ControlFailure/Code/timeout`` at once and the late result is dropped. Callers that changed
/// the host before the deadline still roll back what they know they did.
enum BlockingCall {
    /// Runs `body` and returns its result, or fails with a timeout naming `what`.
    static func run<T: Sendable>(_ what: String, timeout: Duration,
                                 _ body: @escaping @Sendable () -> Result<T, ControlFailure>) async throws(ControlFailure) -> T {
        let result: Result<T, ControlFailure> = await withCheckedContinuation { continuation in
            let pending = Mutex(true)
            let resume: @Sendable (Result<T, ControlFailure>) -> Void = { value in
                let first = pending.withLock { open -> Bool in
                    defer { open = false }
                    return open
                }
                if first { continuation.resume(returning: value) }
            }
            DispatchQueue.global().async { resume(body()) }
            let (seconds, attoseconds) = timeout.components
            let nanoseconds = max(0, Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
            DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) {
                resume(.failure(ControlFailure(.timeout, "\(what) did not finish within \(timeout)")))
            }
        }
        return try result.get()
    }
}
