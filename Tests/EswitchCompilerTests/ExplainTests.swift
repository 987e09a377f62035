import EswitchCompiler
import EswitchModel
import Foundation
import Testing

/// Explain: per rule and per port, as text and as a JSON-friendly value.
@Suite struct ExplainTests {
    let plan: Plan
    init() throws { plan = try PlacementFixtures.plan(try CompilerFixtures.profile("connectx-5")) }

    @Test func oneRuleInOneLine() throws {
        let id = try #require(plan.placed("port-admit@port web-1-eth0:52:54:00:10:00:01")?.rule.id)
        #expect(plan.explain(rule: id) == "port-admit@port web-1-eth0:52:54:00:10:00:01 (chain 0, prio 10): split (the NIC matches, the slow path acts): ConnectX-5: action police on representor not supported")
        #expect(plan.explain(rule: RuleID(kind: .decap, ingress: .uplink, subject: "nothing")) == nil)
    }

    @Test func aPortsSummaryCountsAndGroupsTheReasons() throws {
        let text = plan.explain(port: "web-1-eth0")
        let lines = text.split(separator: "\n").map(String.init)
        let coverage = try #require(plan.portCoverage["web-1-eth0"])
        #expect(lines.first == "port web-1-eth0 (vf): coverage \(coverage)")
        #expect(lines.contains("  1 split: ConnectX-5: action police on representor not supported"))
        // The most frequent reason comes first.
        let explanation = PortExplanation(port: "web-1-eth0", binding: .vf, rules: plan.rules(ownedBy: "web-1-eth0"))
        #expect(explanation.reasons.first?.reason.hasPrefix("not reached in hardware") == true)
        #expect(explanation.reasons.map(\.rules).reduce(0, +) == coverage.split + coverage.software)
    }

    @Test func matchesAndActionsInWords() throws {
        let rule = try #require(plan.placed("ingress-allow@uplink:web-1-eth0 web/ingress IPv4 icmp type 8 10.0.0.0/8#0"))
        let e = RuleExplanation(rule)
        #expect(e.match.description == "dst_mac=52:54:00:10:00:01 eth_type=ipv4 ip_proto=icmp src_ip=10.0.0.0/8 icmp_type=8 ct_state=+trk")
        #expect(e.actions == ["ct zone 1001 commit", "output port web-1-eth0"])
        let admit = RuleExplanation(try #require(plan.placed("port-admit@port web-1-eth0:52:54:00:10:00:01")))
        #expect(admit.actions == ["police 1Gbit burst 1250000B", "goto chain 1"])
        let range = RuleExplanation(try #require(plan.placed("egress-allow@port web-1-eth0:web/egress IPv4 tcp 80-443#0")))
        #expect(range.match.description == "eth_type=ipv4 ip_proto=tcp dst_port=80/0xfff0")
        #expect(RuleExplanation(try #require(plan.placed("anti-spoof-drop@port web-1-eth0:*"))).match.description == "any")
        #expect(e.cookie == "0x" + String(rule.rule.id.cookie, radix: 16).leftPadded(to: 16))
    }

    @Test func theJSONDocumentHasEveryRuleWithMatchActionsAndPlacement() throws {
        let data = try JSONEncoder().encode(plan.explanation())
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(root["profile"] as? String == "connectx-5")
        #expect(root["hardware_rules"] as? Int == plan.hardwareRules)
        let ports = try #require(root["ports"] as? [[String: Any]])
        #expect(ports.compactMap { $0["port"] as? String } == ["tools-eth0", "web-1-eth0", "web-2-eth0"])
        let rules = ports.flatMap { ($0["rules"] as? [[String: Any]]) ?? [] }
        #expect(rules.count == plan.rules.count)
        let admit = try #require(rules.first { $0["id"] as? String == "port-admit@port web-1-eth0:52:54:00:10:00:01" })
        #expect((admit["match"] as? [String: String]) == ["src_mac": "52:54:00:10:00:01"])
        #expect(admit["location"] as? String == "split")
        #expect(admit["reason"] as? String == "ConnectX-5: action police on representor not supported")
        #expect((admit["actions"] as? [String])?.count == 2)
        let coverage = try #require(root["coverage"] as? [String: Any])
        #expect(coverage["total"] as? Int == plan.rules.count)
        // The value reads back.
        let back = try JSONDecoder().decode(PlanExplanation.self, from: data)
        #expect(back.ports.map(\.coverage) == plan.explanation().ports.map(\.coverage))
        #expect(back.ports[1].rules.map(\.reason) == plan.explanation().ports[1].rules.map(\.reason))
    }

    @Test func theTableHasOneRowPerRule() throws {
        let table = plan.explanation().table
        for placed in plan.rules { #expect(table.contains(placed.rule.id.description)) }
        #expect(table.contains("RULE"))
        #expect(table.hasSuffix("node coverage \(plan.coverage)"))
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
