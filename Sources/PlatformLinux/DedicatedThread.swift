#if canImport(Glibc)
import Glibc
#endif
import Platform

/// Runs a closure on a new, short-lived POSIX thread and waits for it.
///
/// Used for work that changes per-thread kernel state (network namespace, CPU affinity) so that
/// the change never lands on a thread of Swift's concurrency pool.
enum DedicatedThread {
    private final class Job {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    /// Runs `body` on a new thread and returns its result.
    ///
    /// - Throws: only when the thread cannot be created or joined; `body` reports its own
    ///   failures in its result.
    static func run<T>(_ body: () -> T) throws(SystemCallError) -> T {
        var result: T?
        let failure: SystemCallError? = withoutActuallyEscaping({ result = body() }) { escapable in
            let job = Unmanaged.passRetained(Job(escapable))
            var thread = pthread_t()
            let created = pthread_create(&thread, nil, { context in
                guard let context else { return nil }
                Unmanaged<Job>.fromOpaque(context).takeRetainedValue().body()
                return nil
            }, job.toOpaque())
            guard created == 0 else {
                job.release()
                return SystemCallError("pthread_create", errno: Errno(created))
            }
            let joined = pthread_join(thread, nil)
            // Without a successful join the closure may still run: it must not outlive this call.
            guard joined == 0 else { fatalError("pthread_join failed with errno \(joined)") }
            return nil
        }
        if let failure { throw failure }
        guard let result else { fatalError("the dedicated thread ended without running its job") }
        return result
    }
}
