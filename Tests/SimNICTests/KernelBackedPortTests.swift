import EswitchModel
import Foundation
import Netlink
import Packet
import Platform
import PlatformLinux
@testable import SimNIC
import Testing

/// SimNIC with its ports backed by real kernel devices: "VMs" are Linux network stacks in network
/// namespaces, representors are TAP devices, the wire is a veth into an underlay namespace, and the
/// emulated eswitch forwards between them through the hardware rules installed with the project's
/// netlink codec. The kernel is the judge (ping, a real VXLAN device, UDP checksums).
@Suite("SimNIC ports on kernel devices", .serialized)
struct KernelBackedPortTests {
    static func mac(_ m: MACAddress) -> Masked<MACAddress> { Masked(m) }

    @Test("two VMs ping through software first, then through hardware rules: the representors see no more of the flow and the counters grow; removing a rule sends it back to software")
    func pingThroughHardwareRules() throws {
        let lab = try KernelPortLab()
        let bridge = try RepresentorBridge(lab, "pf0vf0", "pf0vf1")
        defer { bridge.stop() }

        // No rule: every frame misses, goes to its representor and the slow path forwards it.
        #expect(lab.ping(from: 0, KernelPortLab.vmIPs[1]))
        #expect(bridge.ipv4Frames >= 6)

        // Hardware rules for the IPv4 flow, installed while the runner forwards.
        try lab.addIngress("pf0vf0")
        try lab.addIngress("pf0vf1")
        try lab.addFilter(on: "pf0vf0", match: FlowerMatch(dstMAC: Self.mac(KernelPortLab.vmMACs[1])),
                          actions: [.mirred(.redirect(to: try lab.ifindex("pf0vf1")))])
        try lab.addFilter(on: "pf0vf1", match: FlowerMatch(dstMAC: Self.mac(KernelPortLab.vmMACs[0])),
                          actions: [.mirred(.redirect(to: try lab.ifindex("pf0vf0")))])
        bridge.reset()
        #expect(lab.ping(from: 0, KernelPortLab.vmIPs[1], count: 5))
        #expect(bridge.ipv4Frames == 0)
        #expect(try lab.hardwarePackets(on: "pf0vf0").first ?? 0 >= 5)
        #expect(try lab.hardwarePackets(on: "pf0vf1").first ?? 0 >= 5)
        let statistics = lab.runner.statistics
        #expect(statistics.deliveredToVF >= 10)
        #expect(statistics.reloads >= 2)

        // Without the rule for one direction, that direction is software again.
        let rule = try #require(try lab.route.dump(NetlinkMessage.dumpFilters(.dump(ifindex: try lab.ifindex("pf0vf1")))).compactMap { message -> FilterMessage? in
            if case .filter(let f) = message.body, f.flower != nil { return f }
            return nil
        }.first)
        try lab.route.request(NetlinkMessage.deleteFilter(rule))
        bridge.reset()
        #expect(lab.ping(from: 0, KernelPortLab.vmIPs[1], count: 3))
        #expect(bridge.ipv4Frames >= 3)
    }

    @Test("a frame without a rule arrives unchanged on its representor's TAP; a frame written into a representor's TAP comes out in the VM")
    func representorPaths() throws {
        let lab = try KernelPortLab()
        let factory = LinuxPacketPortFactory()
        let vm0 = try factory.open(PacketDevice(name: InterfaceName("eth0"), namespace: NetworkNamespacePath(rawValue: lab.vms[0].debugPath)), options: PacketPortOptions())
        let vm1 = try factory.open(PacketDevice(name: InterfaceName("eth0"), namespace: NetworkNamespacePath(rawValue: lab.vms[1].debugPath)), options: PacketPortOptions())
        let rep0 = try factory.open(lab.nodeDevice("pf0vf0"), options: PacketPortOptions())
        let rep1 = try factory.open(lab.nodeDevice("pf0vf1"), options: PacketPortOptions())

        let fromVM = Self.frame(dst: KernelPortLab.vmMACs[1], src: KernelPortLab.vmMACs[0], marker: 1)
        try Self.send(fromVM, on: vm0)
        #expect(try Self.receive(marker: 1, on: rep0) == fromVM)

        let fromSoftware = Self.frame(dst: KernelPortLab.vmMACs[1], src: MACAddress(0x02, 0, 0, 0, 0, 0x99), marker: 2)
        try Self.send(fromSoftware, on: rep1)
        #expect(try Self.receive(marker: 2, on: vm1) == fromSoftware)
        #expect(lab.runner.statistics.toRepresentor >= 1)
        #expect(lab.runner.statistics.fromRepresentor >= 1)
    }

    @Test("encapsulation on the wire is real VXLAN: a Linux vxlan device with the rule's VNI answers a ping across the underlay")
    func vxlanUnderlay() throws {
        let lab = try KernelPortLab(wire: true)
        let underlay = try #require(lab.underlay)
        let remoteMAC = MACAddress(0x02, 0, 0, 0, 0, 0x99)
        let uplinkMAC = try #require(lab.endpoint.host.link(named: "pf0")).mac
        // The underlay: a VTEP at 192.168.0.2 with VNI 4242 and a "remote VM" address 10.0.0.99 on it.
        for command in [
            ["ip", "addr", "add", "192.168.0.2/24", "dev", "ul0"],
            ["ip", "neigh", "add", "192.168.0.1", "lladdr", uplinkMAC.description, "dev", "ul0", "nud", "permanent"],
            ["ip", "link", "add", "vx0", "type", "vxlan", "id", "4242", "local", "192.168.0.2", "remote", "192.168.0.1", "dstport", "4789", "dev", "ul0"],
            ["ip", "link", "set", "vx0", "address", remoteMAC.description, "up"],
            ["ip", "addr", "add", "10.0.0.99/24", "dev", "vx0"],
            ["ip", "neigh", "add", "10.0.0.1", "lladdr", KernelPortLab.vmMACs[0].description, "dev", "vx0", "nud", "permanent"],
        ] { try KernelPortLab.run(underlay, command) }
        try KernelPortLab.run(lab.vms[0], ["ip", "neigh", "add", "10.0.0.99", "lladdr", remoteMAC.description, "dev", "eth0", "nud", "permanent"])

        // The emulated NIC: the remote VTEP's neighbour, encap on VF 0's representor, decap on vxlan0.
        try lab.endpoint.withHost { host throws(SimNICError) in
            try host.addNeighbour(NeighbourMessage(family: 2, ifindex: host.link(named: "pf0")!.ifindex, state: .permanent, attributes: [
                .destination(.v4(IPv4Address(192, 168, 0, 2))), .linkLayerAddress(KernelPortLab.underlayMAC)]))
        }
        try lab.addIngress("pf0vf0")
        try lab.addIngress("vxlan0")
        try lab.addFilter(on: "pf0vf0", match: FlowerMatch(dstMAC: Self.mac(remoteMAC)), actions: [
            .tunnelKey(.set(keyID: 4242, source: .v4(IPv4Address(192, 168, 0, 1)), destination: .v4(IPv4Address(192, 168, 0, 2)), destinationPort: 4789)),
            .mirred(.redirect(to: try lab.ifindex("vxlan0"))),
        ])
        var decap = FlowerMatch(dstMAC: Self.mac(KernelPortLab.vmMACs[0]))
        decap.encKeyID = 4242
        decap.encDstIP = .exact(.v4(IPv4Address(192, 168, 0, 1)))
        decap.encDstPort = Masked(4789)
        try lab.addFilter(on: "vxlan0", match: decap, actions: [.tunnelKey(.unset()), .mirred(.redirect(to: try lab.ifindex("pf0vf0")))])

        let capture = try LinuxPacketPortFactory().open(PacketDevice(name: InterfaceName("ul0"), namespace: NetworkNamespacePath(rawValue: underlay.debugPath)),
                                                        options: PacketPortOptions())
        #expect(lab.ping(from: 0, "10.0.0.99", count: 3))
        // What the emulated NIC put on the wire, parsed: VXLAN to port 4789 with VNI 4242, the VM's frame inside.
        let batch = PacketBatch()
        _ = try capture.receive(into: batch, timeout: .seconds(1))
        let keys = (0..<batch.count).compactMap { FlowKey.parse(batch[$0]) }.filter { $0.hasTunnel && $0.encSrcIPv4 == IPv4Address(192, 168, 0, 1).rawValue }
        #expect(!keys.isEmpty)
        #expect(keys.allSatisfy { $0.encKeyID == 4242 && $0.encDstPort == 4789 && $0.srcMAC == KernelPortLab.vmMACs[0].integer })
        #expect(try lab.hardwarePackets(on: "pf0vf0").first ?? 0 >= 3)
        #expect(try lab.hardwarePackets(on: "vxlan0").first ?? 0 >= 3)
    }

    @Test("UDP sent with checksum offload reaches the other VM's socket: the NIC completes the checksum")
    func checksumOffload() throws {
        let lab = try KernelPortLab(offloads: true)
        try lab.addIngress("pf0vf0")
        try lab.addFilter(on: "pf0vf0", match: FlowerMatch(dstMAC: Self.mac(KernelPortLab.vmMACs[1])),
                          actions: [.mirred(.redirect(to: try lab.ifindex("pf0vf1")))])
        try KernelPortLab.run(lab.vms[0], ["ip", "neigh", "add", KernelPortLab.vmIPs[1], "lladdr", KernelPortLab.vmMACs[1].description, "dev", "eth0", "nud", "permanent"])
        let receiver = try lab.vms[1].perform { try UDPSocket(port: 7777) }
        let sender = try lab.vms[0].perform { try UDPSocket(port: 0) }
        let payload = Array("checksum completed by the NIC".utf8)
        try sender.send(payload, to: 0x0A00_0002, port: 7777)
        #expect(receiver.receive(timeout: 3) == payload)
        #expect(lab.runner.statistics.checksumsCompleted >= 1)
    }

    @Test("stopping the runner removes the representor TAP devices")
    func stopRemovesTaps() throws {
        let lab = try KernelPortLab()
        let present = try lab.node.perform { if_nametoindex("pf0vf0") }
        #expect(present != 0)
        lab.runner.stop()
        #expect(try lab.node.perform { if_nametoindex("pf0vf0") } == 0)
        #expect(try lab.node.perform { if_nametoindex("pf0") } == 0)
    }

    // MARK: Helpers

    static func frame(dst: MACAddress, src: MACAddress, marker: UInt8) -> [UInt8] {
        var f = dst.array + src.array + [0x88, 0xB5, marker]
        while f.count < 60 { f.append(0x5A) }
        return f
    }

    static func send(_ frame: [UInt8], on port: any PacketPort) throws {
        let batch = PacketBatch(capacity: 1)
        batch.append(frame)
        #expect(try port.send(batch) == 1)
    }

    static func receive(marker: UInt8, on port: any PacketPort) throws -> [UInt8]? {
        let batch = PacketBatch()
        let end = ContinuousClock.now + .seconds(3)
        while ContinuousClock.now < end {
            batch.removeAll()
            _ = try port.receive(into: batch, timeout: .milliseconds(50))
            for i in 0..<batch.count where batch[i].count > 14 && batch[i][12] == 0x88 && batch[i][13] == 0xB5 && batch[i][14] == marker {
                return Array(batch[i])
            }
        }
        return nil
    }
}

/// A UDP socket bound in the namespace it was created in.
final class UDPSocket {
    let fd: Int32

    init(port: UInt16) throws {
        fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard fd >= 0, bound == 0 else { throw PlatformError.unavailable("udp socket: errno \(errno)") }
    }

    deinit { close(fd) }

    func send(_ payload: [UInt8], to address: UInt32, port: UInt16) throws {
        var target = sockaddr_in()
        target.sin_family = sa_family_t(AF_INET)
        target.sin_port = port.bigEndian
        target.sin_addr.s_addr = address.bigEndian
        let sent = withUnsafePointer(to: &target) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(fd, payload, payload.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard sent == payload.count else { throw PlatformError.unavailable("sendto: errno \(errno)") }
    }

    /// The next datagram, or nil after `timeout` seconds.
    func receive(timeout: Int) -> [UInt8]? {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, Int32(timeout * 1000)) == 1 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 2048)
        let n = recv(fd, &buffer, buffer.count, 0)
        return n >= 0 ? Array(buffer[0..<n]) : nil
    }
}
