import Synchronization

/// The time source of an emulated host: action install/last-use times and the optional set-up
/// latencies of the profile (VF creation, vDPA device creation) are read from it.
public protocol SimNICClock: Sendable {
    /// Monotonic time since the emulated host booted.
    func now() -> Duration
    /// Lets `duration` pass: a manual clock moves forward at once, a real clock sleeps.
    func sleep(for duration: Duration)
}

/// A clock that moves only when told: deterministic tests of counters' last-use times and of
/// latencies (``sleep(for:)`` advances it instead of waiting).
public final class ManualClock: SimNICClock {
    private let current: Mutex<Duration>

    /// - Parameter start: the time the clock shows at first.
    public init(start: Duration = .zero) {
        current = Mutex(start)
    }

    public func now() -> Duration { current.withLock { $0 } }

    public func sleep(for duration: Duration) { advance(by: duration) }

    /// Moves the clock forward (negative durations are ignored: the clock is monotonic).
    public func advance(by duration: Duration) {
        guard duration > .zero else { return }
        current.withLock { $0 += duration }
    }
}

/// The process's monotonic clock; ``sleep(for:)`` really waits.
public struct SystemSimNICClock: SimNICClock {
    private let start: ContinuousClock.Instant

    public init() { start = ContinuousClock.now }

    public func now() -> Duration { ContinuousClock.now - start }

    public func sleep(for duration: Duration) {
        guard duration > .zero else { return }
        let deadline = ContinuousClock.now + duration
        // Blocking on purpose: the emulated kernel call takes that long for its caller.
        while ContinuousClock.now < deadline {
            let left = deadline - ContinuousClock.now
            let (seconds, attoseconds) = left.components
            var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
            _ = nanosleep(&request, nil)
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
