import EswitchModel
import Foundation
import Netlink
import Platform
import PlatformLinux
@testable import SimNIC
import Synchronization
import Testing

/// An emulated ConnectX-6 Dx host (one PF, two VFs, switchdev) whose ports are real kernel devices
/// in private network namespaces: each VF is a veth whose far end `eth0` is a "VM" namespace with
/// an address, the representors are TAP devices in a node namespace, and (optionally) the wire is
/// a veth into an underlay namespace. The kernel removes every namespace and device when the lab
/// is gone, whatever happened in the test.
final class KernelPortLab {
    static let vmMACs = [MACAddress(0x02, 0, 0, 0, 0, 0x10), MACAddress(0x02, 0, 0, 0, 0, 0x11)]
    static let vmIPs = ["10.0.0.1", "10.0.0.2"]

    let node: NetworkNamespace
    let vms: [NetworkNamespace]
    let underlay: NetworkNamespace?
    let endpoint: SimNICEndpoint
    let route: SimNetlinkTransport
    let runner: SimNICDataPlaneRunner

    /// - Parameters:
    ///   - wire: back PF 0's wire by a veth (`wire-pf0`) into an underlay namespace (`ul0`).
    ///   - offloads: leave transmit checksum offload on in the VMs (their frames carry partial
    ///     checksums for the NIC to finish).
    init(wire: Bool = false, offloads: Bool = false) throws {
        node = try NetworkNamespace.create()
        vms = [try NetworkNamespace.create(), try NetworkNamespace.create()]
        underlay = wire ? try NetworkNamespace.create() : nil
        for ns in [node] + vms + (underlay.map { [$0] } ?? []) { try Self.disableIPv6(ns) }

        var host = EmulatedHost(profile: Profiles.connectX6Dx, configuration: EmulatedHostConfiguration(
            physicalFunctions: 1, initialVFs: 2, eswitchMode: .switchdev), clock: SystemSimNICClock())
        if wire { try host.createLink(name: "vxlan0", info: LinkInfo([.kind("vxlan"), .data(.vxlan([.collectMetadata(true), .port(4789)]))])) }
        endpoint = SimNICEndpoint(host: host)
        route = SimNetlinkTransport(endpoint: endpoint, protocol: .route)

        for (index, vm) in vms.enumerated() {
            try VethPair.create(SimNICPortBacking.virtualFunctionDeviceName(representor: "pf0vf\(index)"), in: node,
                                peer: InterfaceName("eth0"), peerNamespace: vm, peerMAC: Self.vmMACs[index], peerOffloads: offloads)
            try Self.run(vm, ["ip", "addr", "add", Self.vmIPs[index] + "/24", "dev", "eth0"])
        }
        if let underlay {
            try VethPair.create(SimNICPortBacking.wireDeviceName(pf: 0), in: node, peer: InterfaceName("ul0"), peerNamespace: underlay,
                                peerMAC: Self.underlayMAC)
        }
        let nodePath = NetworkNamespacePath(rawValue: node.debugPath)
        runner = try SimNICDataPlaneRunner(endpoint: endpoint, backing: .standard(for: host, node: nodePath, wires: wire),
                                           factory: LinuxPacketPortFactory())
        runner.start()
    }

    deinit { runner.stop() }

    static let underlayMAC = MACAddress(0x04, 0, 0, 0, 0, 0x02)

    static func disableIPv6(_ namespace: NetworkNamespace) throws {
        try namespace.perform {
            for key in ["default", "all"] {
                try "1".write(toFile: "/proc/sys/net/ipv6/conf/\(key)/disable_ipv6", atomically: false, encoding: .utf8)
            }
        }
    }

    /// Runs a command in a namespace; its standard output, or a thrown error with its standard
    /// error when it does not exit 0.
    @discardableResult
    static func run(_ namespace: NetworkNamespace, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/nsenter")
        process.arguments = ["--net=\(namespace.debugPath)"] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problem = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PlatformError.unavailable("\(arguments.joined(separator: " ")): exit \(process.terminationStatus): \(String(decoding: problem, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// True when `count` pings from VM `from` to `address` all came back.
    func ping(from: Int, _ address: String, count: Int = 3) -> Bool {
        (try? Self.run(vms[from], ["ping", "-c", "\(count)", "-i", "0.05", "-W", "2", "-q", address])) != nil
    }

    /// The emulated interface index of a link.
    func ifindex(_ name: String) throws -> IfIndex {
        try #require(endpoint.host.link(named: name)).ifindex
    }

    /// A node namespace device, as packet ports name it.
    func nodeDevice(_ name: String) -> PacketDevice {
        PacketDevice(name: InterfaceName(name), namespace: NetworkNamespacePath(rawValue: node.debugPath))
    }

    /// `tc qdisc add dev NAME ingress` through the emulated host's netlink.
    func addIngress(_ name: String) throws {
        try route.request(NetlinkMessage.addQdisc(.ingress(ifindex: try ifindex(name))))
    }

    /// `tc filter add dev DEV ingress protocol P prio N flower skip_sw MATCH action ...`.
    @discardableResult
    func addFilter(on dev: String, priority: UInt16 = 1, protocol proto: EtherType = .ipv4, match: FlowerMatch,
                   actions: [TCActionOptions]) throws -> FilterMessage {
        let list = actions.enumerated().map { TCAction(order: UInt16($0.offset + 1), $0.element) }
        let filter = try FilterMessage.flower(ifindex: try ifindex(dev), priority: priority, protocol: proto, match: match,
                                              actions: list, flags: .skipSoftware)
        try route.request(NetlinkMessage.addFilter(filter))
        return filter
    }

    /// Hardware packets of the first action of each filter on `dev`'s ingress, as a dump shows them.
    func hardwarePackets(on dev: String) throws -> [UInt64] {
        try route.dump(NetlinkMessage.dumpFilters(.dump(ifindex: try ifindex(dev)))).compactMap { message -> UInt64? in
            guard case .filter(let filter) = message.body, filter.flower != nil else { return nil }
            return filter.actions.first?.statistics?.basicHardware.map { UInt64($0.packets) }
        }
    }
}

/// The slow path's stand-in: forwards every frame between two representor TAPs (what arrives on
/// one is sent out of the other), as software switching would, and counts the IPv4 frames it saw.
final class RepresentorBridge: @unchecked Sendable {
    private let ports: [any PacketPort]
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let counts = Mutex((ipv4: 0, all: 0))

    init(_ lab: KernelPortLab, _ a: String, _ b: String) throws {
        let factory = LinuxPacketPortFactory()
        ports = [try factory.open(lab.nodeDevice(a), options: PacketPortOptions()), try factory.open(lab.nodeDevice(b), options: PacketPortOptions())]
        let poller = try factory.makePoller(for: ports)
        Thread { [self] in
            let batch = PacketBatch()
            var ready: [Int] = []
            while !stopped.load(ordering: .acquiring) {
                try? poller.wait(timeout: .milliseconds(20), ready: &ready)
                for index in ready {
                    batch.removeAll()
                    guard let n = try? ports[index].receive(into: batch), n > 0 else { continue }
                    let ipv4 = (0..<n).filter { batch[$0].count > 13 && batch[$0][12] == 0x08 && batch[$0][13] == 0x00 }.count
                    counts.withLock { $0.ipv4 += ipv4; $0.all += n }
                    _ = try? ports[1 - index].send(batch)
                }
            }
            poller.close()
            finished.signal()
        }.start()
    }

    /// IPv4 frames the representors carried since the last reset.
    var ipv4Frames: Int { counts.withLock { $0.ipv4 } }

    func reset() { counts.withLock { $0 = (0, 0) } }

    func stop() {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        finished.wait()
        for port in ports { port.close() }
    }

    deinit { stop() }
}
