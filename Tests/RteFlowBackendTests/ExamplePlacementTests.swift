import EswitchModel
import RteFlow
import RteFlowBackend
import Testing

@Suite("rte_flow placement of the example's rules")
struct ExamplePlacementTests {
    private static let tools = PortID("tools-eth0")

    private static func usesConntrack(_ rule: Rule) -> Bool {
        rule.match.connectionState != nil || rule.actions.contains { if case .conntrack = $0 { return true } else { return false } }
    }

    @Test("software: the software-bound port's own ingress; split: conntrack and delivery to it; hardware: the rest")
    func partition() throws {
        let plan = try ExampleFixture.plan()
        #expect(plan.translations.count == (try ExampleFixture.rules()).count)
        var counts = (hardware: 0, split: 0, software: 0)
        for t in plan.translations {
            let rule = t.rule
            let deliversToTools = rule.actions.contains(.output(.port(Self.tools)))
            switch t.placement {
            case .software(let problems):
                counts.software += 1
                #expect(rule.ingress == .port(Self.tools), "\(rule.id) in software: \(problems)")
                #expect(problems.contains { $0.subject == "ingress port tools-eth0" })
            case .split(let trap, let problems):
                counts.split += 1
                #expect(rule.ingress != .port(Self.tools))
                #expect(Self.usesConntrack(rule) || deliversToTools, "\(rule.id) split: \(problems)")
                // The trap sends to the ingress's own ethdev, where the slow path reads.
                let ingressPort = rule.ingress == .uplink ? ExampleFixture.uplink : ExampleFixture.devices.representors[rule.ingress.portID!]!
                #expect(trap.actions == [.count, .portRepresentor(ingressPort)])
                #expect(trap.attributes == RteFlowAttributes(group: rule.chain, priority: UInt32(rule.priority), transfer: true))
                if Self.usesConntrack(rule) { #expect(problems.contains { $0.subject.hasPrefix("action ct") || $0.subject == "match ct_state" }) }
                if deliversToTools { #expect(problems.contains { $0.subject == "action output port tools-eth0" }) }
            case .hardware(let flow):
                counts.hardware += 1
                #expect(!Self.usesConntrack(rule) && !deliversToTools && rule.ingress != .port(Self.tools), "\(rule.id) in hardware")
                #expect(flow.port == ExampleFixture.uplink)
                #expect(flow.attributes == RteFlowAttributes(group: rule.chain, priority: UInt32(rule.priority), transfer: true))
                let ingressPort = rule.ingress == .uplink ? ExampleFixture.uplink : ExampleFixture.devices.representors[rule.ingress.portID!]!
                #expect(flow.pattern.first == .representedPort(ingressPort))
                #expect(flow.actions.first == .count)
            }
        }
        #expect(counts.hardware > 0 && counts.split > 0 && counts.software > 0, "\(counts)")
        #expect(plan.coverage == Double(counts.hardware) / Double(plan.translations.count))
    }

    private func flow(_ id: String) throws -> RteFlowRule {
        let plan = try ExampleFixture.plan()
        let translation = try #require(plan.translations.first { $0.rule.id.description == id }, "no rule \(id)")
        guard case .hardware(let flow) = translation.placement else { throw PlacementError.notInHardware(id, translation.problems) }
        return flow
    }

    enum PlacementError: Error { case notInHardware(String, [RteFlowProblem]) }

    @Test("uplink decap: outer ETH / IPv4 to the local VTEP / UDP 4789 / VXLAN VNI, then the inner destination")
    func decap() throws {
        #expect(try flow("decap@uplink:1001 52:54:00:10:00:01").testpmdCommands() == [
            "flow create 0 group 0 priority 20 transfer pattern represented_port ethdev_port_id is 0 / eth / ipv4 dst is 192.0.2.11 / udp dst is 4789 / vxlan vni is 1001 / eth dst is 52:54:00:10:00:01 / end actions count / vxlan_decap / jump group 3 / end",
        ])
    }

    @Test("L2 to a remote endpoint: set vxlan-tos-ttl with the underlay MACs, then encap and out of the uplink")
    func l2Remote() throws {
        #expect(try flow("l2-remote@port web-1-eth0:52:54:00:10:00:63").testpmdCommands() == [
            "set vxlan-tos-ttl ip-version ipv4 vni 1001 udp-src 0 udp-dst 4789 ip-tos 0 ip-ttl 64 ip-src 192.0.2.11 ip-dst 192.0.2.12 eth-src 02:00:00:00:02:0b eth-dst 02:00:00:00:02:0c",
            "flow create 0 group 2 priority 21 transfer pattern represented_port ethdev_port_id is 1 / eth dst is 52:54:00:10:00:63 / end actions count / vxlan_encap / represented_port ethdev_port_id 0 / end",
        ])
    }

    @Test("admission: QoS becomes the port's meter; a VLAN port matches its tag and pops it")
    func admission() throws {
        #expect(try flow("port-admit@port web-1-eth0:52:54:00:10:00:01").testpmdFlowCommand()
            == "flow create 0 group 0 priority 10 transfer pattern represented_port ethdev_port_id is 1 / eth src is 52:54:00:10:00:01 / end actions count / meter mtr_id 1 / jump group 1 / end")
        #expect(try flow("port-admit@port web-2-eth0:52:54:00:10:00:02").testpmdFlowCommand()
            == "flow create 0 group 0 priority 10 transfer pattern represented_port ethdev_port_id is 2 / eth src is 52:54:00:10:00:02 / vlan vid is 100 / end actions count / of_pop_vlan / jump group 1 / end")
        let plan = try ExampleFixture.plan()
        // QoS policy "gold" of the example: 1 Gbit/s, burst 1.25 MB -> 125,000,000 bytes/s.
        #expect(plan.meters == [RteFlowMeter(id: RteFlowMeterID(1), committedRateBytesPerSecond: 125_000_000, committedBurstBytes: 1_250_000, policy: RteFlowMeterPolicyID(1))])
    }

    @Test("routing, floating IP and flooding keep the IR's rewrites and masks")
    func rewrites() throws {
        #expect(try flow("route@port web-1-eth0:10.20.0.11 via fa:16:3e:00:00:01").actions == [
            .count, .setMACSource(MACAddress("fa:16:3e:00:00:01")!), .setMACDestination(MACAddress("52:54:00:20:00:01")!), .decrementTTL,
            .vxlanEncap(RteFlowVXLANEncap(vni: VNI(rawValue: 1002), ethSource: ExampleFixture.uplinkMAC, ethDestination: ExampleFixture.nextHopMAC,
                                          addresses: .ipv4(source: IPv4Address(192, 0, 2, 11), destination: IPv4Address(192, 0, 2, 12)))),
            .representedPort(ExampleFixture.uplink),
        ])
        #expect(try flow("fip-in@uplink:203.0.113.10").testpmdFlowCommand()
            == "flow create 0 group 0 priority 30 transfer pattern represented_port ethdev_port_id is 0 / eth type is 0x0800 / ipv4 dst is 203.0.113.10 / end actions count / set_ipv4_dst ipv4_addr 10.10.0.11 / set_mac_src mac_addr fa:16:3e:00:00:01 / set_mac_dst mac_addr 52:54:00:10:00:01 / dec_ttl / jump group 3 / end")
        #expect(try flow("flood@port web-1-eth0:multicast").testpmdFlowCommand()
            == "flow create 0 group 2 priority 90 transfer pattern represented_port ethdev_port_id is 1 / eth dst spec 01:00:00:00:00:00 dst mask 01:00:00:00:00:00 / end actions count / port_representor port_id 1 / end")
        #expect(try flow("nd-trap@port web-1-eth0:*").pattern == [
            .representedPort(ExampleFixture.web1), .eth(RteFlowItemEth(type: .exact(0x86DD))), .ipv6(RteFlowItemIPv6(proto: .exact(58))),
        ])
    }
}

extension RuleIngress {
    /// The port of a port ingress.
    var portID: PortID? {
        if case .port(let id) = self { return id }
        return nil
    }
}
