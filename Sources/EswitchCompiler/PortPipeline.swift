import EswitchModel

/// The rules on one local port's ingress: admission, egress filter, forwarding, and delivery
/// filters of the local destinations it can reach.
struct PortPipeline {
    let port: Port
    let context: CompileContext
    private var state: ValidatedNetworkState { context.state }

    init(port: Port, context: CompileContext) {
        self.port = port
        self.context = context
    }

    private var ingress: RuleIngress { .port(port.id) }

    private func rule(_ kind: RuleKind, _ subject: String, _ match: FlowMatch, _ actions: [FlowAction]) -> Rule {
        Rule(id: RuleID(kind: kind, ingress: ingress, subject: subject), match: match, actions: actions, owner: port.id)
    }

    func rules() -> [Rule] {
        var out: [Rule] = []
        admission(into: &out)
        egressFilter(into: &out)
        forwarding(into: &out)
        return out
    }

    // MARK: Chain 0: admission

    private func admission(into out: inout [Rule]) {
        var match = FlowMatch()
        match.ethSource = .exact(port.mac)
        if let vlan = port.vlan { match.vlanID = vlan.rawValue }
        var actions: [FlowAction] = []
        if let policy = port.qosPolicy.flatMap(state.qosPolicy) {
            actions.append(.police(rateBitsPerSecond: policy.rateBps, burstBytes: policy.burstBytes))
        }
        if port.vlan != nil { actions.append(.popVLAN) }
        actions.append(.gotoChain(RuleKind.egressAllow.chain))
        out.append(rule(.portAdmit, port.mac.description, match, actions))
        out.append(rule(.antiSpoofDrop, "*", FlowMatch(), [.drop]))
    }

    // MARK: Chain 1: egress security groups

    private func egressFilter(into out: inout [Rule]) {
        let groups = state.securityGroups(of: port)
        let egressRules = groups.flatMap { group in group.rules.enumerated().filter { $0.element.direction == .egress }.map { (group, $0.offset, $0.element) } }
        let next = FlowAction.gotoChain(RuleKind.l2Local.chain)
        let stateful = groups.contains { $0.stateful }
        // Stateful groups commit the connections the port opens, so that replies count as
        // established at delivery (ingress filter of this port).
        let commit: [FlowAction] = stateful ? [.conntrack(zone: context.zone(of: port.network), commit: true, snat: nil)] : []
        if egressRules.isEmpty {
            // No egress rule in any group: everything the port sends is allowed.
            out.append(rule(.egressAllow, "*", FlowMatch(), commit + [next]))
            return
        }
        for (group, index, sgRule) in egressRules {
            for (n, match) in SecurityGroupMatches.expand(sgRule, base: FlowMatch()).enumerated() {
                out.append(rule(.egressAllow, "\(group.id)/\(index)#\(n)", match, commit + [next]))
            }
        }
        // ARP and neighbour discovery always pass (they go to the slow path in chain 2).
        var arp = FlowMatch()
        arp.etherType = EtherTypes.arp
        out.append(rule(.egressAllow, "arp", arp, [next]))
        if port.fixedIPs.contains(where: { $0.ip.family == .ipv6 }) {
            var nd = FlowMatch()
            nd.etherType = EtherTypes.ipv6
            nd.ipProtocol = IPProtocolMatch.icmpv6.number
            out.append(rule(.egressAllow, "nd", nd, [next]))
        }
        out.append(rule(.egressDrop, "*", FlowMatch(), [.drop]))
    }

    // MARK: Chain 2: forwarding

    private func forwarding(into out: inout [Rule]) {
        var arp = FlowMatch()
        arp.etherType = EtherTypes.arp
        out.append(rule(.arpTrap, "*", arp, [.trap(.arp)]))
        if port.fixedIPs.contains(where: { $0.ip.family == .ipv6 }) {
            var nd = FlowMatch()
            nd.etherType = EtherTypes.ipv6
            nd.ipProtocol = IPProtocolMatch.icmpv6.number
            out.append(rule(.ndTrap, "*", nd, [.trap(.neighbourDiscovery)]))
        }
        var deliveredTo: Set<PortID> = []
        for destination in context.destinations(on: port.network) where destination.mac != port.mac {
            var match = FlowMatch()
            match.ethDestination = .exact(destination.mac)
            switch destination.location {
            case .local(let id):
                out.append(rule(.l2Local, destination.mac.description, match, [.gotoChain(RuleKind.ingressAllow.chain)]))
                deliveredTo.insert(id)
            case .remote(let vtep):
                guard let vni = context.vni(of: port.network) else { continue }
                out.append(rule(.l2Remote, destination.mac.description, match, [
                    .encapsulate(TunnelEncapsulation(vni: vni, source: context.localVTEP, destination: vtep)), .output(.tunnel),
                ]))
            }
        }
        routing(into: &out, deliveredTo: &deliveredTo)
        leavingTheCloud(into: &out)
        var flood = FlowMatch()
        flood.ethDestination = MaskedField(MACAddress(integer: 0x0100_0000_0000), mask: MACAddress(integer: 0x0100_0000_0000))
        out.append(rule(.flood, "multicast", flood, [.trap(.flood)]))
        // Unknown unicast: nothing above knew the destination; the slow path decides.
        out.append(rule(.flood, "unknown-unicast", FlowMatch(), [.trap(.flood)]))
        for id in deliveredTo.sorted() {
            if let destination = state.port(id) { delivery(to: destination, into: &out) }
        }
    }

    /// L3 between subnets: frames to the gateway MAC of the port's subnet, for an address in a
    /// subnet the router connects, are rewritten (MACs, TTL) and delivered or encapsulated.
    private func routing(into out: inout [Rule], deliveredTo: inout Set<PortID>) {
        for fixed in port.fixedIPs {
            guard let subnet = state.subnet(fixed.subnet), let gatewayMAC = subnet.gatewayMAC else { continue }
            for target in context.routedSubnets(from: subnet) {
                guard let targetGateway = target.gatewayMAC else { continue }
                for destination in context.destinations(on: target.network) {
                    for ip in destination.ips where target.cidr.contains(ip) {
                        var match = FlowMatch()
                        match.ethDestination = .exact(gatewayMAC)
                        var actions: [FlowAction] = [.setEthSource(targetGateway), .setEthDestination(destination.mac)]
                        switch ip {
                        case .v4(let a):
                            match.etherType = EtherTypes.ipv4
                            match.ipv4Destination = .exact(a)
                            actions.append(.decrementTTL)
                        case .v6(let a):
                            match.etherType = EtherTypes.ipv6
                            match.ipv6Destination = .exact(a)
                            actions.append(.decrementHopLimit)
                        }
                        switch destination.location {
                        case .local(let id):
                            actions.append(.gotoChain(RuleKind.ingressAllow.chain))
                            deliveredTo.insert(id)
                        case .remote(let vtep):
                            guard let vni = context.vni(of: target.network) else { continue }
                            actions += [.encapsulate(TunnelEncapsulation(vni: vni, source: context.localVTEP, destination: vtep)), .output(.tunnel)]
                        }
                        out.append(rule(.route, "\(ip) via \(gatewayMAC)", match, actions))
                    }
                }
            }
        }
    }

    /// Floating IP (stateless SNAT at this node) and SNAT through the gateway node, for traffic
    /// to the gateway MAC that no route above matched (addresses outside the cloud).
    private func leavingTheCloud(into out: inout [Rule]) {
        let gateways = port.fixedIPs.compactMap { fixed in state.subnet(fixed.subnet).flatMap { s in s.gatewayMAC.map { (fixed, $0) } } }
        for floating in state.floatingIPs(of: port.id) {
            guard case .v4(let inside) = floating.fixedIP, case .v4(let outside) = floating.externalIP,
                  let gateway = gateways.first(where: { $0.0.ip == floating.fixedIP })?.1 else { continue }
            var match = FlowMatch()
            match.ethDestination = .exact(gateway)
            match.etherType = EtherTypes.ipv4
            match.ipv4Source = .exact(inside)
            out.append(rule(.floatingIPOut, floating.externalIP.description, match, [.setIPv4Source(outside), .decrementTTL, .output(.external)]))
        }
        guard let snat = state.snat(for: port.network), let gateway = gateways.first(where: { $0.0.ip.family == snat.externalIP.family })?.1,
              let vni = context.vni(of: port.network) else { return }
        var match = FlowMatch()
        match.ethDestination = .exact(gateway)
        match.etherType = snat.externalIP.family == .ipv4 ? EtherTypes.ipv4 : EtherTypes.ipv6
        if snat.gatewayNode == state.node.name {
            out.append(rule(.snatToGateway, snat.externalIP.description, match, [
                .conntrack(zone: context.zone(of: port.network), commit: true, snat: snat.externalIP), .output(.external),
            ]))
        } else if let vtep = state.vtep(of: snat.gatewayNode) {
            out.append(rule(.snatToGateway, snat.externalIP.description, match, [
                .encapsulate(TunnelEncapsulation(vni: vni, source: context.localVTEP, destination: vtep)), .output(.tunnel),
            ]))
        }
    }

    // MARK: Chain 3: delivery through the destination's ingress security groups

    private func delivery(to destination: Port, into out: inout [Rule]) {
        out.append(contentsOf: DeliveryFilter(destination: destination, ingress: ingress, owner: port.id, context: context).rules())
    }
}
