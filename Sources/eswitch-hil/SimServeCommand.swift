import ArgumentParser
import Dispatch
import Foundation
import SimNIC
import SimNICRemote

/// `eswitch-hil sim serve`: the emulator process; serves netlink requests on DIR/sim.sock until
/// stopped.
struct SimServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve an emulated host's netlink on STATE/sim.sock (in the foreground; `sim exec` starts it for you)."
    )

    @OptionGroup var host: SimHostOptions

    @OptionGroup var ports: SimBackingOptions

    @Option(help: "The state directory (socket sim.sock, pid file sim.pid, dataplane.json).")
    var state: String

    func run() throws {
        // A parent (a test runner) may have blocked signals; `sim stop` relies on SIGTERM.
        var none = sigset_t()
        sigemptyset(&none)
        sigprocmask(SIG_SETMASK, &none, nil)
        let profile = try ProfileLookup.load(host.profile)
        let endpoint: SimNICEndpoint
        do {
            var emulated = try SimNICSetup(pfs: host.pfs, vfs: host.vfs, eswitchMode: host.switchdev ? "switchdev" : nil)
                // Forwarding real frames: counters' lastused and police buckets follow real time.
                .host(profile: profile, clock: ports.backing == .netns ? SystemSimNICClock() : ManualClock())
            if host.unboundVFs {
                for vf in emulated.physicalFunctions.flatMap(\.vfs) { try emulated.unbindVF(at: vf.address) }
            }
            endpoint = SimNICEndpoint(host: emulated)
        } catch {
            throw SimCommandError("cannot build the emulated host: \(error)")
        }
        let paths = SimStatePaths(state)
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        unlink(paths.statistics)
        let dataPlane = ports.backing == .netns ? try SimDataPlaneService(endpoint: endpoint, options: ports, paths: paths) : nil
        let listener: Int32
        do {
            listener = try SimSocket.listen(at: paths.socket)
        } catch {
            dataPlane?.stop()
            throw error
        }
        try "\(getpid())\n".write(toFile: paths.pid, atomically: true, encoding: .utf8)
        // SIGTERM (sim stop), SIGINT and SIGHUP end the process after the devices and namespaces
        // it made are gone; the socket file is removed by `sim stop`.
        let signals = Self.onTermination {
            dataPlane?.stop()
            unlink(paths.statistics)
            Glibc.exit(0)
        }
        defer { withExtendedLifetime(signals) {} }
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                throw SimCommandError("accept on \(paths.socket): \(String(cString: strerror(errno)))")
            }
            let connection = SimConnection(fd: client, endpoint: endpoint)
            Thread.detachNewThread { connection.serve() }
        }
    }
}

extension SimServeCommand {
    /// Runs `body` once on SIGTERM, SIGINT or SIGHUP (their default action, ending the process at
    /// once, is turned off). Keep the returned sources alive.
    static func onTermination(_ body: @escaping @Sendable () -> Void) -> [any DispatchSourceSignal] {
        let queue = DispatchQueue(label: "simnic-signals")
        return [SIGTERM, SIGINT, SIGHUP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler(handler: body)
            source.resume()
            return source
        }
    }
}

/// The files of a state directory.
struct SimStatePaths {
    let socket: String
    let pid: String
    let log: String
    /// The data plane counters (`--backing netns`), rewritten twice a second.
    let statistics: String

    init(_ directory: String) {
        let dir = URL(fileURLWithPath: directory, isDirectory: true)
        socket = dir.appendingPathComponent("sim.sock").path
        pid = dir.appendingPathComponent("sim.pid").path
        log = dir.appendingPathComponent("sim.log").path
        statistics = dir.appendingPathComponent("dataplane.json").path
    }
}

/// One program's netlink socket, relayed by the preload library: request frames in, reply frames
/// out (the frame layout is described in Sources/CSimNICPreload/simnic_preload.c).
final class SimConnection: @unchecked Sendable {
    let fd: Int32
    let endpoint: SimNICEndpoint

    /// NETLINK_GENERIC's protocol number (linux/netlink.h).
    static let netlinkGeneric: UInt32 = 16
    /// The largest request accepted (a netlink datagram is far smaller).
    static let maximumFrame: UInt32 = 1 << 24

    init(fd: Int32, endpoint: SimNICEndpoint) {
        self.fd = fd
        self.endpoint = endpoint
    }

    func serve() {
        defer { close(fd) }
        while true {
            guard let head = SimSocket.read(fd, count: 4) else { return }
            let length = SimSocket.u32(head, 0)
            guard length >= 8, length <= Self.maximumFrame, let body = SimSocket.read(fd, count: Int(length)) else { return }
            let protocolNumber = SimSocket.u32(body, 0)
            let port = SimSocket.u32(body, 4)
            let request = Array(body[8...])
            // The control and event channels (Sources/SimNICRemote/SimRemoteChannel.swift).
            if SimRemoteChannel(rawValue: protocolNumber)?.isExtension == true {
                guard SimRemoteServer(endpoint: endpoint).serve(channel: protocolNumber, payload: request, on: fd) else { return }
                continue
            }
            // Sysfs accesses (`sim sysfs`) come on the same stream with their own protocol number.
            let replies = protocolNumber == SimSysfsExchange.protocolNumber
                ? [SimSysfsExchange.answer(request, on: endpoint)]
                : endpoint.handle(request, protocol: protocolNumber == Self.netlinkGeneric ? .generic : .route)
            var out: [UInt8] = []
            SimSocket.append(UInt32(replies.count), to: &out)
            for var datagram in replies {
                if protocolNumber != SimSysfsExchange.protocolNumber { Self.stampPort(port, in: &datagram) }
                SimSocket.append(UInt32(datagram.count), to: &out)
                out += datagram
            }
            guard SimSocket.write(fd, out) else { return }
        }
    }

    /// Gives every message of a reply the requesting socket's port id, as the kernel addresses
    /// unicast replies (iproute2 drops dump parts whose nlmsg_pid is not its own).
    static func stampPort(_ port: UInt32, in datagram: inout [UInt8]) {
        var offset = 0
        while offset + 16 <= datagram.count {
            let length = Int(SimSocket.u32(datagram, offset))
            guard length >= 16 else { return }
            datagram[offset + 12] = UInt8(truncatingIfNeeded: port)
            datagram[offset + 13] = UInt8(truncatingIfNeeded: port >> 8)
            datagram[offset + 14] = UInt8(truncatingIfNeeded: port >> 16)
            datagram[offset + 15] = UInt8(truncatingIfNeeded: port >> 24)
            offset += (length + 3) & ~3
        }
    }
}

/// Unix stream socket helpers (blocking, whole reads and writes).
enum SimSocket {
    static func address(_ path: String) throws -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity else { throw SimCommandError("socket path too long (\(bytes.count) bytes, at most \(capacity - 1)): \(path)") }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
            raw[bytes.count] = 0
        }
        return address
    }

    static func listen(at path: String) throws -> Int32 {
        var address = try address(path)
        unlink(path)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SimCommandError("socket: \(String(cString: strerror(errno)))") }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, Glibc.listen(fd, 64) == 0 else {
            throw SimCommandError("cannot listen on \(path): \(String(cString: strerror(errno)))")
        }
        return fd
    }

    /// True when something accepts connections at `path`.
    static func isServing(_ path: String) -> Bool {
        guard var address = try? address(path) else { return false }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        } == 0
    }

    static func read(_ fd: Int32, count: Int) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + done, count - done) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return nil }
            done += n
        }
        return buffer
    }

    static func write(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + done, bytes.count - done, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            done += n
        }
        return true
    }

    static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }

    static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes += [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8),
                  UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 24)]
    }
}
