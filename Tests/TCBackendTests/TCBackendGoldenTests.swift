import EswitchModel
import Netlink
import TCBackend
import Testing

/// IR rules equivalent to iproute2's golden requests give the same flower keys and actions (and,
/// where the key order is tc's canonical one, the same bytes once the backend's own choices are
/// set to the vector's: priority, handle, chain, skip flags and cookies).
@Suite struct TCBackendGoldenTests {
    // ifindex in the corpus: Y=2 X=3 eth0=5 vxlan0=6.
    static let devices = TCDeviceMap(ports: ["x": IfIndex(3), "y": IfIndex(2), "eth0": IfIndex(5)], uplink: IfIndex(5), tunnel: IfIndex(6))

    func golden(_ command: String) throws -> (NetlinkMessage, FilterMessage, [UInt8]) {
        let bytes = try #require(TCBackendFixtures.golden[command], "no golden vector for \(command)")
        let (message, filter) = try #require(try FilterMessage.decoded(bytes))
        return (message, filter, bytes)
    }

    func planned(_ rule: Rule) throws -> TCFilter {
        let plan = TCBackend(devices: Self.devices).plan([rule])
        #expect(plan.problems == [])
        return try #require(plan.filters.first)
    }

    /// Our filter with the vector's priority, handle and flags, without chain and cookies.
    func normalized(_ ours: FilterMessage, like golden: FilterMessage) -> FilterMessage {
        var m = ours
        m.priority = golden.priority
        m.handle = golden.handle
        m.attributes = m.attributes.compactMap { a -> FilterAttribute? in
            switch a {
            case .chain: return nil
            case .flower(let o):
                return .flower(FlowerOptions(o.attributes.map { f -> FlowerAttribute in
                    switch f {
                    case .actions(let list): return .actions(list.map(\.withoutCookie))
                    case .flags: return .flags(golden.flags ?? [])
                    default: return f
                    }
                }))
            default: return a
            }
        }
        return m
    }

    /// Byte-identical after normalization, and the same decoded message.
    func expectSameBytes(_ rule: Rule, _ command: String) throws {
        let (message, golden, bytes) = try golden(command)
        let ours = try planned(rule)
        #expect(ours.location.device == golden.header.ifindex)
        #expect(ours.location.protocol == golden.protocol)
        #expect(ours.location.chain == rule.chain)
        let built = NetlinkMessage.addFilter(normalized(ours.message, like: golden))
        #expect(built == message)
        #expect(built.encoded() == bytes)
    }

    /// Same keys (in any order) and the same actions modulo cookies.
    func expectSameMeaning(_ rule: Rule, _ command: String) throws {
        let (_, golden, _) = try golden(command)
        let ours = try planned(rule)
        #expect(ours.location.device == golden.header.ifindex)
        #expect(ours.location.protocol == golden.protocol)
        #expect(ours.message.flower?.match == golden.flower?.match)
        #expect(ours.message.flower?.ethType == golden.flower?.ethType)
        #expect(ours.message.actions.map(\.withoutCookie) == golden.actions)
    }

    func mac(_ s: String) -> MACAddress { MACAddress(s)! }
    func v4(_ s: String) -> IPv4Address { IPv4Address(s)! }

    @Test func vxlanEncap() throws {
        var match = FlowMatch()
        match.ethDestination = .exact(mac("02:00:00:00:00:01"))
        match.etherType = 0x0800
        let rule = TCBackendFixtures.rule(.route, .port("x"), match: match, actions: [
            .encapsulate(TunnelEncapsulation(vni: VNI(rawValue: 100), source: IPAddress("10.0.0.1")!, destination: IPAddress("10.0.0.2")!)),
            .output(.tunnel),
        ])
        try expectSameBytes(rule, "tc filter add dev X ingress protocol ip prio 2 flower dst_mac 02:00:00:00:00:01 action tunnel_key set id 100 src_ip 10.0.0.1 dst_ip 10.0.0.2 dst_port 4789 action mirred egress redirect dev vxlan0")
    }

    @Test func vxlanDecap() throws {
        var match = FlowMatch()
        match.etherType = 0x0800
        match.tunnelID = VNI(rawValue: 100)
        match.tunnelDestination = IPAddress("10.0.0.1")!
        match.tunnelSource = IPAddress("10.0.0.2")!
        match.tunnelDestinationPort = 4789
        let rule = TCBackendFixtures.rule(.snatGateway, .uplink, match: match, actions: [.decapsulate, .output(.port("y"))])
        try expectSameMeaning(rule, "tc filter add dev vxlan0 ingress protocol ip prio 1 flower enc_key_id 100 enc_dst_ip 10.0.0.1 enc_src_ip 10.0.0.2 enc_dst_port 4789 action tunnel_key unset action mirred egress redirect dev Y")
    }

    @Test func routingRewrite() throws {
        var match = FlowMatch()
        match.ethDestination = .exact(mac("02:00:00:00:fe:01"))
        match.etherType = 0x0800
        match.ipv4Destination = .prefix(v4("10.1.0.0"), length: 16)
        let rule = TCBackendFixtures.rule(.route, .port("x"), match: match, actions: [
            .setEthSource(mac("02:00:00:00:fe:01")), .setEthDestination(mac("02:00:00:00:00:22")), .decrementTTL, .output(.port("y")),
        ])
        try expectSameBytes(rule, "tc filter add dev X ingress protocol ip prio 4 flower dst_mac 02:00:00:00:fe:01 dst_ip 10.1.0.0/16 action pedit ex munge eth src set 02:00:00:00:fe:01 munge eth dst set 02:00:00:00:00:22 munge ip ttl add 255 pipe action csum ip pipe action mirred egress redirect dev Y")
    }

    @Test func sourceNATRewrite() throws {
        var match = FlowMatch()
        match.etherType = 0x0800
        match.ipv4Source = .exact(v4("10.0.0.5"))
        match.ipProtocol = 6
        let rule = TCBackendFixtures.rule(.floatingIPOut, .port("x"), match: match, actions: [.setIPv4Source(v4("203.0.113.10")), .output(.port("eth0"))])
        try expectSameMeaning(rule, "tc filter add dev X ingress protocol ip prio 5 flower src_ip 10.0.0.5 ip_proto tcp action pedit ex munge ip src set 203.0.113.10 pipe action csum ip and tcp pipe action mirred egress redirect dev eth0")
    }

    @Test func dropTCP22() throws {
        var match = FlowMatch()
        match.etherType = 0x0800
        match.ipProtocol = 6
        match.destinationPort = .exact(22)
        let rule = TCBackendFixtures.rule(.egressAllow, .port("x"), match: match, actions: [.drop])
        try expectSameBytes(rule, "tc filter add dev X ingress protocol ip prio 6 flower ip_proto tcp dst_port 22 action drop")
    }

    @Test func vlanPop() throws {
        var match = FlowMatch()
        match.vlanID = 10
        match.etherType = 0x0800
        let rule = TCBackendFixtures.rule(.portAdmit, .port("x"), match: match, actions: [.popVLAN, .output(.port("y"))])
        try expectSameBytes(rule, "tc filter add dev X ingress protocol 802.1Q prio 3 flower vlan_id 10 vlan_ethtype ip action vlan pop action mirred egress redirect dev Y")
    }

    @Test func vlanPush() throws {
        var match = FlowMatch()
        match.etherType = 0x0800
        match.ipv4Source = .prefix(v4("192.168.1.0"), length: 24)
        let rule = TCBackendFixtures.rule(.egressAllow, .port("y"), match: match, actions: [.pushVLAN(20), .output(.port("x"))])
        try expectSameBytes(rule, "tc filter add dev Y ingress protocol ip prio 3 flower src_ip 192.168.1.0/24 action vlan push id 20 action mirred egress redirect dev X")
    }

    @Test func gotoChain() throws {
        var match = FlowMatch()
        match.etherType = 0x0800
        match.ipProtocol = 6
        let rule = TCBackendFixtures.rule(.portAdmit, .port("x"), match: match, actions: [.gotoChain(1)])
        // portAdmit plans no ipv4 priority: the same rule as an egress rule (chain 1).
        #expect(TCBackend(devices: Self.devices).plan([rule]).problems.first?.message.contains("no priority for kind port-admit") == true)
        let egress = TCBackendFixtures.rule(.egressAllow, .port("x"), match: match, actions: [.gotoChain(1)])
        try expectSameMeaning(egress, "tc filter add dev X ingress protocol ip chain 0 prio 8 flower ip_proto tcp action goto chain 1")
    }

    @Test func policeExceedDropConformPipe() throws {
        let rule = TCBackendFixtures.rule(.antiSpoofDrop, .port("x"), match: FlowMatch(), actions: [.police(rateBitsPerSecond: 100_000_000, burstBytes: 64 * 1024)])
        let (_, golden, _) = try golden("tc filter add dev X ingress protocol all prio 7 flower action police rate 100mbit burst 64k conform-exceed drop")
        let ours = try planned(rule)
        #expect(ours.location.protocol == .all && golden.protocol == .all)
        #expect(ours.message.flower?.match == golden.flower?.match)
        guard case .police(let mine)? = ours.message.actions.first?.options, case .police(let theirs)? = golden.actions.first?.options else {
            Issue.record("no police action"); return
        }
        // The same token bucket; ours also says conform -> pipe (tc's default would end classification).
        #expect(mine.attributes.filter { if case .result = $0 { false } else { true } } == theirs.attributes)
        #expect(mine.attributes.contains(.result(.pipe)))
        #expect(mine.parameters?.verdict == .drop)
    }

    @Test func deleteAndQdiscRequests() throws {
        let delete = TCFilterLocation(device: IfIndex(3), chain: 0, priority: 1, protocol: .ipv4, handle: 1).deleteRequest()
        #expect(delete.encoded() == TCBackendFixtures.golden["tc filter del dev X ingress protocol ip prio 1 handle 1 flower"])
        #expect(TCQdiscKind.ingress.addRequest(device: IfIndex(3)).encoded() == TCBackendFixtures.golden["tc qdisc add dev X ingress"])
        #expect(TCQdiscKind.clsact.addRequest(device: IfIndex(5)).encoded() == TCBackendFixtures.golden["tc qdisc add dev eth0 clsact"])
        #expect(TCQdiscKind.ingress.deleteRequest(device: IfIndex(3)).encoded() == TCBackendFixtures.golden["tc qdisc del dev X ingress"])
    }
}
