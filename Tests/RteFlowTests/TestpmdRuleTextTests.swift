import EswitchModel
import RteFlow
import Testing

@Suite("testpmd text of rte_flow rules, actions and meters")
struct TestpmdRuleTextTests {
    private let encap = RteFlowVXLANEncap(
        vni: VNI(rawValue: 1001), ethSource: MACAddress(0x02, 0, 0, 0, 0, 0x0B), ethDestination: MACAddress(0x02, 0, 0, 0, 0, 0x0C),
        addresses: .ipv4(source: IPv4Address(192, 0, 2, 11), destination: IPv4Address(192, 0, 2, 12)), ttl: 32)

    @Test("every action has testpmd's spelling")
    func actions() {
        let mac = MACAddress(0xFA, 0x16, 0x3E, 0, 0, 1)
        let expected: [(RteFlowAction, String)] = [
            (.vxlanEncap(encap), "vxlan_encap"), (.vxlanDecap, "vxlan_decap"),
            (.portRepresentor(RteFlowPortID(1)), "port_representor port_id 1"),
            (.representedPort(RteFlowPortID(0)), "represented_port ethdev_port_id 0"),
            (.setMACSource(mac), "set_mac_src mac_addr fa:16:3e:00:00:01"),
            (.setMACDestination(mac), "set_mac_dst mac_addr fa:16:3e:00:00:01"),
            (.decrementTTL, "dec_ttl"),
            (.setIPv4Source(IPv4Address(203, 0, 113, 10)), "set_ipv4_src ipv4_addr 203.0.113.10"),
            (.setIPv4Destination(IPv4Address(10, 10, 0, 11)), "set_ipv4_dst ipv4_addr 10.10.0.11"),
            (.ofPushVLAN(etherType: 0x8100), "of_push_vlan ethertype 0x8100"), (.ofSetVLANVID(100), "of_set_vlan_vid vlan_vid 100"),
            (.ofPopVLAN, "of_pop_vlan"), (.meter(RteFlowMeterID(7)), "meter mtr_id 7"), (.count, "count"), (.drop, "drop"),
            (.jump(group: 3), "jump group 3"), (.queue(index: 2), "queue index 2"),
        ]
        for (action, text) in expected { #expect(action.testpmdText == text) }
    }

    @Test("a rule is `flow create PORT ATTRIBUTES pattern ... / end actions ... / end`")
    func flowCommand() throws {
        let rule = RteFlowRule(
            port: RteFlowPortID(0), attributes: RteFlowAttributes(group: 2, priority: 20, transfer: true),
            pattern: [.representedPort(RteFlowPortID(1)), .eth(RteFlowItemEth(destination: .exact(MACAddress(0x52, 0x54, 0, 0x10, 0, 2))))],
            actions: [.count, .jump(group: 3)])
        #expect(try rule.testpmdCommands() == [
            "flow create 0 group 2 priority 20 transfer pattern represented_port ethdev_port_id is 1 / eth dst is 52:54:00:10:00:02 / end actions count / jump group 3 / end",
        ])
        #expect(rule.testpmdFlowCommand(.validate).hasPrefix("flow validate 0 group 2 priority 20 transfer pattern "))
    }

    @Test("VXLAN_ENCAP is preceded by the set vxlan-tos-ttl command that defines it")
    func encapsulation() throws {
        let rule = RteFlowRule(port: RteFlowPortID(0), attributes: RteFlowAttributes(group: 2, priority: 21, transfer: true),
                               pattern: [.representedPort(RteFlowPortID(1))], actions: [.vxlanEncap(encap), .representedPort(RteFlowPortID(0))])
        let commands = try rule.testpmdCommands()
        #expect(commands.count == 2)
        #expect(commands.first == "set vxlan-tos-ttl ip-version ipv4 vni 1001 udp-src 0 udp-dst 4789 ip-tos 0 ip-ttl 32 ip-src 192.0.2.11 ip-dst 192.0.2.12 eth-src 02:00:00:00:00:0b eth-dst 02:00:00:00:00:0c")
        #expect(commands.last?.hasSuffix("actions vxlan_encap / represented_port ethdev_port_id 0 / end") == true)

        var v6 = encap
        v6.addresses = .ipv6(source: IPv6Address("2001:db8::b")!, destination: IPv6Address("2001:db8::c")!)
        #expect(v6.testpmdSetCommand.hasPrefix("set vxlan-tos-ttl ip-version ipv6 vni 1001 "))
        #expect(v6.testpmdSetCommand.contains(" ip-src 2001:db8::b ip-dst 2001:db8::c "))
    }

    @Test("two different encapsulations in one rule cannot be written; the same one twice can")
    func conflictingEncapsulations() throws {
        var other = encap
        other.vni = VNI(rawValue: 1002)
        let twice = RteFlowRule(port: RteFlowPortID(0), attributes: RteFlowAttributes(transfer: true), pattern: [], actions: [.vxlanEncap(encap), .vxlanEncap(encap)])
        #expect(try twice.testpmdCommands().count == 2)
        let conflicting = RteFlowRule(port: RteFlowPortID(0), attributes: RteFlowAttributes(transfer: true), pattern: [], actions: [.vxlanEncap(encap), .vxlanEncap(other)])
        #expect(throws: RteFlowTestpmdError.conflictingEncapsulations) { try conflicting.testpmdCommands() }
    }

    @Test("a command longer than testpmd's line buffer is refused with its length")
    func lineLimit() throws {
        let item = RteFlowItem.ipv6(RteFlowItemIPv6(source: MaskedField(IPv6Address("2001:db8:1:2:3:4:5:6")!, mask: IPv6Address("ffff:fff0:ffff:ffff:ffff:ffff:ffff:fff0")!)))
        let rule = RteFlowRule(port: RteFlowPortID(0), attributes: RteFlowAttributes(transfer: true), pattern: Array(repeating: item, count: 6), actions: [.drop])
        let length = rule.testpmdFlowCommand().utf8.count
        #expect(length > RteFlowRule.testpmdLineLimit)
        #expect(throws: RteFlowTestpmdError.lineTooLong(length: length, limit: RteFlowRule.testpmdLineLimit)) { try rule.testpmdCommands() }
    }

    @Test("a meter is an srTCM byte-mode profile and a meter on the policy; the policy drops red")
    func meters() {
        let meter = RteFlowMeter(id: RteFlowMeterID(4), committedRateBytesPerSecond: 125_000, committedBurstBytes: 10_000, policy: RteFlowMeterPolicyID(1))
        #expect(meter.testpmdCommands(port: RteFlowPortID(0)) == [
            "add port meter profile srtcm_rfc2697 0 4 125000 10000 0 0",
            "create port meter 0 4 4 1 yes 0 0 g 0",
        ])
        #expect(RteFlowMeterPolicyID(1).testpmdDropRedCommand(port: RteFlowPortID(0))
            == "add port meter policy 0 1 g_actions end y_actions end r_actions drop / end")
    }
}
