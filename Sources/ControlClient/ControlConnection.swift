import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One non-blocking Unix stream connection with a deadline: every wait is a poll(2) on the socket
/// (and the interruption's descriptor), so neither a silent daemon nor a full accept backlog can
/// hold the caller past its deadline.
struct ControlConnection {
    private let path: String
    private let deadline: ContinuousClock.Instant
    private let interruption: (any ControlCallInterruption)?
    private var fd: Int32 = -1

    init(path: String, deadline: ContinuousClock.Instant, interruption: (any ControlCallInterruption)?) {
        self.path = path
        self.deadline = deadline
        self.interruption = interruption
    }

    mutating func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    mutating func connect() throws(ControlClientError) {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard !bytes.isEmpty, bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw failure(.notRunning, "not a usable Unix socket path", errno: ENAMETOOLONG)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { throw failure(.connectionLost, errno: Glibc.errno) }
        while true {
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            if result == 0 { return }
            let code = Glibc.errno
            switch code {
            case EINTR: continue
            case EAGAIN:
                // AF_UNIX answers EAGAIN when the daemon's accept backlog is full (many hooks at once).
                try checkInterruption()
                guard ContinuousClock.now < deadline else { throw failure(.timeout, "the daemon's accept queue stayed full") }
                usleep(5_000)
            case EINPROGRESS:
                try wait(for: Int16(POLLOUT))
                var error: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
                if error == 0 { return }
                throw connectFailure(error)
            default:
                throw connectFailure(code)
            }
        }
    }

    func write(_ bytes: [UInt8]) throws(ControlClientError) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { raw in Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL)) }
            if sent > 0 {
                offset += sent
                continue
            }
            let code = Glibc.errno
            if code == EINTR { continue }
            if code == EAGAIN {
                try wait(for: Int16(POLLOUT))
                continue
            }
            throw failure(.connectionLost, "send: \(Self.reason(code))", errno: code)
        }
    }

    /// Reads up to and without the first `\n`.
    func readLine(limit: Int) throws(ControlClientError) -> [UInt8] {
        var line: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                if let newline = chunk[..<count].firstIndex(of: 0x0A) {
                    line.append(contentsOf: chunk[..<newline])
                    return line
                }
                line.append(contentsOf: chunk[..<count])
                if line.count > limit { throw failure(.protocolViolation, "response longer than \(limit) bytes") }
                continue
            }
            if count == 0 { throw failure(.closedWithoutAnswer, "closed before a complete response (\(line.count) bytes)") }
            let code = Glibc.errno
            if code == EINTR { continue }
            if code == EAGAIN {
                try wait(for: Int16(POLLIN))
                continue
            }
            if code == ECONNRESET { throw failure(.closedWithoutAnswer, "connection reset", errno: code) }
            throw failure(.connectionLost, "recv: \(Self.reason(code))", errno: code)
        }
    }

    /// Waits until the socket is ready for `events`, the deadline passes or the interruption fires.
    private func wait(for events: Int16) throws(ControlClientError) {
        while true {
            try checkInterruption()
            let left = deadline - ContinuousClock.now
            guard left > .zero else { throw failure(.timeout, "no answer within the deadline") }
            let milliseconds = Int32(clamping: left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1)
            var descriptors = [pollfd(fd: fd, events: events, revents: 0)]
            if let interruption { descriptors.append(pollfd(fd: interruption.readDescriptor, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
            if ready < 0 {
                if Glibc.errno == EINTR { continue }
                throw failure(.connectionLost, "poll: \(Self.reason(Glibc.errno))", errno: Glibc.errno)
            }
            if descriptors.count > 1, descriptors[1].revents != 0 { continue }  // checkInterruption() reports it
            if descriptors[0].revents != 0 { return }
        }
    }

    private func checkInterruption() throws(ControlClientError) {
        if let interruption, interruption.isInterrupted { throw failure(.interrupted, interruption.signalName) }
    }

    private func connectFailure(_ code: Int32) -> ControlClientError {
        failure(code == EACCES || code == EPERM ? .permissionDenied : .notRunning, errno: code)
    }

    private func failure(_ kind: ControlClientError.Kind, _ detail: String? = nil, errno code: Int32? = nil) -> ControlClientError {
        ControlClientError(socketPath: path, kind: kind, detail: detail ?? code.map(Self.reason) ?? "", errno: code)
    }

    private static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
