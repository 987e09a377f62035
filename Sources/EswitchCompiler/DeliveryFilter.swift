import EswitchModel

/// Chain 3 on one ingress (a source port or the uplink): delivery to a local port through its
/// ingress security groups. Default deny: what no rule allows is dropped. Stateful groups send the
/// frame through conntrack first, then let established connections and allowed new ones in.
struct DeliveryFilter {
    let destination: Port
    let ingress: RuleIngress
    let owner: PortID
    let context: CompileContext

    private func rule(_ kind: RuleKind, _ subject: String, _ match: FlowMatch, _ actions: [FlowAction]) -> Rule {
        Rule(id: RuleID(kind: kind, ingress: ingress, subject: "\(destination.id) \(subject)"), match: match, actions: actions, owner: owner)
    }

    func rules() -> [Rule] {
        var out: [Rule] = []
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
            out.append(rule(.ingressAllow, "track", untracked, [.conntrack(zone: zone, commit: false, snat: nil), .gotoChain(RuleKind.ingressAllow.chain)]))
            var established = base
            established.connectionState = .established
            out.append(rule(.ingressAllow, "established", established, deliver))
            tracked.connectionState = ConnectionStateMatch(set: .tracked)
        }
        // ARP replies and requests reach the port (answers for its own IPs come from the slow path,
        // but a VM may ARP for a peer the slow path floods).
        var arp = base
        arp.etherType = EtherTypes.arp
        out.append(rule(.ingressAllow, "arp", arp, deliver))
        for group in groups {
            for (index, sgRule) in group.rules.enumerated() where sgRule.direction == .ingress {
                for (n, match) in SecurityGroupMatches.expand(sgRule, base: tracked).enumerated() {
                    let commit: [FlowAction] = group.stateful ? [.conntrack(zone: zone, commit: true, snat: nil)] : []
                    out.append(rule(.ingressAllow, "\(group.id)/\(index)#\(n)", match, commit + deliver))
                }
            }
        }
        out.append(rule(.ingressDrop, "*", base, [.drop]))
        return out
    }
}
