import Platform

/// A failure talking to the emulator process, or one the emulator reported: what failed, with the
/// errno behind it.
public struct SimRemoteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What failed, for people (`connect /tmp/d/sim/sim.sock`, `write .../sriov_numvfs`).
    public var message: String
    /// The error number.
    public var errno: Errno

    public init(_ message: String, errno: Errno) {
        self.message = message
        self.errno = errno
    }

    public var description: String { "\(message): \(errno)" }

    /// The same failure as the Platform boundary reports system calls.
    public var platformError: PlatformError { .systemCall(systemCallError) }

    /// The same failure as a ``SystemCallError`` (the message takes the function's place).
    public var systemCallError: SystemCallError { SystemCallError(message, errno: errno) }
}
