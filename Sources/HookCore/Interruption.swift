import ControlClient
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Turns SIGTERM/SIGINT into a readable pipe, so a call blocked in `poll` wakes up and the hook can
/// release what it plugged instead of dying half-done.
///
/// `trigger(_:)` may be called from any thread (it only writes to the pipe, as the signal handler
/// does); everything else belongs to the one thread that runs the hook.
public final class Interruption: ControlCallInterruption, @unchecked Sendable {
    public let readDescriptor: Int32
    let writeDescriptor: Int32
    private var sources: [any DispatchSourceSignal] = []
    /// The signal that arrived, once one has been seen.
    public private(set) var signal: Int32?

    /// Creates the pipe (close-on-exec, non-blocking).
    public init() {
        var descriptors: [Int32] = [-1, -1]
        let created = descriptors.withUnsafeMutableBufferPointer { pipe($0.baseAddress!) }
        precondition(created == 0, "pipe failed: errno \(errno)")
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        }
        readDescriptor = descriptors[0]
        writeDescriptor = descriptors[1]
    }

    deinit {
        sources.forEach { $0.cancel() }
        close(readDescriptor)
        close(writeDescriptor)
    }

    /// Catches `signals` from now on (their default action, ending the process, no longer applies).
    public func watch(_ signals: [Int32]) {
        for number in signals {
            _ = Glibc.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            let descriptor = writeDescriptor
            source.setEventHandler {
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(descriptor, &byte, 1)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Marks the interruption as if `number` had arrived (what the signal handler does).
    public func trigger(_ number: Int32) {
        var byte = UInt8(truncatingIfNeeded: number)
        _ = write(writeDescriptor, &byte, 1)
    }

    /// True once a signal has arrived (checks without blocking).
    public var isInterrupted: Bool {
        if signal != nil { return true }
        var byte: UInt8 = 0
        if read(readDescriptor, &byte, 1) == 1 { signal = Int32(byte) }
        return signal != nil
    }

    /// `SIGTERM`, `SIGINT`, or `signal N`.
    public var signalName: String {
        switch signal {
        case SIGTERM: return "SIGTERM"
        case SIGINT: return "SIGINT"
        case let number?: return "signal \(number)"
        case nil: return "no signal"
        }
    }
}
