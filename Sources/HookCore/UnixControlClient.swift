import ControlAPI
import Foundation
import Platform
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Calls eswitchd over its Unix stream socket: one connection per request, one JSON line each way
/// (`ControlFraming`). Connecting, sending and receiving share one deadline.
///
/// The connection stays open until the answer has been read: the daemon takes a connection closed
/// before its reply as a client that died, and rolls the request back.
public struct UnixControlClient: ControlCalling {
    public var socketPath: String
    /// SIGTERM/SIGINT watcher that ends interruptible calls.
    public var interruption: Interruption?

    public init(socketPath: String, interruption: Interruption? = nil) {
        self.socketPath = socketPath
        self.interruption = interruption
    }

    public func call(_ request: ControlRequest, timeoutSeconds: Double, interruptible: Bool) throws(HookError) -> ControlResponse {
        let deadline = ContinuousClock.now + .milliseconds(Int64((timeoutSeconds * 1000).rounded(.up)))
        let summary = request.hookSummary
        let line: Data
        do {
            line = try ControlFraming.encodeLine(request)
        } catch {
            throw .unexpectedAnswer(request: summary, problem: "request could not be encoded: \(error)")
        }
        var connection = Connection(socketPath: socketPath, summary: summary, deadline: deadline, timeoutSeconds: timeoutSeconds,
                                    interruption: interruptible ? interruption : nil)
        defer { connection.close() }
        try connection.connect()
        try connection.send(Array(line))
        let answer = try connection.receiveLine()
        do {
            return try ControlFraming.decodeLine(ControlResponse.self, from: Data(answer))
        } catch {
            throw .malformedAnswer(socket: socketPath, problem: "\(error)")
        }
    }
}

/// One request's socket, with the deadline and interruption checks of every wait.
private struct Connection {
    let socketPath: String
    let summary: String
    let deadline: ContinuousClock.Instant
    let timeoutSeconds: Double
    let interruption: Interruption?
    var descriptor: Int32 = -1

    init(socketPath: String, summary: String, deadline: ContinuousClock.Instant, timeoutSeconds: Double, interruption: Interruption?) {
        self.socketPath = socketPath
        self.summary = summary
        self.deadline = deadline
        self.timeoutSeconds = timeoutSeconds
        self.interruption = interruption
    }

    mutating func close() {
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
        descriptor = -1
    }

    mutating func connect() throws(HookError) {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let path = Array(socketPath.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard !path.isEmpty, path.count < capacity else { throw .connect(socket: socketPath, errno: Errno(ENAMETOOLONG)) }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path)
            raw[path.count] = 0
        }
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard descriptor >= 0 else { throw .connect(socket: socketPath, errno: Errno(errno)) }
        while true {
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            if result == 0 { return }
            let code = errno
            switch code {
            case EINTR: continue
            case EAGAIN:
                // AF_UNIX: the daemon's accept backlog is full (many hooks at once); wait and retry.
                try checkInterruption()
                guard ContinuousClock.now < deadline else { throw timeout() }
                usleep(5_000)
            case EINPROGRESS:
                try wait(for: Int16(POLLOUT))
                var error: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &length)
                if error == 0 { return }
                throw .connect(socket: socketPath, errno: Errno(error))
            default:
                throw .connect(socket: socketPath, errno: Errno(code))
            }
        }
    }

    func send(_ bytes: [UInt8]) throws(HookError) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { raw in
                Glibc.send(descriptor, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent > 0 {
                offset += sent
                continue
            }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN {
                try wait(for: Int16(POLLOUT))
                continue
            }
            throw .transfer(socket: socketPath, SystemCallError("send", errno: Errno(code)))
        }
    }

    func receiveLine() throws(HookError) -> [UInt8] {
        var line: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.recv(descriptor, $0.baseAddress!, $0.count, 0) }
            if count > 0 {
                let chunk = buffer[..<count]
                if let newline = chunk.firstIndex(of: 0x0A) {
                    line.append(contentsOf: chunk[..<newline])
                    return line
                }
                line.append(contentsOf: chunk)
                guard line.count <= ControlFraming.maximumLineLength else {
                    throw .malformedAnswer(socket: socketPath, problem: "answer longer than \(ControlFraming.maximumLineLength) bytes")
                }
                continue
            }
            if count == 0 { throw .closedWithoutAnswer(socket: socketPath, request: summary) }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN {
                try wait(for: Int16(POLLIN))
                continue
            }
            if code == ECONNRESET { throw .closedWithoutAnswer(socket: socketPath, request: summary) }
            throw .transfer(socket: socketPath, SystemCallError("recv", errno: Errno(code)))
        }
    }

    /// Waits until the socket is ready for `events`, the deadline passes or a signal arrives.
    func wait(for events: Int16) throws(HookError) {
        while true {
            try checkInterruption()
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { throw timeout() }
            let milliseconds = Int32(min(remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000 + 1,
                                         Int64(Int32.max)))
            var descriptors = [pollfd(fd: descriptor, events: events, revents: 0)]
            if let interruption { descriptors.append(pollfd(fd: interruption.readDescriptor, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                throw .transfer(socket: socketPath, SystemCallError("poll", errno: Errno(errno)))
            }
            if descriptors.count > 1, descriptors[1].revents != 0 { continue }  // checkInterruption() reads it
            if descriptors[0].revents != 0 { return }
        }
    }

    func checkInterruption() throws(HookError) {
        if let interruption, interruption.isInterrupted { throw .interrupted(signal: interruption.signalName) }
    }

    func timeout() -> HookError { .timeout(socket: socketPath, request: summary, seconds: timeoutSeconds) }
}
