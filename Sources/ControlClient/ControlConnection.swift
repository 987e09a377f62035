import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One blocking Unix stream connection with a deadline (poll(2) before every read and write).
struct ControlConnection {
    private let fd: Int32
    private let path: String
    private let deadline: ContinuousClock.Instant

    init(path: String, timeout: Duration) throws(ControlClientError) {
        self.path = path
        deadline = ContinuousClock.now + timeout
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard !bytes.isEmpty, bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw ControlClientError(socketPath: path, kind: .notRunning, detail: "not a usable Unix socket path")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ControlClientError(socketPath: path, kind: .connectionLost, detail: Self.reason(errno)) }
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                Self.retrying { Int(connect(fd, address, socklen_t(MemoryLayout<sockaddr_un>.size))) }
            }
        }
        if connected != 0 {
            let code = errno
            Glibc.close(fd)
            let kind: ControlClientError.Kind = (code == EACCES || code == EPERM) ? .permissionDenied : .notRunning
            throw ControlClientError(socketPath: path, kind: kind, detail: Self.reason(code))
        }
    }

    func close() { Glibc.close(fd) }

    func write(_ data: Data) throws(ControlClientError) {
        var offset = 0
        while offset < data.count {
            try wait(for: Int16(POLLOUT))
            let written = data.withUnsafeBytes { raw in
                Self.retrying { send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL)) }
            }
            guard written > 0 else { throw ControlClientError(socketPath: path, kind: .connectionLost, detail: Self.reason(errno)) }
            offset += written
        }
    }

    /// Reads up to and without the first `\n`.
    func readLine(limit: Int) throws(ControlClientError) -> Data {
        var line = Data()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            try wait(for: Int16(POLLIN))
            let count = chunk.withUnsafeMutableBytes { raw in Self.retrying { recv(fd, raw.baseAddress, raw.count, 0) } }
            if count < 0 { throw ControlClientError(socketPath: path, kind: .connectionLost, detail: Self.reason(errno)) }
            if count == 0 {
                throw ControlClientError(socketPath: path, kind: .connectionLost, detail: "closed before a complete response (\(line.count) bytes)")
            }
            if let newline = chunk[..<count].firstIndex(of: 0x0A) {
                line.append(contentsOf: chunk[..<newline])
                return line
            }
            line.append(contentsOf: chunk[..<count])
            if line.count > limit {
                throw ControlClientError(socketPath: path, kind: .protocolViolation, detail: "response longer than \(limit) bytes")
            }
        }
    }

    private func wait(for events: Int16) throws(ControlClientError) {
        let left = deadline - ContinuousClock.now
        let milliseconds = max(0, Int32(clamping: left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
        var descriptor = pollfd(fd: fd, events: events, revents: 0)
        let ready = Self.retrying { Int(poll(&descriptor, 1, milliseconds)) }
        if ready == 0 { throw ControlClientError(socketPath: path, kind: .timeout, detail: "no answer within the deadline") }
        if ready < 0 { throw ControlClientError(socketPath: path, kind: .connectionLost, detail: Self.reason(errno)) }
    }

    /// Calls `body` again while it fails with EINTR.
    private static func retrying(_ body: () -> Int) -> Int {
        while true {
            let result = body()
            if result >= 0 || errno != EINTR { return result }
        }
    }

    private static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
