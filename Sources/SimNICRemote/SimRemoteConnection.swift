#if canImport(Glibc)
import Glibc
#endif
import Platform
import Synchronization

/// One client connection to the emulator, for request/reply channels: a request frame out, its
/// reply frame back, one exchange at a time.
///
/// It connects on first use and again after a failure (the emulator restarted), but never repeats
/// a request: one whose reply was lost may have been carried out, and repeating a netlink request
/// is not always harmless (NLM_F_EXCL).
public final class SimRemoteConnection: Sendable {
    /// The emulator's socket.
    public let path: String
    /// How long a connect, a write or a read may block.
    public let timeout: Duration
    private let descriptor = Mutex<Int32>(-1)

    /// - Parameters:
    ///   - path: the emulator's socket (`STATE/sim.sock`).
    ///   - timeout: the limit of each blocking step; an exchange that takes longer fails with EAGAIN.
    public init(path: String, timeout: Duration = .seconds(30)) {
        self.path = path
        self.timeout = timeout
    }

    deinit {
        descriptor.withLock { fd in if fd >= 0 { close(fd) } }
    }

    /// Sends one request frame and returns the datagrams of its reply.
    /// - Throws: ``SimRemoteError`` when the emulator cannot be reached or the connection fails.
    public func exchange(_ channel: SimRemoteChannel, port: UInt32, payload: [UInt8]) throws(SimRemoteError) -> [[UInt8]] {
        let frame = SimRemoteFrame.request(channel, port: port, payload: payload)
        return try descriptor.withLock { (fd: inout Int32) throws(SimRemoteError) -> [[UInt8]] in
            if fd < 0 { fd = try SimRemoteSocket.connect(path, timeout: timeout) }
            do throws(SimRemoteError) {
                try SimRemoteSocket.write(fd, frame)
                guard let datagrams = try SimRemoteSocket.readReply(fd) else {
                    throw SimRemoteError("emulator answered a \(channel) request with an overflow frame", errno: Errno(EPROTO))
                }
                return datagrams
            } catch {
                // The stream's framing is lost with the failure: the next exchange connects anew.
                close(fd)
                fd = -1
                throw error
            }
        }
    }
}
