#if canImport(Glibc)
import Glibc
#endif
import CEswitchShim
import CMnl
import Netlink
import Platform

/// One netlink socket through libmnl: open, bind, options, send, receive. Every call goes
/// through ``SystemCall`` (EINTR retried there). Not thread-safe: its owners serialise access.
final class MnlSocket {
    private let socket: OpaquePointer
    /// The port id the kernel bound the socket to.
    let portID: UInt32
    /// The socket's file descriptor (for poll).
    let descriptor: Int32

    /// Opens and binds a socket of `netlinkProtocol` (close-on-exec, kernel-chosen port id).
    init(_ netlinkProtocol: NetlinkProtocol) throws(SystemCallError) {
        let bus: Int32 = switch netlinkProtocol {
        case .route: NETLINK_ROUTE
        case .generic: NETLINK_GENERIC
        }
        let opened = try SystemCall.runNonNil("mnl_socket_open2") { mnl_socket_open2(bus, Int32(SOCK_CLOEXEC.rawValue)) }
        do {
            _ = try SystemCall.run("mnl_socket_bind") { mnl_socket_bind(opened, 0, pid_t(MNL_SOCKET_AUTOPID)) }
        } catch {
            mnl_socket_close(opened)
            throw error
        }
        socket = opened
        portID = mnl_socket_get_portid(opened)
        descriptor = mnl_socket_get_fd(opened)
    }

    deinit { mnl_socket_close(socket) }

    /// Sets an int-valued SOL_NETLINK option (NETLINK_EXT_ACK, NETLINK_ADD_MEMBERSHIP...).
    func setNetlinkOption(_ option: Int32, _ value: Int32, name: String) throws(SystemCallError) {
        var value = value
        _ = try SystemCall.run("setsockopt(\(name))") {
            mnl_socket_setsockopt(socket, option, &value, socklen_t(MemoryLayout<Int32>.size))
        }
    }

    /// Sets an int-valued SOL_SOCKET option (SO_RCVBUF...).
    func setSocketOption(_ option: Int32, _ value: Int32, name: String) throws(SystemCallError) {
        var value = value
        _ = try SystemCall.run("setsockopt(\(name))") {
            setsockopt(descriptor, SOL_SOCKET, option, &value, socklen_t(MemoryLayout<Int32>.size))
        }
    }

    /// Makes receive fail with EAGAIN when nothing arrives for `timeout` (SO_RCVTIMEO): cheaper
    /// than a poll before every receive on the request path.
    func setReceiveTimeout(_ timeout: Duration) throws(SystemCallError) {
        let (seconds, attoseconds) = timeout.components
        var value = timeval(tv_sec: Int(clamping: max(seconds, 0)), tv_usec: Int(attoseconds / 1_000_000_000_000))
        if value.tv_sec == 0 && value.tv_usec == 0 { value.tv_usec = 1 }  // zero would mean "no timeout"
        _ = try SystemCall.run("setsockopt(SO_RCVTIMEO)") {
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
        }
    }

    /// Sends one datagram to the kernel.
    func send(_ bytes: [UInt8]) throws(SystemCallError) {
        // withUnsafeBytes rethrows untyped errors, so the typed error travels out as a Result.
        let sent = bytes.withUnsafeBytes { raw in
            Result { () throws(SystemCallError) -> Int in
                try SystemCall.run("mnl_socket_sendto") { mnl_socket_sendto(socket, raw.baseAddress, raw.count) }
            }
        }
        _ = try sent.get()
    }

    /// Waits until a datagram is readable or `deadline` passes (nil: no limit).
    ///
    /// - Returns: false when the deadline passed first.
    func waitReadable(until deadline: ContinuousClock.Instant?) throws(SystemCallError) -> Bool {
        guard let deadline else { return true }
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = try SystemCall.run("poll") { () -> Int32 in
            // Recomputed on every EINTR retry, so a stream of signals cannot stretch the wait.
            let left = ContinuousClock.now.duration(to: deadline)
            let milliseconds = max(0, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)
            return poll(&entry, 1, Int32(clamping: milliseconds))
        }
        return ready > 0
    }

    /// Receives one datagram into `buffer`; returns its length.
    ///
    /// ENOBUFS (the kernel dropped messages) and ENOSPC (libmnl: the datagram was longer than
    /// the buffer and was cut) come back as ``SystemCallError`` for the caller to map.
    func receive(into buffer: inout [UInt8]) throws(SystemCallError) -> Int {
        let received = buffer.withUnsafeMutableBytes { raw in
            Result { () throws(SystemCallError) -> Int in
                try SystemCall.run("mnl_socket_recvfrom") { mnl_socket_recvfrom(socket, raw.baseAddress, raw.count) }
            }
        }
        return try received.get()
    }
}
