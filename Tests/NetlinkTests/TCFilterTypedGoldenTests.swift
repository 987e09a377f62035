import EswitchModel
import Netlink
import Testing

/// Every `tc filter add` vector of the golden corpus, built as a whole NetlinkMessage from typed
/// values only (header, flower keys in the order tc sent them, typed actions, flags, chain): the
/// bytes must equal iproute2's and the golden bytes must decode to the built value. Each test's
/// display name is the command; ``expectGolden(_:)`` loads the vector by that name, so the command
/// is written once and the test cannot check one command against another's bytes.
@Suite struct TCFilterTypedGoldenTests {
    // Interfaces of the capture namespace (see the corpus README).
    static let Y = IfIndex(2), X = IfIndex(3), eth0 = IfIndex(5), vxlan0 = IfIndex(6)
    var Y: IfIndex { Self.Y }
    var X: IfIndex { Self.X }
    var eth0: IfIndex { Self.eth0 }
    var vxlan0: IfIndex { Self.vxlan0 }

    func mac(_ s: String) -> MACAddress { MACAddress(s)! }
    func ip(_ s: String) -> IPAddress { IPAddress(s)! }
    func v4(_ s: String) -> IPv4Address { IPv4Address(s)! }
    let allOnes4 = IPv4Address(rawValue: .max)
    let allOnes6 = IPv6Address(high: .max, low: .max)

    /// `tc filter add dev <ifindex> ingress protocol <protocol> [chain] prio <priority>` with the
    /// flower option list spelled out, for commands whose keys are not in the builder's order.
    func flower(_ ifindex: IfIndex, priority: UInt16, protocol: EtherType, chain: UInt32? = nil, _ options: [FlowerAttribute]) -> NetlinkMessage {
        var attributes: [FilterAttribute] = []
        if let chain { attributes.append(.chain(chain)) }
        attributes += [.kind("flower"), .flower(FlowerOptions(options))]
        return .addFilter(FilterMessage(
            header: TCMessageHeader(ifindex: ifindex, parent: .ingressHook, priority: priority, protocol: `protocol`),
            attributes: attributes))
    }

    /// The golden vector of the running test (its display name is the command) must equal `built`
    /// byte for byte, and decode to it.
    func expectGolden(_ built: NetlinkMessage, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let command = try #require(Test.current?.displayName, sourceLocation: sourceLocation)
        #expect(GoldenCoverage.filterAdd.contains(command), "list '\(command)' in GoldenCoverage.filterAdd", sourceLocation: sourceLocation)
        let golden = GoldenCorpus.shared.bytes(command)
        #expect(built.encoded().hexString == golden.hexString, sourceLocation: sourceLocation)
        let decoded = try NetlinkMessage.decode(golden, context: .route)
        #expect(decoded == built, sourceLocation: sourceLocation)
    }

    @Test("tc filter add dev X ingress protocol ip prio 1 flower skip_sw dst_mac 02:00:00:00:00:01 ip_proto udp dst_ip 10.0.0.2 action mirred egress redirect dev Y")
    func redirectToPort() throws {
        try expectGolden(.addFilter(.flower(
            ifindex: X, priority: 1, protocol: .ipv4,
            match: FlowerMatch(dstMAC: .exact(mac("02:00:00:00:00:01")), ipProto: .udp, dstIP: .exact(ip("10.0.0.2"))),
            actions: [TCAction(order: 1, .mirred(.redirect(.egress, to: Y)))],
            flags: .skipSoftware)))
    }

    @Test("tc filter add dev vxlan0 ingress protocol ip prio 1 flower enc_key_id 100 enc_dst_ip 10.0.0.1 enc_src_ip 10.0.0.2 enc_dst_port 4789 action tunnel_key unset action mirred egress redirect dev Y")
    func vxlanDecap() throws {
        try expectGolden(flower(vxlan0, priority: 1, protocol: .ipv4, [
            .encKeyID(100),
            .encDstIPv4(v4("10.0.0.1")), .encDstIPv4Mask(allOnes4),
            .encSrcIPv4(v4("10.0.0.2")), .encSrcIPv4Mask(allOnes4),
            .encDstPort(4789),
            .actions([
                TCAction(order: 1, .tunnelKey(.unset())),
                TCAction(order: 2, .mirred(.redirect(.egress, to: Y))),
            ]),
            .flags([]), .ethType(.ipv4),
        ]))
    }

    @Test("tc filter add dev X ingress protocol ip prio 2 flower dst_mac 02:00:00:00:00:01 action tunnel_key set id 100 src_ip 10.0.0.1 dst_ip 10.0.0.2 dst_port 4789 action mirred egress redirect dev vxlan0")
    func vxlanEncap() throws {
        try expectGolden(.addFilter(.flower(
            ifindex: X, priority: 2, protocol: .ipv4,
            match: FlowerMatch(dstMAC: .exact(mac("02:00:00:00:00:01"))),
            actions: [
                TCAction(order: 1, .tunnelKey(.set(keyID: 100, source: ip("10.0.0.1"), destination: ip("10.0.0.2"), destinationPort: 4789))),
                TCAction(order: 2, .mirred(.redirect(.egress, to: vxlan0))),
            ])))
    }

    @Test("tc filter add dev X ingress protocol ip prio 2 flower skip_sw src_mac 02:00:00:00:00:05 dst_mac 02:00:00:00:00:07 action tunnel_key set id 5001 src_ip 172.16.0.1 dst_ip 172.16.0.9 dst_port 4789 nocsum action mirred egress redirect dev vxlan0")
    func vxlanEncapNoChecksum() throws {
        try expectGolden(flower(X, priority: 2, protocol: .ipv4, [
            .srcMAC(mac("02:00:00:00:00:05")), .srcMACMask(.broadcast),
            .dstMAC(mac("02:00:00:00:00:07")), .dstMACMask(.broadcast),
            .actions([
                TCAction(order: 1, .tunnelKey(.set(
                    keyID: 5001, source: ip("172.16.0.1"), destination: ip("172.16.0.9"), destinationPort: 4789, checksum: false))),
                TCAction(order: 2, .mirred(.redirect(.egress, to: vxlan0))),
            ]),
            .flags(.skipSoftware), .ethType(.ipv4),
        ]))
    }

    @Test("tc filter add dev X ingress protocol 802.1Q prio 3 flower vlan_id 10 vlan_ethtype ip action vlan pop action mirred egress redirect dev Y")
    func vlanPop() throws {
        try expectGolden(.addFilter(.flower(
            ifindex: X, priority: 3, protocol: .vlan8021Q,
            match: FlowerMatch(vlanID: 10, vlanEthType: .ipv4),
            actions: [
                TCAction(order: 1, .vlan(.pop())),
                TCAction(order: 2, .mirred(.redirect(.egress, to: Y))),
            ])))
    }

    @Test("tc filter add dev Y ingress protocol ip prio 3 flower src_ip 192.168.1.0/24 action vlan push id 20 action mirred egress redirect dev X")
    func vlanPush() throws {
        try expectGolden(.addFilter(.flower(
            ifindex: Y, priority: 3, protocol: .ipv4,
            match: FlowerMatch(srcIP: .prefix(ip("192.168.1.0"), length: 24)),
            actions: [
                TCAction(order: 1, .vlan(.push(id: 20))),
                TCAction(order: 2, .mirred(.redirect(.egress, to: X))),
            ])))
    }

    @Test("tc filter add dev X ingress protocol ip prio 4 flower dst_mac 02:00:00:00:fe:01 dst_ip 10.1.0.0/16 action pedit ex munge eth src set 02:00:00:00:fe:01 munge eth dst set 02:00:00:00:00:22 munge ip ttl add 255 pipe action csum ip pipe action mirred egress redirect dev Y")
    func routeThroughGateway() throws {
        try expectGolden(.addFilter(.flower(
            ifindex: X, priority: 4, protocol: .ipv4,
            match: FlowerMatch(dstMAC: .exact(mac("02:00:00:00:fe:01")), dstIP: .prefix(ip("10.1.0.0"), length: 16)),
            actions: [
                TCAction(order: 1, .pedit(.munge([
                    .ethernetSource(mac("02:00:00:00:fe:01")),
                    .ethernetDestination(mac("02:00:00:00:00:22")),
                    .ipv4TTLDecrement,
                ], verdict: .pipe))),
                TCAction(order: 2, .csum(.update(.ipv4Header, verdict: .pipe))),
                TCAction(order: 3, .mirred(.redirect(.egress, to: Y))),
            ])))
    }

    @Test("tc filter add dev X ingress protocol ip prio 5 flower src_ip 10.0.0.5 ip_proto tcp action pedit ex munge ip src set 203.0.113.10 pipe action csum ip and tcp pipe action mirred egress redirect dev eth0")
    func sourceNAT() throws {
        try expectGolden(flower(X, priority: 5, protocol: .ipv4, [
            .srcIPv4(v4("10.0.0.5")), .srcIPv4Mask(allOnes4),
            .ipProto(.tcp),
            .actions([
                TCAction(order: 1, .pedit(.munge([.ipv4Source(v4("203.0.113.10"))], verdict: .pipe))),
                TCAction(order: 2, .csum(.update([.ipv4Header, .tcp], verdict: .pipe))),
                TCAction(order: 3, .mirred(.redirect(.egress, to: eth0))),
            ]),
            .flags([]), .ethType(.ipv4),
        ]))
    }

    @Test("tc filter add dev X ingress protocol ip prio 6 flower ip_proto tcp dst_port 22 action drop")
    func dropTCPPort() throws {
        try expectGolden(.addFilter(.flower(
            ifindex: X, priority: 6, protocol: .ipv4,
            match: FlowerMatch(ipProto: .tcp, dstPort: Masked(22)),
            actions: [TCAction(order: 1, .gact(.drop))])))
    }

    @Test("tc filter add dev X ingress protocol ip prio 6 flower ip_proto udp src_port 68 dst_port 67 action pass")
    func passDHCP() throws {
        try expectGolden(.addFilter(.flower(
            ifindex: X, priority: 6, protocol: .ipv4,
            match: FlowerMatch(ipProto: .udp, srcPort: Masked(68), dstPort: Masked(67)),
            actions: [TCAction(order: 1, .gact(.pass))])))
    }

    @Test("tc filter add dev X ingress protocol all prio 7 flower action police rate 100mbit burst 64k conform-exceed drop")
    func police() throws {
        try expectGolden(.addFilter(.flower(
            ifindex: X, priority: 7, protocol: .all,
            actions: [TCAction(order: 1, .police(.police(rate: 100_000_000 / 8, burst: 64 * 1024, exceed: .drop)))])))
    }

    @Test("tc filter add dev X ingress protocol ip chain 0 prio 8 flower ip_proto tcp action goto chain 1")
    func gotoChain() throws {
        try expectGolden(.addFilter(.flower(
            ifindex: X, priority: 8, protocol: .ipv4, chain: 0,
            match: FlowerMatch(ipProto: .tcp),
            actions: [TCAction(order: 1, .gact(.gotoChain(1)))])))
    }

    @Test("tc filter add dev X ingress protocol ip chain 1 prio 1 flower dst_ip 10.0.0.9 action mirred egress redirect dev Y")
    func inChainOne() throws {
        try expectGolden(.addFilter(.flower(
            ifindex: X, priority: 1, protocol: .ipv4, chain: 1,
            match: FlowerMatch(dstIP: .exact(ip("10.0.0.9"))),
            actions: [TCAction(order: 1, .mirred(.redirect(.egress, to: Y)))])))
    }

    @Test("tc filter add dev X ingress protocol ipv6 prio 9 flower dst_ip 2001:db8::1 ip_proto icmpv6 action mirred egress redirect dev Y")
    func ipv6ICMP() throws {
        try expectGolden(flower(X, priority: 9, protocol: .ipv6, [
            .dstIPv6(IPv6Address("2001:db8::1")!), .dstIPv6Mask(allOnes6),
            .ipProto(.icmpv6),
            .actions([TCAction(order: 1, .mirred(.redirect(.egress, to: Y)))]),
            .flags([]), .ethType(.ipv6),
        ]))
    }

    @Test("tc filter add dev X ingress protocol arp prio 10 flower arp_op request arp_tip 10.0.0.1 action mirred egress redirect dev Y")
    func arpRequest() throws {
        try expectGolden(.addFilter(.flower(
            ifindex: X, priority: 10, protocol: .arp,
            match: FlowerMatch(arpOp: Masked(1, mask: 0xff), arpTIP: .exact(v4("10.0.0.1"))),
            actions: [TCAction(order: 1, .mirred(.redirect(.egress, to: Y)))])))
    }

    @Test("tc filter add dev X ingress protocol ip prio 11 flower skip_hw dst_ip 10.0.0.3 action mirred egress mirror dev eth0 pipe action mirred egress redirect dev Y cookie 0a0b0c0d0e0f1011")
    func mirrorAndRedirectWithCookie() throws {
        try expectGolden(.addFilter(.flower(
            ifindex: X, priority: 11, protocol: .ipv4,
            match: FlowerMatch(dstIP: .exact(ip("10.0.0.3"))),
            actions: [
                TCAction(order: 1, .mirred(.mirror(.egress, to: eth0, verdict: .pipe))),
                TCAction(order: 2, .mirred(.redirect(.egress, to: Y)), cookie: [0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11]),
            ],
            flags: .skipHardware)))
    }

    /// The typed builds above must be able to fail: a one-field change gives other bytes.
    @Test func aWrongValueDiffers() throws {
        let golden = GoldenCorpus.shared.bytes("tc filter add dev X ingress protocol ip prio 6 flower ip_proto tcp dst_port 22 action drop")
        let wrong = NetlinkMessage.addFilter(try .flower(
            ifindex: X, priority: 6, protocol: .ipv4,
            match: FlowerMatch(ipProto: .tcp, dstPort: Masked(23)),
            actions: [TCAction(order: 1, .gact(.drop))]))
        #expect(wrong.encoded() != golden)
        #expect(try NetlinkMessage.decode(golden, context: .route) != wrong)
    }
}
