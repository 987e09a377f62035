import EswitchModel
import RteFlow
import RteFlowBackend
import Testing

/// The backend on hand-made rules: each IR feature and each reason a rule cannot be offloaded.
@Suite("rte_flow backend on single rules")
struct BackendRuleTests {
    private let vm = PortID("vm-1")
    private let local = IPAddress.v4(IPv4Address(192, 0, 2, 1))
    private let remote = IPAddress.v4(IPv4Address(192, 0, 2, 2))

    private var devices: RteFlowDeviceMap {
        RteFlowDeviceMap(uplinkPort: RteFlowPortID(0), proxyPort: RteFlowPortID(5), representors: [vm: RteFlowPortID(3)],
                         meters: [vm: RteFlowMeterID(9)], meterPolicy: RteFlowMeterPolicyID(4),
                         underlay: RteFlowUnderlay(localVTEP: local, uplinkMAC: MACAddress(integer: 0x0200_0000_0001), nextHops: [remote: MACAddress(integer: 0x0200_0000_0002)]))
    }

    private func rule(_ kind: RuleKind = .l2Local, ingress: RuleIngress? = nil, match: FlowMatch = FlowMatch(), actions: [FlowAction]) -> Rule {
        Rule(id: RuleID(kind: kind, ingress: ingress ?? .port(vm), subject: "t"), match: match, actions: actions, owner: vm)
    }

    @Test("rules are created on the proxy port; counting can be turned off")
    func proxyAndCounting() {
        let r = rule(actions: [.drop])
        #expect(RteFlowBackend(devices: devices).translate(r).flow
            == RteFlowRule(port: RteFlowPortID(5), attributes: RteFlowAttributes(group: 2, priority: 20, transfer: true), pattern: [.representedPort(RteFlowPortID(3))], actions: [.count, .drop]))
        #expect(RteFlowBackend(devices: devices, counting: false).translate(r).flow?.actions == [.drop])
    }

    @Test("security-group style matches: IPv4 prefix, TCP port block, ICMP type under IPv4, ICMPv6 under IPv6")
    func l3l4() {
        var m = FlowMatch()
        m.etherType = 0x0800
        m.ipProtocol = 6
        m.ipv4Source = .prefix(IPv4Address(10, 0, 0, 0), length: 8)
        m.destinationPort = MaskedField(1024, mask: 0xFC00)
        #expect(RteFlowBackend(devices: devices).translate(rule(match: m, actions: [.drop])).flow?.pattern == [
            .representedPort(RteFlowPortID(3)), .eth(RteFlowItemEth(type: .exact(0x0800))),
            .ipv4(RteFlowItemIPv4(source: .prefix(IPv4Address(10, 0, 0, 0), length: 8), proto: .exact(6))),
            .tcp(RteFlowItemPorts(destination: MaskedField(1024, mask: 0xFC00))),
        ])
        var icmp6 = FlowMatch()
        icmp6.etherType = 0x86DD
        icmp6.ipProtocol = 58
        icmp6.icmpType = 128
        #expect(RteFlowBackend(devices: devices).translate(rule(match: icmp6, actions: [.drop])).flow?.pattern.last == .icmp6(RteFlowItemICMP(type: .exact(128))))
    }

    @Test("a pattern that cannot be written leaves no hardware rule, and every problem is listed")
    func brokenPattern() {
        var m = FlowMatch()
        m.etherType = 0x86DD
        m.ipProtocol = 1
        m.icmpType = 8
        m.ipv4Destination = .exact(IPv4Address(10, 0, 0, 1))
        let t = RteFlowBackend(devices: devices).translate(rule(match: m, actions: [.drop]))
        guard case .software(let problems) = t.placement else { Issue.record("not in software: \(t.placement)"); return }
        #expect(problems.map(\.subject).contains("match eth_type 0x86dd"))
        #expect(problems.allSatisfy { $0.rule == t.rule.id })

        let unknownPort = Rule(id: RuleID(kind: .flood, ingress: .port(PortID("other")), subject: "x"), match: FlowMatch(), actions: [.trap(.flood)], owner: PortID("other"))
        guard case .software(let reasons) = RteFlowBackend(devices: devices).translate(unknownPort).placement else { Issue.record("port without representor offloaded"); return }
        #expect(reasons.map(\.description) == ["rte_flow: ingress port other: no representor ethdev in the device map (a software-bound port, or not on this eswitch): its traffic takes the slow path"])
    }

    @Test("actions hardware cannot run split the rule: the same pattern traps to the ingress's ethdev")
    func split() {
        var m = FlowMatch()
        m.ethDestination = .exact(MACAddress(integer: 0x5254_0000_0001))
        m.connectionState = .established
        let far = IPAddress.v4(IPv4Address(192, 0, 2, 99))
        let r = rule(match: m, actions: [.setIPv4Source(IPv4Address(1, 2, 3, 4)), .encapsulate(TunnelEncapsulation(vni: VNI(rawValue: 5), source: local, destination: far)),
                         .conntrack(zone: 3, commit: true, snat: nil), .output(.tunnel)])
        let t = RteFlowBackend(devices: devices).translate(r)
        guard case .split(let trap, let problems) = t.placement else { Issue.record("not split: \(t.placement)"); return }
        // ct_state is left out of the trap's pattern: wider, never narrower.
        #expect(trap.pattern == [.representedPort(RteFlowPortID(3)), .eth(RteFlowItemEth(destination: .exact(MACAddress(integer: 0x5254_0000_0001))))])
        #expect(trap.actions == [.count, .portRepresentor(RteFlowPortID(3))])
        #expect(problems.map(\.subject) == ["match ct_state", "action set_ipv4_src 1.2.3.4", "action tunnel encap vni 5 to 192.0.2.99", "action ct zone 3 commit"])
    }

    @Test("restoring NAT for SNAT return traffic has no rte_flow form: the rule traps to the slow path, saying why")
    func restoringNAT() {
        var m = FlowMatch()
        m.etherType = 0x0800
        m.ipv4Destination = .exact(IPv4Address(203, 0, 113, 1))
        let r = rule(.snatGateway, ingress: .uplink, match: m, actions: [.conntrackRestoreNAT(zone: 0xF123), .gotoChain(2)])
        guard case .split(_, let problems) = RteFlowBackend(devices: devices).translate(r).placement else { Issue.record("not split"); return }
        #expect(problems.map(\.subject) == ["action ct zone 61731 nat"])
        #expect(problems.map(\.reason) == [RteFlowBackend.conntrackReason])
    }

    @Test("encapsulation takes the uplink MAC, the VTEP's next hop, and the IR's TTL or the underlay default")
    func encapsulation() {
        let r = rule(actions: [.encapsulate(TunnelEncapsulation(vni: VNI(rawValue: 77), source: local, destination: remote, ttl: 8)), .output(.tunnel)])
        #expect(RteFlowBackend(devices: devices).translate(r).flow?.actions == [
            .count,
            .vxlanEncap(RteFlowVXLANEncap(vni: VNI(rawValue: 77), ethSource: MACAddress(integer: 0x0200_0000_0001), ethDestination: MACAddress(integer: 0x0200_0000_0002),
                                          addresses: .ipv4(source: IPv4Address(192, 0, 2, 1), destination: IPv4Address(192, 0, 2, 2)), ttl: 8)),
            .representedPort(RteFlowPortID(0)),
        ])
    }

    @Test("decap needs the tunnel in the pattern; on the uplink, trap goes to the uplink's port")
    func decapAndUplinkTrap() {
        let noTunnel = rule(ingress: .uplink, actions: [.decapsulate, .gotoChain(3)])
        guard case .split(let trap, let problems) = RteFlowBackend(devices: devices).translate(noTunnel).placement else { Issue.record("decap without tunnel offloaded"); return }
        #expect(problems.map(\.subject) == ["action tunnel decap"])
        #expect(trap.actions.last == .portRepresentor(RteFlowPortID(0)))

        var m = FlowMatch()
        m.tunnelID = VNI(rawValue: 7)
        m.tunnelSource = remote
        let t = RteFlowBackend(devices: devices).translate(rule(ingress: .uplink, match: m, actions: [.decapsulate, .trap(.flood)]))
        #expect(t.flow?.pattern == [
            .representedPort(RteFlowPortID(0)), .eth(RteFlowItemEth()),
            .ipv4(RteFlowItemIPv4(source: .exact(IPv4Address(192, 0, 2, 2)), destination: .exact(IPv4Address(192, 0, 2, 1)))),
            .udp(RteFlowItemPorts()), .vxlan(RteFlowItemVXLAN(vni: VNI(rawValue: 7))),
        ])
        #expect(t.flow?.actions == [.count, .vxlanDecap, .portRepresentor(RteFlowPortID(0))])
    }

    @Test("police: the port's meter with the rate in bytes; no meter id or a clashing rate splits the rule")
    func meters() {
        let policed = rule(.portAdmit, actions: [.police(rateBitsPerSecond: 8_000_000, burstBytes: 4096), .gotoChain(1)])
        let first = RteFlowBackend(devices: devices).translate(policed)
        #expect(first.meter == RteFlowMeter(id: RteFlowMeterID(9), committedRateBytesPerSecond: 1_000_000, committedBurstBytes: 4096, policy: RteFlowMeterPolicyID(4)))
        #expect(first.flow?.actions == [.count, .meter(RteFlowMeterID(9)), .jump(group: 1)])

        var clash = policed
        clash.id.subject = "other"
        clash.actions = [.police(rateBitsPerSecond: 16_000_000, burstBytes: 4096), .gotoChain(1)]
        let plan = RteFlowBackend(devices: devices).plan([policed, clash])
        #expect(plan.meters.count == 1)
        guard case .split(_, let problems) = plan.translations[1].placement else { Issue.record("clashing meter offloaded"); return }
        #expect(problems.first?.description.contains("meter 9 already polices at 1000000 B/s") == true)

        var noMeter = devices
        noMeter.meters = [:]
        guard case .split = RteFlowBackend(devices: noMeter).translate(policed).placement else { Issue.record("police without meter id offloaded"); return }
    }

    @Test("VLAN push is OF_PUSH_VLAN 0x8100 then OF_SET_VLAN_VID; hop limit and TTL are both DEC_TTL")
    func vlanAndTTL() {
        #expect(RteFlowBackend(devices: devices, counting: false).translate(rule(actions: [.decrementHopLimit, .decrementTTL, .pushVLAN(42), .output(.port(vm))])).flow?.actions
            == [.decrementTTL, .decrementTTL, .ofPushVLAN(etherType: 0x8100), .ofSetVLANVID(42), .representedPort(RteFlowPortID(3))])
    }
}
