#if canImport(Glibc)
import Glibc
#endif

/// Tells systemd about the daemon's state (sd_notify(3) protocol): datagrams of `KEY=VALUE` lines
/// sent to the Unix socket named in `$NOTIFY_SOCKET`. A name starting with `@` is in the abstract
/// namespace (the `@` stands for a leading NUL byte and the name is not NUL-terminated).
public struct SystemdNotifier: Sendable {
    /// The socket address as given (a path or `@name`).
    public let socketName: String

    /// - Parameter socketName: A path or `@abstract-name`.
    public init(socketName: String) { self.socketName = socketName }

    /// The notifier for `$NOTIFY_SOCKET`, or nil when the daemon was not started by systemd with
    /// `Type=notify` (then notifications are simply not sent).
    public init?(environment: [String: String]) {
        guard let name = environment["NOTIFY_SOCKET"], !name.isEmpty else { return nil }
        self.init(socketName: name)
    }

    /// `READY=1`: start-up is finished (sent after the first reconcile).
    public func ready(status: String? = nil) throws(SystemdNotifyError) {
        try send(["READY=1"] + (status.map { ["STATUS=\($0)"] } ?? []))
    }

    /// `STOPPING=1`: shutdown has begun.
    public func stopping() throws(SystemdNotifyError) { try send(["STOPPING=1"]) }

    /// `STATUS=...`: a one-line status `systemctl status` shows.
    public func status(_ text: String) throws(SystemdNotifyError) { try send(["STATUS=\(text)"]) }

    /// Sends one datagram with the given `KEY=VALUE` assignments, one per line.
    /// - Throws: `SystemdNotifyError` naming the socket and the system's reason.
    public func send(_ assignments: [String]) throws(SystemdNotifyError) {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var name = Array(socketName.utf8)
        let abstract = name.first == UInt8(ascii: "@")
        if abstract { name[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard !name.isEmpty, name.count < capacity else { throw SystemdNotifyError(socket: socketName, reason: "socket name too long or empty") }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: name) }
        // Abstract names are exactly their bytes; paths include the terminating NUL.
        let length = MemoryLayout<sa_family_t>.size + name.count + (abstract ? 0 : 1)

        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SystemdNotifyError(socket: socketName, errno: errno) }
        defer { close(fd) }
        let message = Array(assignments.joined(separator: "\n").utf8)
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                message.withUnsafeBytes { bytes in
                    retryingOnInterrupt { sendto(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL), address, socklen_t(length)) }
                }
            }
        }
        guard sent == message.count else { throw SystemdNotifyError(socket: socketName, errno: errno) }
    }
}

/// Calls `body` again while it fails with EINTR.
func retryingOnInterrupt(_ body: () -> Int) -> Int {
    while true {
        let result = body()
        if result >= 0 || errno != EINTR { return result }
    }
}

/// A notification could not be sent.
public struct SystemdNotifyError: Error, Hashable, Sendable, CustomStringConvertible {
    public var socket: String
    public var reason: String

    public init(socket: String, reason: String) {
        self.socket = socket
        self.reason = reason
    }

    init(socket: String, errno: Int32) { self.init(socket: socket, reason: String(cString: strerror(errno))) }

    public var description: String { "cannot notify systemd through \(socket): \(reason)" }
}
