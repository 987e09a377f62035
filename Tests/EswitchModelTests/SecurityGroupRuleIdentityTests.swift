import EswitchModel
import Testing

/// Security-group rules are named in rule ids by their content: the text reads like the rule,
/// equal rules (and only they) read the same, and topics built from it behave like their text.
@Suite struct SecurityGroupRuleIdentityTests {
    @Test func theTextReadsLikeTheRule() {
        let ssh = SecurityGroupRule(direction: .ingress, ethertype: .ipv4, protocol: .tcp, portRangeMin: 22, portRangeMax: 22, remoteCIDR: CIDR("10.0.0.0/8"))
        #expect(ssh.identityText == "ingress IPv4 tcp 22-22 10.0.0.0/8")
        let ping = SecurityGroupRule(direction: .ingress, ethertype: .ipv4, protocol: .icmp, icmpType: 8, icmpCode: 0)
        #expect(ping.identityText == "ingress IPv4 icmp type 8 code 0")
        #expect(SecurityGroupRule(direction: .egress, ethertype: .ipv6).identityText == "egress IPv6 any")
        let identity = SecurityGroupRuleIdentity(group: "web", rule: ssh)
        #expect(RuleTopic.securityGroupRule(identity, block: 1).description == "web/ingress IPv4 tcp 22-22 10.0.0.0/8#1")
        let delivery = RuleTopic.delivery(to: "web-2-eth0", .securityGroupRule(identity, block: 0))
        #expect(delivery.description == "web-2-eth0 web/ingress IPv4 tcp 22-22 10.0.0.0/8#0")
        #expect(delivery == RuleTopic(text: "web-2-eth0 web/ingress IPv4 tcp 22-22 10.0.0.0/8#0"))
        #expect(delivery.hashValue == RuleTopic(text: delivery.description).hashValue)
        // Another instance for the same rule names the same topic.
        #expect(RuleTopic.securityGroupRule(SecurityGroupRuleIdentity(group: "web", rule: ssh), block: 1) == .securityGroupRule(identity, block: 1))
    }

    @Test func distinctRulesHaveDistinctTexts() {
        var rng = RuleTopicTests.Mix(state: 3)
        func maybe<T>(_ value: T) -> T? { rng.next() % 2 == 0 ? value : nil }
        var byText: [String: SecurityGroupRule] = [:]
        for _ in 0..<5000 {
            let small = { (n: UInt64) in UInt16(rng.next() % n) }
            var rule = SecurityGroupRule(direction: rng.next() % 2 == 0 ? .ingress : .egress, ethertype: rng.next() % 2 == 0 ? .ipv4 : .ipv6)
            rule.protocol = [IPProtocolMatch.any, .tcp, .udp, .icmp, .icmpv6, IPProtocolMatch(number: UInt8(rng.next() % 4 + 110))][Int(rng.next() % 6)]
            rule.portRangeMin = maybe(small(4) + 1)
            rule.portRangeMax = maybe(small(4) + 1)
            rule.icmpType = maybe(UInt8(small(3)))
            rule.icmpCode = maybe(UInt8(small(3)))
            rule.remoteCIDR = maybe(rng.next() % 2 == 0 ? CIDR("10.\(small(3)).0.0/16")! : CIDR("2001:db8::/\(32 + small(2))")!)
            if let seen = byText[rule.identityText] {
                #expect(seen == rule, "\(seen) and \(rule) both read '\(rule.identityText)'")
            } else {
                byText[rule.identityText] = rule
            }
        }
        #expect(byText.count > 1000)
    }
}
