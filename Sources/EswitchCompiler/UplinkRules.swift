import EswitchModel

/// Rules on the uplink: VXLAN decapsulation to local ports (then their delivery filter), floating
/// IPs in (stateless DNAT), and SNAT when this node is a network's gateway.
struct UplinkRules {
    let context: CompileContext
    private var state: ValidatedNetworkState { context.state }

    func rules() -> [Rule] {
        var out: [Rule] = []
        for port in context.localPorts { portRules(port, into: &out) }
        gatewayRules(into: &out)
        return out
    }

    /// Only the rules owned by `ports` (for incremental recompiles); node-wide rules excluded.
    func rules(for ports: Set<PortID>) -> [Rule] {
        var out: [Rule] = []
        for port in context.localPorts where ports.contains(port.id) { portRules(port, into: &out) }
        return out
    }

    /// Node-wide rules (SNAT on the gateway node), owned by no port.
    func nodeRules() -> [Rule] {
        var out: [Rule] = []
        gatewayRules(into: &out)
        return out
    }

    private func portRules(_ port: Port, into out: inout [Rule]) {
        guard let vni = context.vni(of: port.network) else { return }
        var match = FlowMatch()
        match.tunnelID = vni
        match.tunnelDestinationPort = TunnelEncapsulation.ianaPort
        match.ethDestination = .exact(port.mac)
        out.append(Rule(id: RuleID(kind: .decap, ingress: .uplink, subject: "\(vni) \(port.mac)"), match: match,
                        actions: [.decapsulate, .gotoChain(RuleKind.ingressAllow.chain)], owner: port.id))
        for floating in state.floatingIPs(of: port.id) {
            guard case .v4(let outside) = floating.externalIP, case .v4(let inside) = floating.fixedIP,
                  let fixed = port.fixedIPs.first(where: { $0.ip == floating.fixedIP }),
                  let gateway = state.subnet(fixed.subnet)?.gatewayMAC else { continue }
            var fip = FlowMatch()
            fip.etherType = EtherTypes.ipv4
            fip.ipv4Destination = .exact(outside)
            out.append(Rule(id: RuleID(kind: .floatingIPIn, ingress: .uplink, subject: floating.externalIP.description), match: fip,
                            actions: [.setIPv4Destination(inside), .setEthSource(gateway), .setEthDestination(port.mac), .decrementTTL,
                                      .gotoChain(RuleKind.ingressAllow.chain)], owner: port.id))
        }
        out.append(contentsOf: DeliveryFilter(destination: port, ingress: .uplink, owner: port.id, context: context).rules())
    }

    private func gatewayRules(into out: inout [Rule]) {
        for network in state.state.networks {
            guard let snat = state.snat(for: network.id), snat.gatewayNode == state.node.name else { continue }
            let zone = context.zone(of: network.id)
            let gateways = Set(state.subnets(of: network.id).compactMap(\.gatewayMAC)).sorted()
            for gateway in gateways {
                var match = FlowMatch()
                match.tunnelID = network.vni
                match.tunnelDestinationPort = TunnelEncapsulation.ianaPort
                match.ethDestination = .exact(gateway)
                match.etherType = snat.externalIP.family == .ipv4 ? EtherTypes.ipv4 : EtherTypes.ipv6
                out.append(Rule(id: RuleID(kind: .snatGateway, ingress: .uplink, subject: "\(network.id) from \(gateway)"), match: match,
                                actions: [.decapsulate, .conntrack(zone: zone, commit: true, snat: snat.externalIP), .output(.external)], owner: nil))
            }
            var back = FlowMatch()
            switch snat.externalIP {
            case .v4(let a): back.etherType = EtherTypes.ipv4; back.ipv4Destination = .exact(a)
            case .v6(let a): back.etherType = EtherTypes.ipv6; back.ipv6Destination = .exact(a)
            }
            out.append(Rule(id: RuleID(kind: .snatGateway, ingress: .uplink, subject: "\(network.id) return to \(snat.externalIP)"), match: back,
                            actions: [.conntrack(zone: zone, commit: false, snat: nil), .trap(.routeAfterNAT)], owner: nil))
        }
    }
}
