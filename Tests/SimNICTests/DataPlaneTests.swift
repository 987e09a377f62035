import EswitchModel
import Netlink
import Packet
import Platform
@testable import SimNIC
import Testing

/// The emulated eswitch forwarding real frames through installed hardware rules.
@Suite("SimNIC data plane")
struct DataPlaneTests {
    static let vm0MAC: UInt64 = 0x0200_0000_0010
    static let vm1MAC: UInt64 = 0x0200_0000_0011
    static let vm0IP: UInt32 = 0x0A00_0010
    static let vm1IP: UInt32 = 0x0A00_0011

    /// A switchdev ConnectX-6 Dx host with two VFs, ingress qdiscs on both representors, the
    /// uplink and a collect_metadata vxlan device, and a neighbour for the remote VTEP.
    struct Rig {
        var host: EmulatedHost
        let clock: ManualClock
        let rep0: IfIndex
        let rep1: IfIndex
        let uplink: IfIndex
        let vxlan: IfIndex

        init() throws {
            clock = ManualClock()
            host = EmulatedHost(profile: Profiles.connectX6Dx, configuration: EmulatedHostConfiguration(
                physicalFunctions: 1, initialVFs: 2, eswitchMode: .switchdev), clock: clock)
            rep0 = try #require(host.link(named: "pf0vf0")).ifindex
            rep1 = try #require(host.link(named: "pf0vf1")).ifindex
            uplink = try #require(host.orderedLinks.first { if case .physicalFunction(0) = $0.role { true } else { false } }).ifindex
            vxlan = try host.createLink(name: "vxlan0", info: LinkInfo([.kind("vxlan"), .data(.vxlan([.collectMetadata(true), .port(4789)]))]))
            for dev in [rep0, rep1, uplink, vxlan] { try host.addQdisc("ingress", on: dev) }
            try host.addNeighbour(NeighbourMessage(family: 2, ifindex: uplink, state: .permanent, attributes: [
                .destination(.v4(IPv4Address(192, 168, 0, 2))), .linkLayerAddress(MACAddress(integer: 0x0400_0000_0002))]))
        }

        @discardableResult
        mutating func add(on dev: IfIndex, chain: UInt32? = nil, priority: UInt16 = 1, proto: EtherType = .ipv4,
                          match: FlowerMatch, actions: [TCActionOptions]) throws -> SimFilterID {
            let list = actions.enumerated().map { TCAction(order: UInt16($0.offset + 1), $0.element) }
            let result = try host.addFilter(try FilterMessage.flower(ifindex: dev, priority: priority, protocol: proto, chain: chain,
                                                                     match: match, actions: list, flags: .skipSoftware))
            #expect(result.inHardware)
            return result.id
        }
    }

    static func udp(from src: UInt64 = vm0MAC, to dst: UInt64 = vm1MAC, srcIP: UInt32 = vm0IP, dstIP: UInt32 = vm1IP,
                    dstPort: UInt16 = 2000, vlan: UInt16? = nil) -> [UInt8] {
        FrameBuilder.ipv4(dstMAC: dst, srcMAC: src, vlan: vlan, src: srcIP, dst: dstIP, proto: 17, dstPort: dstPort)
    }

    static func mac(_ v: UInt64) -> Masked<MACAddress> { Masked(MACAddress(integer: v)) }

    @Test("mirred redirect to a VF representor delivers out of that VF; counters grow")
    func redirect() throws {
        var rig = try Rig()
        let id = try rig.add(on: rig.rep0, match: FlowerMatch(dstMAC: Self.mac(Self.vm1MAC)), actions: [.mirred(.redirect(to: rig.rep1))])
        var plane = SimNICDataPlane(host: rig.host)
        let frame = Self.udp()
        rig.clock.advance(by: .seconds(3))
        #expect(plane.receive(frame, from: .virtualFunction(pf: 0, vf: 0), host: &rig.host) == .deliveredToVF(pf: 0, vf: 1, frame: frame))
        #expect(plane.receive(frame, from: .virtualFunction(pf: 0, vf: 0), host: &rig.host) == .deliveredToVF(pf: 0, vf: 1, frame: frame))
        let action = try #require(rig.host.filter(id)?.actions.first)
        #expect(action.hardwarePackets == 2 && action.hardwareBytes == UInt64(2 * frame.count))
        #expect(action.lastUsedAt == .seconds(3))
        // Another destination misses: the representor (slow path) gets it unchanged.
        let other = Self.udp(to: 0x0200_0000_0099)
        #expect(plane.receive(other, from: .virtualFunction(pf: 0, vf: 0), host: &rig.host) == .toRepresentor(rig.rep0, frame: other))
        // The slow path's answer written into rep1 leaves through VF 1.
        #expect(plane.transmit(fromRepresentor: rig.rep1, other) == .deliveredToVF(pf: 0, vf: 1, frame: other))
        #expect(plane.transmit(fromRepresentor: rig.uplink, other) == .sentOnWire(pf: 0, frame: other))
    }

    @Test("tunnel_key set + redirect to vxlan encapsulates onto the wire; the encap parses back")
    func encap() throws {
        var rig = try Rig()
        try rig.add(on: rig.rep0, match: FlowerMatch(dstMAC: Self.mac(Self.vm1MAC)), actions: [
            .tunnelKey(.set(keyID: 4242, source: .v4(IPv4Address(192, 168, 0, 1)), destination: .v4(IPv4Address(192, 168, 0, 2)),
                            destinationPort: 4789)),
            .mirred(.redirect(to: rig.vxlan)),
        ])
        var plane = SimNICDataPlane(host: rig.host)
        let inner = Self.udp()
        guard case .sentOnWire(0, let out) = plane.receive(inner, from: .virtualFunction(pf: 0, vf: 0), host: &rig.host) else {
            Issue.record("not sent on the wire"); return
        }
        let k = try #require(FlowKey.parse(out))
        #expect(k.hasTunnel && k.encKeyID == 4242 && k.encDstPort == 4789)
        #expect(k.encSrcIPv4 == IPv4Address(192, 168, 0, 1).rawValue && k.encDstIPv4 == IPv4Address(192, 168, 0, 2).rawValue)
        #expect((49152...65535).contains(k.encSrcPort))
        #expect(FrameBuilder.ipv4ChecksumIsValid(out, key: k, outer: true))
        #expect(Array(out[0..<6]) == [4, 0, 0, 0, 0, 2])
        #expect(Array(out[6..<12]) == rig.host.links[rig.uplink]!.mac.array)
        #expect(Array(out[k.innerOffset...]) == inner)
    }

    @Test("a VXLAN frame from the wire is decapsulated by the vxlan device's enc-key rule")
    func decap() throws {
        var rig = try Rig()
        var match = FlowerMatch(dstMAC: Self.mac(Self.vm0MAC))
        match.encKeyID = 4242
        match.encDstIP = .exact(.v4(IPv4Address(192, 168, 0, 1)))
        match.encDstPort = Masked(4789)
        try rig.add(on: rig.vxlan, match: match, actions: [.tunnelKey(.unset()), .mirred(.redirect(to: rig.rep0))])
        var plane = SimNICDataPlane(host: rig.host)
        let inner = Self.udp(from: Self.vm1MAC, to: Self.vm0MAC, srcIP: Self.vm1IP, dstIP: Self.vm0IP)
        let innerKey = try #require(FlowKey.parse(inner))
        func wire(vni: UInt32) -> [UInt8] {
            VXLANEncapsulation(sourceMAC: 0x0400_0000_0002, destinationMAC: 0x0400_0000_0001, sourceIP: IPv4Address(192, 168, 0, 2).rawValue,
                               destinationIP: IPv4Address(192, 168, 0, 1).rawValue, vni: vni).encapsulate(inner, innerKey: innerKey)
        }
        #expect(plane.receive(wire(vni: 4242), from: .wire(pf: 0), host: &rig.host) == .deliveredToVF(pf: 0, vf: 0, frame: inner))
        // Another VNI misses and goes to the uplink representor whole.
        let other = wire(vni: 7)
        #expect(plane.receive(other, from: .wire(pf: 0), host: &rig.host) == .toRepresentor(rig.uplink, frame: other))
    }

    @Test("vlan push and pop")
    func vlan() throws {
        var rig = try Rig()
        try rig.add(on: rig.rep0, match: FlowerMatch(dstMAC: Self.mac(Self.vm1MAC)), actions: [
            .vlan(.push(id: 123, priority: 3)), .mirred(.redirect(to: rig.uplink)),
        ])
        try rig.add(on: rig.uplink, proto: .vlan8021Q, match: FlowerMatch(vlanID: 123, vlanEthType: .ipv4), actions: [
            .vlan(.pop()), .mirred(.redirect(to: rig.rep1)),
        ])
        var plane = SimNICDataPlane(host: rig.host)
        let frame = Self.udp()
        guard case .sentOnWire(0, let tagged) = plane.receive(frame, from: .virtualFunction(pf: 0, vf: 0), host: &rig.host) else {
            Issue.record("not sent on the wire"); return
        }
        let k = try #require(FlowKey.parse(tagged))
        #expect(k.vlanCount == 1 && k.vlanID == 123 && k.vlanPriority == 3 && k.srcIPv4 == Self.vm0IP)
        #expect(plane.receive(tagged, from: .wire(pf: 0), host: &rig.host) == .deliveredToVF(pf: 0, vf: 1, frame: frame))
    }

    @Test("pedit MAC/IP/TTL munges with csum keep the frame valid")
    func pedit() throws {
        var rig = try Rig()
        try rig.add(on: rig.rep0, match: FlowerMatch(dstMAC: Self.mac(Self.vm1MAC)), actions: [
            .pedit(.munge([.ethernetDestination(MACAddress(integer: 0x0200_0000_00AA)), .ipv4Destination(IPv4Address(10, 1, 0, 5)),
                           .ipv4TTLDecrement], verdict: .pipe)),
            .csum(.update([.ipv4Header, .udp], verdict: .pipe)),
            .mirred(.redirect(to: rig.rep1)),
        ])
        var plane = SimNICDataPlane(host: rig.host)
        let outcome = plane.receive(Self.udp(), from: .virtualFunction(pf: 0, vf: 0), host: &rig.host)
        guard case .deliveredToVF(0, 1, let out) = outcome else {
            Issue.record("not delivered: \(outcome)"); return
        }
        let k = try #require(FlowKey.parse(out))
        #expect(k.dstMAC == 0x0200_0000_00AA && k.dstIPv4 == IPv4Address(10, 1, 0, 5).rawValue && k.ipTTL == 63)
        #expect(FrameBuilder.ipv4ChecksumIsValid(out, key: k))
        #expect(FrameBuilder.transportChecksumIsValid(out, key: k))
    }

    @Test("police drops over rate and refills with the host's clock")
    func police() throws {
        var rig = try Rig()
        // 6,000 bytes/s, burst 600 bytes: ten 60-byte frames, then drops.
        try rig.add(on: rig.rep0, match: FlowerMatch(dstMAC: Self.mac(Self.vm1MAC)), actions: [
            .police(.police(rate: 6000, burst: 600, exceed: .drop, conform: .pipe)), .mirred(.redirect(to: rig.rep1)),
        ])
        var plane = SimNICDataPlane(host: rig.host)
        let frame = Self.udp()
        var delivered = 0, policed = 0
        for _ in 0..<20 {
            switch plane.receive(frame, from: .virtualFunction(pf: 0, vf: 0), host: &rig.host) {
            case .deliveredToVF: delivered += 1
            case .dropped(.policed): policed += 1
            default: Issue.record("unexpected outcome")
            }
        }
        #expect(delivered >= 9 && delivered <= 11 && policed == 20 - delivered)
        rig.clock.advance(by: .milliseconds(100))  // 600 bytes of tokens
        var again = 0
        for _ in 0..<20 { if case .deliveredToVF = plane.receive(frame, from: .virtualFunction(pf: 0, vf: 0), host: &rig.host) { again += 1 } }
        #expect(again >= 9 && again <= 11)
    }

    @Test("gact drop, trap, and goto chain")
    func gactAndGoto() throws {
        var rig = try Rig()
        try rig.add(on: rig.rep0, match: FlowerMatch(dstMAC: Self.mac(Self.vm1MAC)), actions: [.gact(.gotoChain(1))])
        var tcp22 = FlowerMatch(ipProto: .tcp)
        tcp22.dstPort = Masked(22)
        try rig.add(on: rig.rep0, chain: 1, priority: 1, match: tcp22, actions: [.gact(.drop)])
        // (ICMP type keys need a flex parser profile on this NIC: trap all of ICMP instead.)
        try rig.add(on: rig.rep0, chain: 1, priority: 2, match: FlowerMatch(ipProto: .icmp), actions: [.gact(.trap)])
        try rig.add(on: rig.rep0, chain: 1, priority: 3, match: FlowerMatch(), actions: [.mirred(.redirect(to: rig.rep1))])
        var plane = SimNICDataPlane(host: rig.host)
        let ssh = FrameBuilder.ipv4(dstMAC: Self.vm1MAC, srcMAC: Self.vm0MAC, src: Self.vm0IP, dst: Self.vm1IP, proto: 6, dstPort: 22)
        let https = FrameBuilder.ipv4(dstMAC: Self.vm1MAC, srcMAC: Self.vm0MAC, src: Self.vm0IP, dst: Self.vm1IP, proto: 6, dstPort: 443)
        let ping = FrameBuilder.ipv4(dstMAC: Self.vm1MAC, srcMAC: Self.vm0MAC, src: Self.vm0IP, dst: Self.vm1IP, proto: 1)
        #expect(plane.receive(ssh, from: .virtualFunction(pf: 0, vf: 0), host: &rig.host) == .dropped(.dropAction))
        #expect(plane.receive(https, from: .virtualFunction(pf: 0, vf: 0), host: &rig.host) == .deliveredToVF(pf: 0, vf: 1, frame: https))
        #expect(plane.receive(ping, from: .virtualFunction(pf: 0, vf: 0), host: &rig.host) == .toRepresentor(rig.rep0, frame: ping))
        // ARP is not IPv4: the protocol-ipv4 rules do not see it.
        let arp = FrameBuilder.arpRequest(srcMAC: Self.vm0MAC, sender: Self.vm0IP, target: Self.vm1IP)
        #expect(plane.receive(arp, from: .virtualFunction(pf: 0, vf: 0), host: &rig.host) == .toRepresentor(rig.rep0, frame: arp))
    }

    @Test("two VMs exchange frames through rules installed from netlink bytes; then representors see nothing")
    func twoVMs() throws {
        let clock = ManualClock()
        let endpoint = SimNICEndpoint(host: EmulatedHost(profile: Profiles.connectX6Dx, configuration: EmulatedHostConfiguration(
            physicalFunctions: 1, initialVFs: 2, eswitchMode: .switchdev), clock: clock))
        let rep0 = try #require(endpoint.host.link(named: "pf0vf0")).ifindex
        let rep1 = try #require(endpoint.host.link(named: "pf0vf1")).ifindex
        for rep in [rep0, rep1] {
            let answer = try Answer(endpoint.handle(NetlinkMessage.addQdisc(QdiscMessage.ingress(ifindex: rep)).encoded(), protocol: .route))
            #expect(answer.isAck)
        }
        var host = endpoint.host
        var plane = SimNICDataPlane(host: host)
        let request = Self.udp()
        let reply = Self.udp(from: Self.vm1MAC, to: Self.vm0MAC, srcIP: Self.vm1IP, dstIP: Self.vm0IP)
        var representorFrames = 0
        // First packets: no rule, the slow path sees them and forwards them itself.
        for (frame, vf) in [(request, UInt32(0)), (reply, 1)] {
            if case .toRepresentor(let rep, let f) = plane.receive(frame, from: .virtualFunction(pf: 0, vf: vf), host: &host) {
                representorFrames += 1
                #expect(plane.transmit(fromRepresentor: rep == rep0 ? rep1 : rep0, f) == .deliveredToVF(pf: 0, vf: 1 - vf, frame: frame))
            }
        }
        #expect(representorFrames == 2)
        // The agent installs both directions through the codec and the endpoint's bytes path.
        for (rep, dst, target) in [(rep0, Self.vm1MAC, rep1), (rep1, Self.vm0MAC, rep0)] {
            let message = NetlinkMessage.addFilter(try FilterMessage.flower(
                ifindex: rep, priority: 1, protocol: .ipv4, match: FlowerMatch(dstMAC: Self.mac(dst)),
                actions: [TCAction(order: 1, .mirred(.redirect(to: target)))], flags: .skipSoftware))
            #expect(try Answer(endpoint.handle(message.encoded(), protocol: .route)).isAck)
        }
        host = endpoint.host
        plane.reload(from: host)
        representorFrames = 0
        var delivered = 0
        for _ in 0..<50 {
            for (frame, vf) in [(request, UInt32(0)), (reply, 1)] {
                switch plane.receive(frame, from: .virtualFunction(pf: 0, vf: vf), host: &host) {
                case .deliveredToVF(0, 1 - vf, frame): delivered += 1
                case .toRepresentor: representorFrames += 1
                default: Issue.record("unexpected outcome")
                }
            }
        }
        #expect(representorFrames == 0 && delivered == 100)
        let counted = host.allFilters.filter(\.inHardware).map { $0.actions[0].hardwarePackets }
        #expect(counted == [50, 50])
    }
}
