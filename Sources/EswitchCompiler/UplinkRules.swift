import EswitchModel

/// Rules on the uplink: VXLAN decapsulation to local ports (then their delivery filter), floating
/// IPs in (stateless DNAT), and SNAT when this node is a network's gateway.
///
/// They all share one ingress, so they are collected by kind and written in id order: decaps,
/// floating IPs and SNAT sorted within their kind, then every port's delivery allow rules and
/// every port's drop, in the order of the ports' ids.
struct UplinkRules {
    let context: CompileContext
    private var state: ValidatedNetworkState { context.state }

    /// Appends the uplink rules of `ports` (local ports), and the node-wide rules if asked, to
    /// `out`, sorted by id.
    func rules(for ports: [Port], includeNodeRules: Bool, into out: inout [Rule]) {
        let start = out.count
        var decaps: [(vni: String, mac: MACAddress, rule: Rule)] = []
        decaps.reserveCapacity(ports.count)
        var floating: [Rule] = []
        for port in ports {
            guard let vni = context.vni(of: port.network) else { continue }
            var match = FlowMatch()
            match.tunnelID = vni
            match.tunnelDestinationPort = TunnelEncapsulation.ianaPort
            match.ethDestination = .exact(port.mac)
            // The topic reads "VNI MAC": by the VNI's decimal text, then the fixed-width MAC.
            decaps.append((String(vni.rawValue), port.mac, Rule(id: RuleID(kind: .decap, ingress: .uplink, topic: .decap(vni: vni, mac: port.mac)), match: match,
                                                                 actions: SharedActions.decapToDelivery, owner: port.id)))
            floatingIPs(of: port, into: &floating)
        }
        decaps.sort { a, b in a.vni != b.vni ? a.vni < b.vni : a.mac < b.mac }  // ASCII: String order is byte order
        for decap in decaps { out.append(decap.rule) }
        if floating.count > 1 { floating.sort { $0.id < $1.id } }
        out.append(contentsOf: floating)
        if includeNodeRules { out.append(contentsOf: nodeRules()) }
        // Delivery filters: topics start with the port id, so the ports go in the order of its bytes.
        let delivered = ports.isSorted(byBytesOf: \.id) ? ports : ports.sorted { $0.id.rawValue.utf8.lexicographicallyPrecedes($1.id.rawValue.utf8) }
        let filters = delivered.filter { context.vni(of: $0.network) != nil }.map { (port: $0.id, filter: context.deliveryFilter(of: $0)) }
        for (port, filter) in filters {
            for template in filter.allow { out.append(template.rule(on: .uplink, owner: port)) }
        }
        for (port, filter) in filters { out.append(filter.drop.rule(on: .uplink, owner: port)) }
        assert(out[start...].isSortedByID, "uplink rules not in id order")
    }

    /// The uplink rules one local port owns (decap to it, its floating IPs in, its delivery
    /// filter), appended to `out` in id order.
    func portRules(_ port: Port, into out: inout [Rule]) {
        guard let vni = context.vni(of: port.network) else { return }
        var match = FlowMatch()
        match.tunnelID = vni
        match.tunnelDestinationPort = TunnelEncapsulation.ianaPort
        match.ethDestination = .exact(port.mac)
        out.append(Rule(id: RuleID(kind: .decap, ingress: .uplink, topic: .decap(vni: vni, mac: port.mac)), match: match,
                        actions: SharedActions.decapToDelivery, owner: port.id))
        let start = out.count
        floatingIPs(of: port, into: &out)
        if out.count - start > 1 { out[start...].sort { $0.id < $1.id } }
        let filter = context.deliveryFilter(of: port)
        for template in filter.allow { out.append(template.rule(on: .uplink, owner: port.id)) }
        out.append(filter.drop.rule(on: .uplink, owner: port.id))
    }

    /// Floating IPs in: stateless DNAT to the port, then its delivery filter.
    private func floatingIPs(of port: Port, into out: inout [Rule]) {
        for floating in state.floatingIPs(of: port.id) {
            guard case .v4(let outside) = floating.externalIP, case .v4(let inside) = floating.fixedIP,
                  let fixed = port.fixedIPs.first(where: { $0.ip == floating.fixedIP }),
                  let gateway = state.subnet(fixed.subnet)?.gatewayMAC else { continue }
            var fip = FlowMatch()
            fip.etherType = EtherTypes.ipv4
            fip.ipv4Destination = .exact(outside)
            out.append(Rule(id: RuleID(kind: .floatingIPIn, ingress: .uplink, topic: .address(floating.externalIP)), match: fip,
                            actions: [.setIPv4Destination(inside), .setEthSource(gateway), .setEthDestination(port.mac), .decrementTTL,
                                      .gotoChain(RuleKind.ingressAllow.chain)], owner: port.id))
        }
    }

    /// Node-wide rules (SNAT on the gateway node), owned by no port, sorted by id.
    func nodeRules() -> [Rule] {
        var out: [Rule] = []
        nodeRules(into: &out)
        out.sort { $0.id < $1.id }
        return out
    }

    /// SNAT on the gateway node, for the networks whose SNAT rule names this node:
    /// - out: VXLAN from a network's ports to a gateway MAC is decapsulated, source-NATed through
    ///   conntrack (committed) and sent out;
    /// - back: traffic to an external address goes through conntrack, which restores the original
    ///   destination of its connection (`ct nat`), then to chain 2, where the restored address is
    ///   routed like any routed destination (gateway MAC as source, the VM's MAC, TTL - 1, then
    ///   local delivery or encapsulation to the VM's node). A frame of no known connection keeps
    ///   the external address, matches no route and goes to the slow path.
    private func nodeRules(into out: inout [Rule]) {
        var routed: Set<IPAddress> = []
        var returning: Set<IPAddress> = []
        for network in state.state.networks {
            guard let snat = state.snat(for: network.id), snat.gatewayNode == state.node.name else { continue }
            let zone = context.snatZone(for: snat.externalIP)
            let subnets = state.subnets(of: network.id)
            let gateways = Set(subnets.compactMap(\.gatewayMAC)).sorted()
            let translate: [FlowAction] = [.decapsulate, .conntrack(zone: zone, commit: true, snat: snat.externalIP), .output(.external)]
            for gateway in gateways {
                var match = FlowMatch()
                match.tunnelID = network.vni
                match.tunnelDestinationPort = TunnelEncapsulation.ianaPort
                match.ethDestination = .exact(gateway)
                match.etherType = snat.externalIP.family == .ipv4 ? EtherTypes.ipv4 : EtherTypes.ipv6
                out.append(Rule(id: RuleID(kind: .snatGateway, ingress: .uplink, topic: .snat(network: network.id, from: gateway)), match: match,
                                actions: translate, owner: nil))
            }
            if returning.insert(snat.externalIP).inserted {
                var back = FlowMatch()
                back.setDestination(snat.externalIP)
                out.append(Rule(id: RuleID(kind: .snatGateway, ingress: .uplink, topic: .address(snat.externalIP)), match: back,
                                actions: [.conntrackRestoreNAT(zone: zone), .gotoChain(RuleKind.route.chain)], owner: nil))
            }
            // Routes after NAT: the addresses of the network in subnets of the external address's
            // family. Addresses are unique per network; should two translated networks overlap,
            // the first by id keeps the route (their connections would share the zone as well).
            for subnet in subnets where subnet.cidr.family == snat.externalIP.family {
                guard let gateway = subnet.gatewayMAC else { continue }
                for target in context.routeTargets(into: subnet) where routed.insert(target.ip).inserted {
                    var match = FlowMatch()
                    match.setDestination(target.ip)
                    out.append(Rule(id: RuleID(kind: .route, ingress: .uplink, topic: .route(to: target.ip, via: gateway)), match: match,
                                    actions: target.actions, owner: nil))
                }
            }
        }
    }
}

extension FlowMatch {
    /// Matches IP frames of the address's family sent to it.
    mutating func setDestination(_ ip: IPAddress) {
        switch ip {
        case .v4(let a):
            etherType = EtherTypes.ipv4
            ipv4Destination = .exact(a)
        case .v6(let a):
            etherType = EtherTypes.ipv6
            ipv6Destination = .exact(a)
        }
    }
}

extension Array where Element == Port {
    /// True when the ports are in the byte order of their ids (they usually are: canonical order
    /// sorts ids as strings, which is the same for the ids clouds use).
    func isSorted(byBytesOf id: KeyPath<Port, PortID>) -> Bool {
        var i = startIndex
        while i + 1 < endIndex {
            if !self[i][keyPath: id].rawValue.utf8.lexicographicallyPrecedes(self[i + 1][keyPath: id].rawValue.utf8) { return false }
            i += 1
        }
        return true
    }
}
