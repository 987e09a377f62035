import EswitchModel
import RteFlow
import Testing

/// Every item and action kind of the model, with exact and partial masks, both address families
/// and every attribute, through dpdk-testpmd's parser (the example alone does not use them all).
@Suite("dpdk-testpmd parses every rte_flow item and action the model has")
struct TestpmdModelCoverageTests {
    static let rules: [RteFlowRule] = {
        let mac = MACAddress(0x52, 0x54, 0, 0x10, 0, 1)
        let encap6 = RteFlowVXLANEncap(vni: VNI(rawValue: 0xFF_FFFF), ethSource: MACAddress(0x02, 0, 0, 0, 2, 0x0B), ethDestination: MACAddress(0x02, 0, 0, 0, 2, 0x0D),
                                       addresses: .ipv6(source: IPv6Address("2001:db8::b")!, destination: IPv6Address("2001:db8::c")!), udpSource: 49152, tos: 0xB8, ttl: 255)
        return [
            RteFlowRule(port: RteFlowPortID(0), attributes: RteFlowAttributes(group: 7, priority: 3, ingress: true),
                        pattern: [.portRepresentor(RteFlowPortID(0)), .eth(RteFlowItemEth(destination: MaskedField(MACAddress(integer: 0x0100_0000_0000), mask: MACAddress(integer: 0x0100_0000_0000)), source: .exact(mac))),
                                  .vlan(RteFlowItemVLAN(vid: MaskedField(0x100, mask: 0xF00), innerType: .exact(0x0800))),
                                  .ipv4(RteFlowItemIPv4(source: .prefix(IPv4Address(10, 0, 0, 0), length: 8), destination: .exact(IPv4Address(10, 0, 0, 1)), proto: .exact(1), ttl: MaskedField(64, mask: 0xF0))),
                                  .icmp(RteFlowItemICMP(type: .exact(8), code: .exact(0)))],
                        actions: [.count, .queue(index: 0)]),
            RteFlowRule(port: RteFlowPortID(0), attributes: RteFlowAttributes(group: 1, priority: 1, egress: true),
                        pattern: [.eth(RteFlowItemEth(type: .exact(0x86DD))),
                                  .ipv6(RteFlowItemIPv6(source: .prefix(IPv6Address("2001:db8:10::")!, length: 64), destination: .exact(IPv6Address("2001:db8::1")!), proto: .exact(58), hopLimit: .exact(255))),
                                  .icmp6(RteFlowItemICMP(type: .exact(135), code: .exact(0)))],
                        actions: [.drop]),
            RteFlowRule(port: RteFlowPortID(0), attributes: RteFlowAttributes(group: 2, priority: 4, transfer: true),
                        pattern: [.representedPort(RteFlowPortID(0)), .eth(RteFlowItemEth()), .ipv6(RteFlowItemIPv6()), .sctp(RteFlowItemPorts(source: .exact(1), destination: MaskedField(4096, mask: 0xF000)))],
                        actions: [.meter(RteFlowMeterID(3)), .ofPopVLAN, .ofPushVLAN(etherType: 0x8100), .ofSetVLANVID(4095), .vxlanEncap(encap6), .representedPort(RteFlowPortID(0))]),
            RteFlowRule(port: RteFlowPortID(0), attributes: RteFlowAttributes(group: 0, priority: 0, transfer: true),
                        pattern: [.representedPort(RteFlowPortID(0)), .eth(RteFlowItemEth()), .ipv6(RteFlowItemIPv6(destination: .exact(IPv6Address("2001:db8::c")!))),
                                  .udp(RteFlowItemPorts(destination: .exact(4789))), .vxlan(RteFlowItemVXLAN(vni: VNI(rawValue: 1))),
                                  .eth(RteFlowItemEth(destination: .exact(mac))), .ipv4(RteFlowItemIPv4()), .tcp(RteFlowItemPorts(source: .exact(80)))],
                        actions: [.vxlanDecap, .setIPv4Source(IPv4Address(203, 0, 113, 1)), .setIPv4Destination(IPv4Address(10, 0, 0, 1)),
                                  .setMACSource(mac), .setMACDestination(mac), .decrementTTL, .portRepresentor(RteFlowPortID(0))]),
        ]
    }()

    @Test("create and validate forms parse and reach the driver")
    func everyKind() throws {
        let commands = try Self.rules.flatMap { try $0.testpmdCommands(.create) + $0.testpmdCommands(.validate) }
        let replies = try Testpmd.run(commands)
        #expect(replies.count == commands.count)
        for reply in replies {
            #expect(!reply.isParseError, "testpmd could not parse: \(reply.command)\n\(reply.output)")
            if reply.command.hasPrefix("flow ") { #expect(reply.reachedDriver, "no driver answer to: \(reply.command)\n\(reply.output)") }
        }
    }
}
