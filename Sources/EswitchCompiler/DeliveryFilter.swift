import EswitchModel

/// Chain 3: delivery to a local port through its ingress security groups, the same on every
/// ingress (a source port or the uplink). Default deny: what no rule allows is dropped. Stateful
/// groups send the frame through conntrack first, then let established connections and allowed
/// new ones in.
struct DeliveryFilter {
    let destination: Port
    let context: CompileContext

    /// The filter's rules: the allow rules sorted by topic, and the default drop.
    func templates() -> DeliveryTemplates {
        var out: [RuleTemplate] = []
        let id = destination.id
        func add(_ kind: RuleKind, _ topic: DeliveryTopic, _ match: FlowMatch, _ actions: [FlowAction]) {
            out.append(RuleTemplate(kind: kind, topic: .delivery(to: id, topic), match: match, actions: actions))
        }
        var base = FlowMatch()
        base.ethDestination = .exact(destination.mac)
        var deliver: [FlowAction] = []
        if let vlan = destination.vlan { deliver.append(.pushVLAN(vlan.rawValue)) }
        deliver.append(.output(.port(destination.id)))

        let groups = context.state.securityGroups(of: destination)
        let stateful = groups.contains { $0.stateful }
        let zone = context.zone(of: destination.network)
        var tracked = base
        if stateful {
            var untracked = base
            untracked.connectionState = .untracked
            add(.ingressAllow, .track, untracked, [.conntrack(zone: zone, commit: false, snat: nil), .gotoChain(RuleKind.ingressAllow.chain)])
            var established = base
            established.connectionState = .established
            add(.ingressAllow, .established, established, deliver)
            tracked.connectionState = ConnectionStateMatch(set: .tracked)
        }
        // ARP replies and requests reach the port (answers for its own IPs come from the slow path,
        // but a VM may ARP for a peer the slow path floods).
        var arp = base
        arp.etherType = EtherTypes.arp
        add(.ingressAllow, .arp, arp, deliver)
        let commitAndDeliver: [FlowAction] = [.conntrack(zone: zone, commit: true, snat: nil)] + deliver
        for group in groups {
            let actions = group.stateful ? commitAndDeliver : deliver
            for (sgRule, identity) in zip(group.rules, context.ruleIdentities(of: group)) where sgRule.direction == .ingress {
                for (n, match) in SecurityGroupMatches.expand(sgRule, base: tracked).enumerated() {
                    add(.ingressAllow, .securityGroupRule(identity, block: n), match, actions)
                }
            }
        }
        out.sort { $0.topic < $1.topic }
        let drop = RuleTemplate(kind: .ingressDrop, topic: .delivery(to: id, .all), match: base, actions: SharedActions.drop)
        return DeliveryTemplates(allow: out, drop: drop)
    }
}

/// A delivery filter split the way rules sort: every allow rule (kind `ingressAllow`) of every
/// destination comes before any default drop (`ingressDrop`).
struct DeliveryTemplates {
    let allow: [RuleTemplate]
    let drop: RuleTemplate
}
