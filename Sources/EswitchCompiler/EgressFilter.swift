import EswitchModel

/// Chain 1: a port's egress security groups (allow rules, then drop), or allow everything when
/// none of its groups has an egress rule. Only the groups, the zone and whether the port has an
/// IPv6 address count, so ports alike in those share the templates.
struct EgressFilter {
    let groups: [SecurityGroup]
    /// The rules of each group as rule ids name them (same order as `groups`).
    let identities: [[SecurityGroupRuleIdentity]]
    let zone: UInt16
    /// Whether the port has an IPv6 address (then neighbour discovery must pass too).
    let ipv6: Bool

    /// The rules in id order (allow rules by topic, then the drop).
    func templates() -> [RuleTemplate] {
        var out: [RuleTemplate] = []
        let stateful = groups.contains { $0.stateful }
        // Stateful groups commit the connections the port opens, so that replies count as
        // established at delivery (ingress filter of this port).
        let next: [FlowAction] = stateful ? [.conntrack(zone: zone, commit: true, snat: nil), .gotoChain(RuleKind.l2Local.chain)] : SharedActions.toForwarding
        var any = true
        for (group, identities) in zip(groups, identities) {
            for (sgRule, identity) in zip(group.rules, identities) where sgRule.direction == .egress {
                any = false
                for (n, match) in SecurityGroupMatches.expand(sgRule, base: FlowMatch()).enumerated() {
                    out.append(RuleTemplate(kind: .egressAllow, topic: .securityGroupRule(identity, block: n), match: match, actions: next))
                }
            }
        }
        if any {
            // No egress rule in any group: everything the port sends is allowed.
            return [RuleTemplate(kind: .egressAllow, topic: .all, match: FlowMatch(), actions: next)]
        }
        // ARP and neighbour discovery always pass (they go to the slow path in chain 2).
        var arp = FlowMatch()
        arp.etherType = EtherTypes.arp
        out.append(RuleTemplate(kind: .egressAllow, topic: RuleTopic(text: "arp"), match: arp, actions: SharedActions.toForwarding))
        if ipv6 {
            var nd = FlowMatch()
            nd.etherType = EtherTypes.ipv6
            nd.ipProtocol = IPProtocolMatch.icmpv6.number
            out.append(RuleTemplate(kind: .egressAllow, topic: RuleTopic(text: "nd"), match: nd, actions: SharedActions.toForwarding))
        }
        out.sort { $0.topic < $1.topic }
        out.append(RuleTemplate(kind: .egressDrop, topic: .all, match: FlowMatch(), actions: SharedActions.drop))
        return out
    }
}
