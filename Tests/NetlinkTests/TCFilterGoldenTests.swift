import EswitchModel
import Netlink
import Testing

/// tc filter requests: every golden vector decodes to the expected typed fields and re-encodes
/// identically; the message built from typed values (flower keys, flags, priority, protocol, chain,
/// and the action list as decoded) equals iproute2's bytes.
@Suite struct TCFilterGoldenTests {
    let corpus = GoldenCorpus.shared

    /// Decodes the golden vector of `command` as a filter request and checks the outer framing.
    func decode(_ command: String, type: UInt16 = RTM.newTFilter, flags: NetlinkFlags = [.request, .ack, .exclusive, .create]) throws -> (NetlinkMessage, FilterMessage, [UInt8]) {
        let golden = corpus.bytes(command)
        let message = try NetlinkMessage.decode(golden, context: .route)
        #expect(message.type == type)
        #expect(message.flags == flags)
        #expect(message.encoded() == golden, "decode -> encode must be the identity")
        guard case .filter(let filter) = message.body else {
            Issue.record("\(command): body is not a filter")
            return (message, FilterMessage(header: TCMessageHeader(ifindex: IfIndex(0), parent: .root)), golden)
        }
        return (message, filter, golden)
    }

    /// Checks the typed message built by `build` (given the decoded action list) against the vector.
    func expectBuilt(_ golden: [UInt8], _ decoded: NetlinkMessage, _ built: NetlinkMessage) {
        #expect(built.encoded() == golden)
        #expect(built == decoded)
    }

    func mac(_ s: String) -> MACAddress { MACAddress(s)! }
    func ip(_ s: String) -> IPAddress { IPAddress(s)! }
    func v4(_ s: String) -> IPv4Address { IPv4Address(s)! }
    let allOnes4 = IPv4Address(rawValue: .max)

    @Test func skipSWDstMACUDPDstIP() throws {
        let (m, f, golden) = try decode("tc filter add dev X ingress protocol ip prio 1 flower skip_sw dst_mac 02:00:00:00:00:01 ip_proto udp dst_ip 10.0.0.2 action mirred egress redirect dev Y")
        #expect(f.header.ifindex == IfIndex(3))
        #expect(f.header.parent == .ingressHook)
        #expect(f.priority == 1)
        #expect(f.protocol == .ipv4)
        #expect(f.handle == 0)
        #expect(f.chain == nil)
        #expect(f.kind == "flower")
        let o = try #require(f.flower)
        #expect(o.dstMAC == mac("02:00:00:00:00:01"))
        #expect(o.dstMACMask == .broadcast)
        #expect(o.ipProto == .udp)
        #expect(o.dstIP == ip("10.0.0.2"))
        #expect(o.dstIPMask == .v4(allOnes4))
        #expect(f.flags == [.skipSoftware])
        #expect(o.ethType == .ipv4)
        #expect(f.actions.map(\.order) == [1])
        #expect(o.attributes.count == 8)
        // Order on the wire: keys as typed on the command line, then act, flags, eth_type.
        guard case .actions = o.attributes[5], case .flags = o.attributes[6], case .ethType = o.attributes[7] else {
            Issue.record("unexpected attribute order \(o.attributes)"); return
        }
        let built = NetlinkMessage.addFilter(try .flower(
            ifindex: IfIndex(3), priority: 1, protocol: .ipv4,
            match: FlowerMatch(dstMAC: .exact(mac("02:00:00:00:00:01")), ipProto: .udp, dstIP: .exact(ip("10.0.0.2"))),
            actions: f.actions, flags: .skipSoftware))
        expectBuilt(golden, m, built)
    }

    @Test func vxlanDecapMatch() throws {
        let (m, f, golden) = try decode("tc filter add dev vxlan0 ingress protocol ip prio 1 flower enc_key_id 100 enc_dst_ip 10.0.0.1 enc_src_ip 10.0.0.2 enc_dst_port 4789 action tunnel_key unset action mirred egress redirect dev Y")
        #expect(f.header.ifindex == IfIndex(6))
        #expect(f.priority == 1)
        #expect(f.protocol == .ipv4)
        let o = try #require(f.flower)
        #expect(o.encKeyID == 100)
        #expect(o.encDstIP == ip("10.0.0.1"))
        #expect(o.encSrcIP == ip("10.0.0.2"))
        #expect(o.encDstPort == 4789)
        #expect(o.match.encDstPort == Masked(4789, mask: nil))
        #expect(o.match.encSrcIP == .exact(ip("10.0.0.2")))
        #expect(f.flags == [])
        #expect(f.actions.map(\.order) == [1, 2])
        // enc_dst_ip comes before enc_src_ip here, unlike the canonical order: spell the list out.
        let options = FlowerOptions([
            .encKeyID(100), .encDstIPv4(v4("10.0.0.1")), .encDstIPv4Mask(allOnes4), .encSrcIPv4(v4("10.0.0.2")), .encSrcIPv4Mask(allOnes4),
            .encDstPort(4789), .actions(f.actions), .flags([]), .ethType(.ipv4),
        ])
        let built = NetlinkMessage.addFilter(FilterMessage(
            header: TCMessageHeader(ifindex: IfIndex(6), parent: .ingressHook, priority: 1, protocol: .ipv4),
            attributes: [.kind("flower"), .flower(options)]))
        expectBuilt(golden, m, built)
    }

    @Test func dstMACToTunnel() throws {
        let (m, f, golden) = try decode("tc filter add dev X ingress protocol ip prio 2 flower dst_mac 02:00:00:00:00:01 action tunnel_key set id 100 src_ip 10.0.0.1 dst_ip 10.0.0.2 dst_port 4789 action mirred egress redirect dev vxlan0")
        #expect(f.priority == 2)
        #expect(f.flower?.dstMAC == mac("02:00:00:00:00:01"))
        #expect(f.flags == [])
        #expect(f.actions.count == 2)
        let built = NetlinkMessage.addFilter(try .flower(
            ifindex: IfIndex(3), priority: 2, protocol: .ipv4,
            match: FlowerMatch(dstMAC: .exact(mac("02:00:00:00:00:01"))), actions: f.actions))
        expectBuilt(golden, m, built)
    }

    @Test func skipSWSrcAndDstMAC() throws {
        let (m, f, golden) = try decode("tc filter add dev X ingress protocol ip prio 2 flower skip_sw src_mac 02:00:00:00:00:05 dst_mac 02:00:00:00:00:07 action tunnel_key set id 5001 src_ip 172.16.0.1 dst_ip 172.16.0.9 dst_port 4789 nocsum action mirred egress redirect dev vxlan0")
        let o = try #require(f.flower)
        #expect(o.srcMAC == mac("02:00:00:00:00:05"))
        #expect(o.dstMAC == mac("02:00:00:00:00:07"))
        #expect(o.srcMACMask == .broadcast)
        #expect(f.flags == [.skipSoftware])
        #expect(f.actions.count == 2)
        // src_mac before dst_mac as typed.
        let built = NetlinkMessage.addFilter(FilterMessage(
            header: TCMessageHeader(ifindex: IfIndex(3), parent: .ingressHook, priority: 2, protocol: .ipv4),
            attributes: [.kind("flower"), .flower(FlowerOptions([
                .srcMAC(mac("02:00:00:00:00:05")), .srcMACMask(.broadcast), .dstMAC(mac("02:00:00:00:00:07")), .dstMACMask(.broadcast),
                .actions(f.actions), .flags(.skipSoftware), .ethType(.ipv4),
            ]))]))
        expectBuilt(golden, m, built)
    }

    @Test func vlanMatch() throws {
        let (m, f, golden) = try decode("tc filter add dev X ingress protocol 802.1Q prio 3 flower vlan_id 10 vlan_ethtype ip action vlan pop action mirred egress redirect dev Y")
        #expect(f.protocol == .vlan8021Q)
        #expect(f.priority == 3)
        let o = try #require(f.flower)
        #expect(o.vlanID == 10)
        #expect(o.vlanEthType == .ipv4)
        #expect(o.ethType == .vlan8021Q)
        let built = NetlinkMessage.addFilter(try .flower(
            ifindex: IfIndex(3), priority: 3, protocol: .vlan8021Q,
            match: FlowerMatch(vlanID: 10, vlanEthType: .ipv4), actions: f.actions))
        expectBuilt(golden, m, built)
    }

    @Test func srcPrefix() throws {
        let (m, f, golden) = try decode("tc filter add dev Y ingress protocol ip prio 3 flower src_ip 192.168.1.0/24 action vlan push id 20 action mirred egress redirect dev X")
        #expect(f.header.ifindex == IfIndex(2))
        let o = try #require(f.flower)
        #expect(o.srcIP == ip("192.168.1.0"))
        #expect(o.srcIPMask == ip("255.255.255.0"))
        #expect(o.match.srcIP == Masked.prefix(ip("192.168.1.0"), length: 24))
        let built = NetlinkMessage.addFilter(try .flower(
            ifindex: IfIndex(2), priority: 3, protocol: .ipv4,
            match: FlowerMatch(srcIP: .prefix(ip("192.168.1.0"), length: 24)), actions: f.actions))
        expectBuilt(golden, m, built)
    }

    @Test func dstMACAndPrefixWithPedit() throws {
        let (m, f, golden) = try decode("tc filter add dev X ingress protocol ip prio 4 flower dst_mac 02:00:00:00:fe:01 dst_ip 10.1.0.0/16 action pedit ex munge eth src set 02:00:00:00:fe:01 munge eth dst set 02:00:00:00:00:22 munge ip ttl add 255 pipe action csum ip pipe action mirred egress redirect dev Y")
        let o = try #require(f.flower)
        #expect(o.dstMAC == mac("02:00:00:00:fe:01"))
        #expect(o.dstIP == ip("10.1.0.0"))
        #expect(o.dstIPMask == ip("255.255.0.0"))
        #expect(f.actions.map(\.order) == [1, 2, 3])
        let built = NetlinkMessage.addFilter(try .flower(
            ifindex: IfIndex(3), priority: 4, protocol: .ipv4,
            match: FlowerMatch(dstMAC: .exact(mac("02:00:00:00:fe:01")), dstIP: .prefix(ip("10.1.0.0"), length: 16)),
            actions: f.actions))
        expectBuilt(golden, m, built)
    }

    @Test func srcIPBeforeIPProto() throws {
        let (m, f, golden) = try decode("tc filter add dev X ingress protocol ip prio 5 flower src_ip 10.0.0.5 ip_proto tcp action pedit ex munge ip src set 203.0.113.10 pipe action csum ip and tcp pipe action mirred egress redirect dev eth0")
        let o = try #require(f.flower)
        #expect(o.srcIP == ip("10.0.0.5"))
        #expect(o.ipProto == .tcp)
        #expect(f.actions.count == 3)
        let built = NetlinkMessage.addFilter(FilterMessage(
            header: TCMessageHeader(ifindex: IfIndex(3), parent: .ingressHook, priority: 5, protocol: .ipv4),
            attributes: [.kind("flower"), .flower(FlowerOptions([
                .srcIPv4(v4("10.0.0.5")), .srcIPv4Mask(allOnes4), .ipProto(.tcp), .actions(f.actions), .flags([]), .ethType(.ipv4),
            ]))]))
        expectBuilt(golden, m, built)
    }

    @Test func tcpDstPortDrop() throws {
        let (m, f, golden) = try decode("tc filter add dev X ingress protocol ip prio 6 flower ip_proto tcp dst_port 22 action drop")
        let o = try #require(f.flower)
        #expect(o.ipProto == .tcp)
        #expect(o.dstPort == 22)
        #expect(o.attributes.contains(.tcpDstPort(22)))
        #expect(!o.attributes.contains(.tcpDstPortMask(0xffff)), "tc sends no port mask")
        let built = NetlinkMessage.addFilter(try .flower(
            ifindex: IfIndex(3), priority: 6, protocol: .ipv4,
            match: FlowerMatch(ipProto: .tcp, dstPort: Masked(22)), actions: f.actions))
        expectBuilt(golden, m, built)
    }

    @Test func udpPortsPass() throws {
        let (m, f, golden) = try decode("tc filter add dev X ingress protocol ip prio 6 flower ip_proto udp src_port 68 dst_port 67 action pass")
        let o = try #require(f.flower)
        #expect(o.attributes.contains(.udpSrcPort(68)))
        #expect(o.attributes.contains(.udpDstPort(67)))
        #expect(o.srcPort == 68)
        let built = NetlinkMessage.addFilter(try .flower(
            ifindex: IfIndex(3), priority: 6, protocol: .ipv4,
            match: FlowerMatch(ipProto: .udp, srcPort: Masked(68), dstPort: Masked(67)), actions: f.actions))
        expectBuilt(golden, m, built)
    }

    @Test func protocolAllPolice() throws {
        let (m, f, golden) = try decode("tc filter add dev X ingress protocol all prio 7 flower action police rate 100mbit burst 64k conform-exceed drop")
        #expect(f.protocol == .all)
        #expect(f.priority == 7)
        let o = try #require(f.flower)
        #expect(o.ethType == nil, "tc sends no eth_type for protocol all")
        #expect(o.attributes.count == 2)
        #expect(f.actions.count == 1)
        let built = NetlinkMessage.addFilter(try .flower(ifindex: IfIndex(3), priority: 7, protocol: .all, actions: f.actions))
        expectBuilt(golden, m, built)
    }

    @Test func chainZeroGoto() throws {
        let (m, f, golden) = try decode("tc filter add dev X ingress protocol ip chain 0 prio 8 flower ip_proto tcp action goto chain 1")
        #expect(f.chain == 0)
        #expect(f.priority == 8)
        guard case .chain = f.attributes.first else { Issue.record("TCA_CHAIN must come first"); return }
        let built = NetlinkMessage.addFilter(try .flower(
            ifindex: IfIndex(3), priority: 8, protocol: .ipv4, chain: 0, match: FlowerMatch(ipProto: .tcp), actions: f.actions))
        expectBuilt(golden, m, built)
    }

    @Test func chainOne() throws {
        let (m, f, golden) = try decode("tc filter add dev X ingress protocol ip chain 1 prio 1 flower dst_ip 10.0.0.9 action mirred egress redirect dev Y")
        #expect(f.chain == 1)
        #expect(f.flower?.dstIP == ip("10.0.0.9"))
        let built = NetlinkMessage.addFilter(try .flower(
            ifindex: IfIndex(3), priority: 1, protocol: .ipv4, chain: 1, match: FlowerMatch(dstIP: .exact(ip("10.0.0.9"))), actions: f.actions))
        expectBuilt(golden, m, built)
    }

    @Test func ipv6ICMPv6() throws {
        let (m, f, golden) = try decode("tc filter add dev X ingress protocol ipv6 prio 9 flower dst_ip 2001:db8::1 ip_proto icmpv6 action mirred egress redirect dev Y")
        #expect(f.protocol == .ipv6)
        #expect(f.priority == 9)
        let o = try #require(f.flower)
        #expect(o.dstIP == ip("2001:db8::1"))
        #expect(o.dstIPMask == .v6(IPv6Address(high: .max, low: .max)))
        #expect(o.ipProto == .icmpv6)
        #expect(o.ethType == .ipv6)
        let built = NetlinkMessage.addFilter(FilterMessage(
            header: TCMessageHeader(ifindex: IfIndex(3), parent: .ingressHook, priority: 9, protocol: .ipv6),
            attributes: [.kind("flower"), .flower(FlowerOptions([
                .dstIPv6(IPv6Address("2001:db8::1")!), .dstIPv6Mask(IPv6Address(high: .max, low: .max)), .ipProto(.icmpv6),
                .actions(f.actions), .flags([]), .ethType(.ipv6),
            ]))]))
        expectBuilt(golden, m, built)
    }

    @Test func arpRequest() throws {
        let (m, f, golden) = try decode("tc filter add dev X ingress protocol arp prio 10 flower arp_op request arp_tip 10.0.0.1 action mirred egress redirect dev Y")
        #expect(f.protocol == .arp)
        let o = try #require(f.flower)
        #expect(o.arpOp == 1)
        #expect(o.arpTIP == v4("10.0.0.1"))
        #expect(o.match.arpOp == Masked(1, mask: 0xff))
        let built = NetlinkMessage.addFilter(try .flower(
            ifindex: IfIndex(3), priority: 10, protocol: .arp,
            match: FlowerMatch(arpOp: Masked(1, mask: 0xff), arpTIP: .exact(v4("10.0.0.1"))), actions: f.actions))
        expectBuilt(golden, m, built)
    }

    @Test func skipHWMirrorAndRedirectWithCookie() throws {
        let (m, f, golden) = try decode("tc filter add dev X ingress protocol ip prio 11 flower skip_hw dst_ip 10.0.0.3 action mirred egress mirror dev eth0 pipe action mirred egress redirect dev Y cookie 0a0b0c0d0e0f1011")
        #expect(f.flags == [.skipHardware])
        #expect(f.flower?.dstIP == ip("10.0.0.3"))
        #expect(f.actions.map(\.order) == [1, 2])
        let built = NetlinkMessage.addFilter(try .flower(
            ifindex: IfIndex(3), priority: 11, protocol: .ipv4,
            match: FlowerMatch(dstIP: .exact(ip("10.0.0.3"))), actions: f.actions, flags: .skipHardware))
        expectBuilt(golden, m, built)
    }

    // MARK: del / get / dump: fully typed, no actions involved.

    @Test func deleteByHandle() throws {
        let command = "tc filter del dev X ingress protocol ip prio 1 handle 1 flower"
        let built = NetlinkMessage.deleteFilter(try .flower(ifindex: IfIndex(3), priority: 1, protocol: .ipv4, handle: 1))
        let golden = corpus.bytes(command)
        #expect(built.encoded() == golden)
        #expect(try NetlinkMessage.decode(golden, context: .route) == built)
        let (_, f, _) = try decode(command, type: RTM.delTFilter, flags: [.request, .ack])
        #expect(f.handle == 1)
        #expect(f.flower?.attributes == [.flags([]), .ethType(.ipv4)])
    }

    @Test func getByHandle() throws {
        let built = NetlinkMessage.getFilter(try .flower(ifindex: IfIndex(3), priority: 1, protocol: .ipv4, handle: 1))
        let golden = corpus.bytes("tc filter get dev X ingress protocol ip prio 1 handle 1 flower")
        #expect(built.encoded() == golden)
        #expect(try NetlinkMessage.decode(golden, context: .route) == built)
    }

    @Test func dumpIngress() throws {
        let built = NetlinkMessage.dumpFilters(.dump(ifindex: IfIndex(3)))
        let golden = corpus.bytes("tc -s filter show dev X ingress")
        #expect(built.encoded() == golden)
        let decoded = try NetlinkMessage.decode(golden, context: .route)
        #expect(decoded == built)
        guard case .filter(let f) = decoded.body else { Issue.record("not a filter"); return }
        #expect(f.attributes.isEmpty)
        #expect(f.header.parent.description == "ffff:fff2")
        #expect(f.priority == 0)
        #expect(f.protocol.rawValue == 0)
    }

    /// Every tc filter vector in the corpus is covered by a test above.
    @Test func everyFilterVectorIsCovered() {
        let filterCommands = corpus.vectors.map(\.command).filter { $0.hasPrefix("tc filter") || $0.hasPrefix("tc -s filter") }
        #expect(filterCommands.count == 19)
        for command in filterCommands {
            let bytes = corpus.bytes(command)
            #expect((try? NetlinkMessage.decode(bytes, context: .route).encoded()) == bytes, "\(command)")
        }
    }
}
