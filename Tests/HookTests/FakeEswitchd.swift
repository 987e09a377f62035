import ControlAPI
import EswitchModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A stand-in for eswitchd on a real Unix socket: answers one JSON line per connection as its
/// `behaviour` says (answer, never answer, close without answering, send garbage), records every
/// request, keeps which domain holds which port, and counts connections served at the same time.
final class FakeEswitchd: @unchecked Sendable {
    enum Reply {
        case answer(ControlResponse)
        /// Keep the connection open without answering until the client goes away.
        case hang
        /// Close without answering.
        case close
        /// Answer with a line that is not JSON.
        case garbage
        /// Answer as the stateful default does (plug allocates, unplug releases).
        case standard
    }

    let socketPath: String
    private let directory: String
    private let behaviour: @Sendable (ControlRequest) -> Reply
    private let delay: Double
    private let lock = NSLock()
    private var listener: Int32 = -1
    private var recorded: [ControlRequest] = []
    private var holders: [PortID: String] = [:]
    private var nextVF: UInt8 = 2
    private var inFlight = 0
    private var peakInFlight = 0
    private var abandoned = 0

    /// Starts listening. `delay` seconds pass before each answer (to make concurrent clients overlap).
    init(delay: Double = 0, behaviour: @escaping @Sendable (ControlRequest) -> Reply = { _ in .standard }) throws {
        directory = "/tmp/esw-fake-\(getpid())-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        socketPath = directory + "/d.sock"
        self.behaviour = behaviour
        self.delay = delay
        listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: Array(socketPath.utf8))
            raw[socketPath.utf8.count] = 0
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, listen(listener, 128) == 0 else { throw POSIXError(.EADDRINUSE) }
        let fd = listener
        // The accept thread holds the fake only weakly, so it goes away (and stops) with the test.
        Thread.detachNewThread { [weak self] in Self.acceptLoop(fd) { [weak self] in self } }
    }

    deinit { stop() }

    /// Stops accepting and removes the socket.
    func stop() {
        lock.lock()
        let fd = listener
        listener = -1
        lock.unlock()
        guard fd >= 0 else { return }
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
        try? FileManager.default.removeItem(atPath: directory)
    }

    var requests: [ControlRequest] { lock.withLock { recorded } }
    /// Ports plugged and not unplugged, with their domain.
    var plugged: [PortID: String] { lock.withLock { holders } }
    /// The most connections that were being served at one moment.
    var peakConcurrency: Int { lock.withLock { peakInFlight } }
    /// Connections the client closed before an answer came (the daemon rolls such a plug back).
    var abandonedConnections: Int { lock.withLock { abandoned } }

    /// Waits until `condition` holds for the recorded requests (10 s at most).
    func waitFor(_ condition: ([ControlRequest]) -> Bool) -> Bool {
        for _ in 0..<1000 {
            if condition(requests) { return true }
            usleep(10_000)
        }
        return false
    }

    private static func acceptLoop(_ fd: Int32, owner: @escaping () -> FakeEswitchd?) {
        while true {
            let client = accept(fd, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            guard let server = owner() else {
                close(client)
                return
            }
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            Thread.detachNewThread { server.serve(client) }
        }
    }

    private func serve(_ client: Int32) {
        defer { close(client) }
        lock.withLock {
            inFlight += 1
            peakInFlight = max(peakInFlight, inFlight)
        }
        defer { lock.withLock { inFlight -= 1 } }
        guard let line = readLine(client), let request = try? ControlFraming.decodeLine(ControlRequest.self, from: Data(line)) else { return }
        lock.withLock { recorded.append(request) }
        if delay > 0 { usleep(UInt32(delay * 1_000_000)) }
        switch behaviour(request) {
        case .answer(let response): write(client, response)
        case .standard: write(client, standardAnswer(request))
        case .close: return
        case .garbage: _ = Array("this is not json\n".utf8).withUnsafeBytes { send(client, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) }
        case .hang:
            var byte: UInt8 = 0
            var descriptor = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
            // The client closing (or dying) makes the socket readable with EOF; 30 s is a safety net.
            if poll(&descriptor, 1, 30_000) > 0, recv(client, &byte, 1, 0) == 0 { lock.withLock { abandoned += 1 } }
        }
    }

    /// What a daemon with free VFs and these semantics answers: plug takes the port for the domain
    /// (refused if another domain holds it), verify reports it, unplug releases it (not_found when not held).
    func standardAnswer(_ request: ControlRequest) -> ControlResponse {
        lock.lock()
        defer { lock.unlock() }
        switch request {
        case .plug(let plug):
            if let holder = holders[plug.port], holder != plug.domain {
                return .failure(ControlFailure(.unavailable, "port \(plug.port) is held by domain \(holder)"))
            }
            holders[plug.port] = plug.domain
            return .plugged(Self.attachment(for: plug, vf: &nextVF))
        case .verify(let port):
            guard let holder = holders[port] else { return .failure(ControlFailure(.notFound, "port \(port) is not plugged")) }
            return .verified(PortAttachment(port: port, domain: holder, device: .software(device: "x"), rulesInHardware: 1, rulesInSoftware: 0))
        case .unplug(let unplug):
            guard let holder = holders[unplug.port] else { return .failure(ControlFailure(.notFound, "port \(unplug.port) is not plugged")) }
            guard holder == unplug.domain else {
                return .failure(ControlFailure(.unavailable, "port \(unplug.port) is held by domain \(holder)"))
            }
            holders[unplug.port] = nil
            return .unplugged(unplug.port)
        default:
            return .failure(ControlFailure(.badRequest, "not a hook request"))
        }
    }

    static func attachment(for plug: PlugRequest, vf: inout UInt8) -> PortAttachment {
        let pf = PCIAddress(bus: 3, device: 0, function: 0)
        let device: PortAttachment.Device
        switch plug.kind {
        case .hostdev:
            device = .vf(address: plug.requestedVF ?? pf, pf: pf, index: VFIndex(0), representor: "pf0vf0")
        case .vdpa:
            vf &+= 1
            device = .vdpa(name: "vdpa-\(plug.port)", vf: PCIAddress(bus: 3, device: vf >> 3, function: vf & 7), representor: "pf0vf\(vf)")
        case .ethernet, .vhostuser:
            device = .software(device: plug.targetDevice ?? "none")
        }
        return PortAttachment(port: plug.port, domain: plug.domain, device: device, rulesInHardware: 3, rulesInSoftware: 1)
    }

    private func readLine(_ client: Int32) -> [UInt8]? {
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let count = recv(client, &byte, 1, 0)
            if count <= 0 { return nil }
            if byte == 0x0A { return line }
            line.append(byte)
        }
    }

    private func write(_ client: Int32, _ response: ControlResponse) {
        guard let line = try? ControlFraming.encodeLine(response) else { return }
        _ = Array(line).withUnsafeBytes { send(client, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) }
    }
}

extension ControlRequest {
    /// `plug p1`, `verify p1`, `unplug p1`: compact forms for assertions.
    var shortForm: String {
        switch self {
        case .plug(let plug): return "plug \(plug.port)"
        case .verify(let port): return "verify \(port)"
        case .unplug(let unplug): return "unplug \(unplug.port)"
        default: return "other"
        }
    }
}
