import Daemon
import Foundation
import Testing

/// A datagram socket the test binds, standing in for systemd's notification socket.
struct NotifyListener {
    let fd: Int32
    /// The name to put in NOTIFY_SOCKET.
    let name: String

    /// Binds a path socket, or an abstract one when `abstract` (the name then starts with `@`).
    init(abstract: Bool) throws {
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        let unique = "esd-notify-\(getpid())-\(UUID().uuidString.prefix(8))"
        name = abstract ? "@" + unique : "/tmp/" + unique
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(name.utf8)
        if abstract { bytes[0] = 0 }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + (abstract ? 0 : 1))
        let result = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard result == 0 else { throw SystemdNotifyError(socket: name, reason: String(cString: strerror(errno))) }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// The next datagram, or nil after the receive timeout.
    func receive() -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        return count < 0 ? nil : String(decoding: buffer[..<count], as: UTF8.self)
    }

    func close() {
        Glibc.close(fd)
        if !name.hasPrefix("@") { unlink(name) }
    }
}

@Suite struct SystemdNotifierTests {
    @Test(arguments: [false, true]) func sendsReadyAndStopping(abstract: Bool) throws {
        let listener = try NotifyListener(abstract: abstract)
        defer { listener.close() }
        let notifier = try #require(SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.name]))
        try notifier.ready(status: "ready")
        #expect(listener.receive() == "READY=1\nSTATUS=ready")
        try notifier.stopping()
        #expect(listener.receive() == "STOPPING=1")
    }

    @Test func noSocketMeansNoNotifierAndAMissingSocketIsAnError() {
        #expect(SystemdNotifier(environment: [:]) == nil)
        #expect(SystemdNotifier(environment: ["NOTIFY_SOCKET": ""]) == nil)
        do {
            try SystemdNotifier(socketName: "/tmp/no-such-notify-socket-\(getpid())").ready()
            Issue.record("a notification to a missing socket succeeded")
        } catch {
            #expect(error.description.hasPrefix("cannot notify systemd through /tmp/no-such-notify-socket-"))
        }
    }
}
