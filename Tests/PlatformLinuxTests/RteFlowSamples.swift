import EswitchModel
import RteFlow

/// rte_flow rules that together use every item and action of the model, with exact and partial
/// masks and both address families.
enum RteFlowSamples {
    static let vm = RteFlowPortID(1)
    static let uplink = RteFlowPortID(0)

    static let encap4 = RteFlowVXLANEncap(
        vni: VNI(rawValue: 1001), ethSource: MACAddress(0x02, 0, 0, 0, 2, 0x0B), ethDestination: MACAddress(0x02, 0, 0, 0, 2, 0x0C),
        addresses: .ipv4(source: IPv4Address(192, 0, 2, 11), destination: IPv4Address(192, 0, 2, 12)), udpSource: 49152, udpDestination: 4789, tos: 0x10, ttl: 64)
    static let encap6 = RteFlowVXLANEncap(
        vni: VNI(rawValue: 0xFF_FFFF), ethSource: MACAddress(0x02, 0, 0, 0, 2, 0x0B), ethDestination: MACAddress(0x02, 0, 0, 0, 2, 0x0D),
        addresses: .ipv6(source: IPv6Address("2001:db8::b")!, destination: IPv6Address("2001:db8::c")!), tos: 0xB8, ttl: 255)

    static let rules: [RteFlowRule] = [
        // Admission with a meter and a VLAN tag.
        RteFlowRule(port: uplink, attributes: RteFlowAttributes(group: 0, priority: 10, transfer: true),
                    pattern: [.representedPort(vm), .eth(RteFlowItemEth(source: .exact(MACAddress(0x52, 0x54, 0, 0x10, 0, 2)))),
                              .vlan(RteFlowItemVLAN(vid: RteFlowItemVLAN.exactVID(100), innerType: .exact(0x0800)))],
                    actions: [.count, .meter(RteFlowMeterID(7)), .ofPopVLAN, .jump(group: 1)]),
        // A security-group allow: IPv4 prefix, TCP port block, delivery with a pushed tag.
        RteFlowRule(port: uplink, attributes: RteFlowAttributes(group: 3, priority: 10, transfer: true),
                    pattern: [.representedPort(uplink), .eth(RteFlowItemEth(destination: .exact(MACAddress(0x52, 0x54, 0, 0x10, 0, 1)), type: .exact(0x0800))),
                              .ipv4(RteFlowItemIPv4(source: .prefix(IPv4Address(10, 0, 0, 0), length: 8), proto: .exact(6), ttl: MaskedField(64, mask: 0xF0))),
                              .tcp(RteFlowItemPorts(source: .exact(1234), destination: MaskedField(1024, mask: 0xFC00)))],
                    actions: [.count, .ofPushVLAN(etherType: 0x8100), .ofSetVLANVID(100), .representedPort(vm)]),
        // Routing to a remote VTEP over IPv4.
        RteFlowRule(port: uplink, attributes: RteFlowAttributes(group: 2, priority: 30, transfer: true),
                    pattern: [.representedPort(vm), .eth(RteFlowItemEth(destination: .exact(MACAddress(0xFA, 0x16, 0x3E, 0, 0, 1)))),
                              .ipv4(RteFlowItemIPv4(destination: .exact(IPv4Address(10, 20, 0, 11))))],
                    actions: [.setMACSource(MACAddress(0xFA, 0x16, 0x3E, 0, 0, 1)), .setMACDestination(MACAddress(0x52, 0x54, 0, 0x20, 0, 1)),
                              .decrementTTL, .vxlanEncap(encap4), .representedPort(uplink)]),
        // IPv6 underlay encapsulation, IPv6 and ICMPv6 matching.
        RteFlowRule(port: uplink, attributes: RteFlowAttributes(group: 2, priority: 6, transfer: true),
                    pattern: [.representedPort(vm), .eth(RteFlowItemEth(type: .exact(0x86DD))),
                              .ipv6(RteFlowItemIPv6(source: .prefix(IPv6Address("2001:db8:10::")!, length: 64), destination: .exact(IPv6Address("2001:db8:20::5")!),
                                                    proto: .exact(58), hopLimit: .exact(255))),
                              .icmp6(RteFlowItemICMP(type: .exact(135), code: .exact(0)))],
                    actions: [.vxlanEncap(encap6), .representedPort(uplink)]),
        // Uplink decap with outer items, inner UDP, floating IP rewrite.
        RteFlowRule(port: uplink, attributes: RteFlowAttributes(group: 0, priority: 20, transfer: true),
                    pattern: [.representedPort(uplink), .eth(RteFlowItemEth()), .ipv4(RteFlowItemIPv4(destination: .exact(IPv4Address(192, 0, 2, 11)))),
                              .udp(RteFlowItemPorts(destination: .exact(4789))), .vxlan(RteFlowItemVXLAN(vni: VNI(rawValue: 1001))),
                              .eth(RteFlowItemEth(destination: .exact(MACAddress(0x52, 0x54, 0, 0x10, 0, 1)))),
                              .ipv4(RteFlowItemIPv4(destination: .exact(IPv4Address(203, 0, 113, 10)))), .udp(RteFlowItemPorts(source: .exact(53)))],
                    actions: [.vxlanDecap, .setIPv4Destination(IPv4Address(10, 10, 0, 11)), .setIPv4Source(IPv4Address(203, 0, 113, 1)), .jump(group: 3)]),
        // ICMP, SCTP, flooding mask, traps and queues.
        RteFlowRule(port: uplink, attributes: RteFlowAttributes(group: 1, priority: 5, ingress: true),
                    pattern: [.portRepresentor(vm), .eth(RteFlowItemEth(destination: MaskedField(MACAddress(integer: 0x0100_0000_0000), mask: MACAddress(integer: 0x0100_0000_0000)))),
                              .ipv4(RteFlowItemIPv4(proto: .exact(1))), .icmp(RteFlowItemICMP(type: .exact(8)))],
                    actions: [.portRepresentor(vm), .queue(index: 3)]),
        RteFlowRule(port: uplink, attributes: RteFlowAttributes(group: 1, priority: 7, egress: true),
                    pattern: [.eth(RteFlowItemEth()), .ipv6(RteFlowItemIPv6()), .sctp(RteFlowItemPorts(destination: .exact(9899)))],
                    actions: [.drop]),
    ]
}
