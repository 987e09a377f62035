import EswitchModel
import Netlink
import Testing

/// FlowerMatch's canonical order and checks, handles, protocols and tcm_info.
@Suite struct TCFilterBuilderTests {
    let mac = MACAddress("02:00:00:00:00:01")!

    @Test func canonicalOrder() throws {
        let m = FlowerMatch(
            inputDevice: "eth0", classID: TCHandle(major: 1, minor: 1),
            dstMAC: .exact(mac), srcMAC: Masked(mac),
            vlanID: 10, vlanPriority: 2, vlanEthType: .vlan8021Q, cvlanID: 20, cvlanPriority: 1, cvlanEthType: .ipv4,
            ipProto: .udp, ipTOS: Masked(4, mask: 0xfc), ipTTL: Masked(64),
            srcIP: .prefix(IPAddress("10.0.0.0")!, length: 8), dstIP: .exact(IPAddress("10.0.0.2")!),
            srcPort: Masked(1000, mask: 0xff00), dstPort: Masked(4789),
            encKeyID: 5, encSrcIP: .exact(IPAddress("2001:db8::1")!), encDstIP: Masked(IPAddress("2001:db8::2")!),
            encSrcPort: Masked(1), encDstPort: Masked(4789, mask: 0xffff), encTOS: Masked(1), encTTL: Masked(2, mask: 0xff),
            arpOp: Masked(1, mask: 0xff), arpSIP: .exact(IPv4Address(1, 1, 1, 1)), arpTIP: Masked(IPv4Address(2, 2, 2, 2)),
            arpSHA: .exact(mac), arpTHA: Masked(mac))
        let ones4 = IPv4Address(rawValue: .max)
        let expected: [FlowerAttribute] = [
            .inputDevice("eth0"), .classID(TCHandle(major: 1, minor: 1)),
            .dstMAC(mac), .dstMACMask(.broadcast), .srcMAC(mac),
            .vlanID(10), .vlanPriority(2), .vlanEthType(.vlan8021Q), .cvlanID(20), .cvlanPriority(1), .cvlanEthType(.ipv4),
            .ipProto(.udp), .ipTOS(4), .ipTOSMask(0xfc), .ipTTL(64),
            .srcIPv4(IPv4Address(10, 0, 0, 0)), .srcIPv4Mask(IPv4Address(255, 0, 0, 0)), .dstIPv4(IPv4Address(10, 0, 0, 2)), .dstIPv4Mask(ones4),
            .udpSrcPort(1000), .udpSrcPortMask(0xff00), .udpDstPort(4789),
            .encKeyID(5), .encSrcIPv6(IPv6Address("2001:db8::1")!), .encSrcIPv6Mask(IPv6Address(high: .max, low: .max)), .encDstIPv6(IPv6Address("2001:db8::2")!),
            .encSrcPort(1), .encDstPort(4789), .encDstPortMask(0xffff), .encTOS(1), .encTTL(2), .encTTLMask(0xff),
            .arpOp(1), .arpOpMask(0xff), .arpSIP(IPv4Address(1, 1, 1, 1)), .arpSIPMask(ones4), .arpTIP(IPv4Address(2, 2, 2, 2)),
            .arpSHA(mac), .arpSHAMask(.broadcast), .arpTHA(mac),
        ]
        #expect(try m.attributes() == expected)
        // Reading the keys back gives the same match.
        #expect(FlowerOptions(expected).match == m)

        let options = try FlowerOptions(match: m, actions: [TCAction(order: 1, attributes: [])], flags: .skipSoftware, ethType: .vlan8021Q)
        #expect(Array(options.attributes.suffix(3)) == [.actions([TCAction(order: 1, attributes: [])]), .flags(.skipSoftware), .ethType(.vlan8021Q)])
    }

    @Test func icmpAndSCTPChooseTheirAttributes() throws {
        let icmp = FlowerMatch(ipProto: .icmp, icmpType: Masked(8, mask: 0xff), icmpCode: Masked(0))
        #expect(try icmp.attributes() == [.ipProto(.icmp), .icmpv4Type(8), .icmpv4TypeMask(0xff), .icmpv4Code(0)])
        let icmp6 = FlowerMatch(ipProto: .icmpv6, icmpType: Masked(135))
        #expect(try icmp6.attributes() == [.ipProto(.icmpv6), .icmpv6Type(135)])
        #expect(FlowerOptions(try icmp.attributes()).match == icmp)
        let sctp = FlowerMatch(ipProto: .sctp, dstPort: Masked(9))
        #expect(try sctp.attributes() == [.ipProto(.sctp), .sctpDstPort(9)])
        let tcp = FlowerMatch(ipProto: .tcp, srcPort: Masked(1))
        #expect(try tcp.attributes() == [.ipProto(.tcp), .tcpSrcPort(1)])
    }

    @Test func impossibleMatchesThrowNamingTheField() {
        #expect(throws: FlowerMatchError(field: "dst_port", "needs ip_proto tcp, udp or sctp, not none")) {
            try FlowerMatch(dstPort: Masked(22)).attributes()
        }
        #expect(throws: FlowerMatchError(field: "src_port", "needs ip_proto tcp, udp or sctp, not icmp")) {
            try FlowerMatch(ipProto: .icmp, srcPort: Masked(22)).attributes()
        }
        #expect(throws: FlowerMatchError.self) { try FlowerMatch(ipProto: .tcp, icmpType: Masked(8)).attributes() }
        #expect(throws: FlowerMatchError(field: "src_ip_mask", "the mask's address family differs from src_ip's")) {
            try FlowerMatch(srcIP: Masked(IPAddress("10.0.0.1")!, mask: IPAddress("::")!)).attributes()
        }
        #expect(throws: FlowerMatchError.self) {
            try FilterMessage.flower(ifindex: IfIndex(1), priority: 1, protocol: .ipv4, match: FlowerMatch(encDstIP: Masked(IPAddress("::1")!, mask: IPAddress("255.0.0.0")!)))
        }
        #expect(Masked<IPAddress>.prefix(IPAddress("10.0.0.0")!, length: 33) == nil)
        #expect(Masked<IPAddress>.prefix(IPAddress("::")!, length: 129) == nil)
        #expect(Masked<IPAddress>.prefix(IPAddress("2001:db8::")!, length: 32)?.mask == IPAddress("ffff:ffff::"))
    }

    @Test func filterBuilderShapes() throws {
        let all = try FilterMessage.flower(ifindex: IfIndex(3), priority: 7, protocol: .all, flags: .skipHardware)
        #expect(all.attributes == [.kind("flower"), .flower(FlowerOptions([.flags(.skipHardware)]))])
        let chained = try FilterMessage.flower(ifindex: IfIndex(3), parent: .egressHook, priority: 2, protocol: .ipv6, chain: 4, handle: 9)
        #expect(chained.chain == 4)
        #expect(chained.handle == 9)
        #expect(chained.header.parent.description == "ffff:fff3")
        #expect(chained.attributes.first == .chain(4))
        #expect(chained.flower?.ethType == .ipv6)
        let dump = FilterMessage.dump(ifindex: IfIndex(3), chain: 1)
        #expect(dump.attributes == [.chain(1)])
    }

    @Test func replaceAndDumpFlags() throws {
        let f = try FilterMessage.flower(ifindex: IfIndex(3), priority: 1, protocol: .ipv4)
        #expect(NetlinkMessage.replaceFilter(f).flags == [.request, .ack, .create])
        #expect(NetlinkMessage.replaceFilter(f).type == RTM.newTFilter)
        #expect(NetlinkMessage.dumpQdiscs().flags.rawValue == 0x301)
        #expect(NetlinkMessage.dumpQdiscs().type == RTM.getQdisc)
    }

    @Test func filterInfoPacking() {
        #expect(TCMessageHeader.filterInfo(priority: 1, protocol: .ipv4) == 0x0001_0008)
        #expect(TCMessageHeader.filterInfo(priority: 9, protocol: .ipv6) == 0x0009_DD86)
        var h = TCMessageHeader(ifindex: IfIndex(1), parent: .ingressHook, priority: 3, protocol: .vlan8021Q)
        #expect(h.priority == 3)
        #expect(h.protocol == .vlan8021Q)
        h.priority = 0xffff
        #expect(h.protocol == .vlan8021Q)
        h.protocol = .arp
        #expect(h.priority == 0xffff)
        #expect(h.info == 0xFFFF_0608)
    }

    @Test func handlesPrintAndParseLikeTc() {
        let cases: [(UInt32, String)] = [
            (0xFFFF_FFFF, "root"), (0, "none"), (0xFFFF_0000, "ffff:"), (0xFFFF_FFF2, "ffff:fff2"),
            (0x0000_0005, ":5"), (0x0001_0002, "1:2"), (0xFFFF_FFF1, "ffff:fff1"),
        ]
        for (raw, text) in cases {
            #expect(TCHandle(rawValue: raw).description == text)
            #expect(TCHandle(text) == TCHandle(rawValue: raw))
        }
        #expect(TCHandle.ingressHook.rawValue == 0xFFFF_FFF2)
        #expect(TCHandle.egressHook.rawValue == 0xFFFF_FFF3)
        #expect(TCHandle.ingressQdiscParent.rawValue == 0xFFFF_FFF1)
        #expect(TCHandle("FFFF:FFF2") == .ingressHook)
        for bad in ["", ":", "1", "1:2:3", "10000:", "g:1", "ingres"] {
            #expect(TCHandle(bad) == nil, "\(bad)")
        }
    }

    @Test func etherTypeNames() {
        #expect(EtherType.ipv4.description == "ip")
        #expect(EtherType.vlan8021Q.description == "802.1Q")
        #expect(EtherType.vlan8021AD.description == "802.1ad")
        #expect(EtherType.all.description == "all")
        #expect(EtherType.lldp.description == "LLDP")
        #expect(EtherType(0x88b5).description == "0x88b5")
        #expect(EtherType("ipv4") == .ipv4)
        #expect(EtherType("802.1q") == .vlan8021Q)
        #expect(EtherType("0x8847") == .mplsUnicast)
        #expect(EtherType("34984") == .vlan8021AD)
        #expect(EtherType("bogus") == nil)
        #expect(IPProtocolNumber("icmpv6") == .icmpv6)
        #expect(IPProtocolNumber("47")?.rawValue == 47)
        #expect(IPProtocolNumber("300") == nil)
    }
}
