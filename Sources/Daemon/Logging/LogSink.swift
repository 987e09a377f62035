import Foundation
import Synchronization

/// Where finished log lines go. Each call writes one whole line, so lines from different threads
/// never interleave.
public protocol LogSink: Sendable {
    /// Writes one line (without its newline).
    func write(line: String)
}

/// Standard error, one `write(2)` per line under a lock.
public final class StandardErrorSink: LogSink {
    private let lock = Mutex(())

    public init() {}

    public func write(line: String) {
        var data = Data(line.utf8)
        data.append(0x0A)
        lock.withLock { _ in FileHandle.standardError.write(data) }
    }
}
