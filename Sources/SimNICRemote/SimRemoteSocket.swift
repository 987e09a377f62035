#if canImport(Glibc)
import Glibc
#endif
import Platform

/// Blocking Unix stream socket calls for the emulator's protocol: connect, whole writes, whole
/// reads, and the frames of ``SimRemoteFrame`` read from a descriptor. EINTR is retried.
public enum SimRemoteSocket {
    /// Connects to the Unix socket at `path`; reads and writes time out after `timeout`.
    /// - Throws: ``SimRemoteError`` naming the path (ENOENT: no socket file, ECONNREFUSED: nobody
    ///   listens, ENAMETOOLONG: the path does not fit `sun_path`).
    public static func connect(_ path: String, timeout: Duration) throws(SimRemoteError) -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw SimRemoteError("emulator socket path \(path)", errno: Errno(ENAMETOOLONG))
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SimRemoteError("socket", errno: Errno(errno)) }
        let seconds = timeout.components.seconds, micros = timeout.components.attoseconds / 1_000_000_000_000
        var limit = timeval(tv_sec: Int(seconds), tv_usec: Int(micros))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var result: Int32
        repeat {
            result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
        } while result < 0 && errno == EINTR
        guard result == 0 else {
            let failure = Errno(errno)
            close(fd)
            throw SimRemoteError("connect \(path)", errno: failure)
        }
        return fd
    }

    /// Writes all of `bytes`.
    /// - Throws: ``SimRemoteError`` (EPIPE when the peer went away; MSG_NOSIGNAL keeps SIGPIPE off).
    public static func write(_ fd: Int32, _ bytes: [UInt8]) throws(SimRemoteError) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + done, bytes.count - done, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw SimRemoteError("write to the emulator", errno: Errno(n < 0 ? errno : EPIPE)) }
            done += n
        }
    }

    /// Reads exactly `count` bytes.
    /// - Throws: ``SimRemoteError``: ECONNRESET when the peer closed the connection first, EAGAIN
    ///   when the timeout passed.
    public static func read(_ fd: Int32, count: Int) throws(SimRemoteError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + done, count - done, 0) }
            if n < 0 && errno == EINTR { continue }
            if n == 0 { throw SimRemoteError("read from the emulator: connection closed", errno: Errno(ECONNRESET)) }
            guard n > 0 else { throw SimRemoteError("read from the emulator", errno: Errno(errno)) }
            done += n
        }
        return buffer
    }

    /// Reads one reply frame: its datagrams, or nil for the events channel's overflow frame.
    /// - Throws: ``SimRemoteError`` (EPROTO when a length is beyond ``SimRemoteFrame/maximumLength``).
    public static func readReply(_ fd: Int32) throws(SimRemoteError) -> [[UInt8]]? {
        let count = SimRemoteFrame.u32(try read(fd, count: 4), at: 0)
        if count == SimRemoteFrame.overflowCount { return nil }
        guard count <= SimRemoteFrame.maximumLength else {
            throw SimRemoteError("emulator reply of \(count) datagrams", errno: Errno(EPROTO))
        }
        var datagrams: [[UInt8]] = []
        for _ in 0..<count {
            let length = SimRemoteFrame.u32(try read(fd, count: 4), at: 0)
            guard length <= SimRemoteFrame.maximumLength else {
                throw SimRemoteError("emulator reply datagram of \(length) bytes", errno: Errno(EPROTO))
            }
            datagrams.append(try read(fd, count: Int(length)))
        }
        return datagrams
    }

    /// Reads one request frame (the server's side).
    /// - Returns: the raw channel number, the port id and the payload.
    /// - Throws: ``SimRemoteError`` on a closed connection or a length outside 8...maximum.
    public static func readRequest(_ fd: Int32) throws(SimRemoteError) -> (channel: UInt32, port: UInt32, payload: [UInt8]) {
        let length = SimRemoteFrame.u32(try read(fd, count: 4), at: 0)
        guard length >= 8, length <= SimRemoteFrame.maximumLength else {
            throw SimRemoteError("request frame of \(length) bytes", errno: Errno(EPROTO))
        }
        let body = try read(fd, count: Int(length))
        return (SimRemoteFrame.u32(body, at: 0), SimRemoteFrame.u32(body, at: 4), Array(body[8...]))
    }

    /// Waits until `fd` is readable (or closed) for at most `timeout`; nil waits without limit.
    /// - Returns: false when the time passed first.
    public static func waitReadable(_ fd: Int32, timeout: Duration?) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let milliseconds = timeout.map { Int32(clamping: $0.components.seconds * 1000 + $0.components.attoseconds / 1_000_000_000_000_000) } ?? -1
        var ready: Int32
        repeat { ready = poll(&entry, 1, milliseconds) } while ready < 0 && errno == EINTR
        return ready > 0
    }
}
