import EswitchModel

/// The rules on one local port's ingress: admission, egress filter, forwarding, and delivery
/// filters of the local destinations it can reach.
///
/// They are written straight into the output in id order (kinds by chain and priority, topics
/// by text), so no pipeline is ever sorted: MAC topics sort like MACs, and destinations come
/// sorted by MAC; routes are ordered by their address text; delivery filters come per
/// destination in port order (a delivery topic starts with the port id), allow rules before
/// drops. Debug builds check the order.
struct PortPipeline {
    let port: Port
    let context: CompileContext
    private let ingress: RuleIngress
    private var state: ValidatedNetworkState { context.state }

    init(port: Port, context: CompileContext) {
        self.port = port
        self.context = context
        ingress = .port(port.id)
    }

    @inline(__always)
    private func rule(_ kind: RuleKind, _ topic: RuleTopic, _ match: FlowMatch, _ actions: [FlowAction]) -> Rule {
        Rule(id: RuleID(kind: kind, ingress: ingress, topic: topic), match: match, actions: actions, owner: port.id)
    }

    /// Appends the pipeline's rules to `out`, sorted by id.
    func rules(into out: inout [Rule]) {
        let start = out.count
        head(into: &out)
        var deliveredTo: [PortID] = []
        switching(into: &out, deliveredTo: &deliveredTo, part: .beforeRoutes)
        routing(into: &out, targets: nil, deliveredTo: &deliveredTo)
        switching(into: &out, deliveredTo: &deliveredTo, part: .afterRoutes)
        deliveries(to: deliveredTo, into: &out)
        assert(out[start...].isSortedByID, "pipeline of \(port.id) not in id order")
    }

    // MARK: Pieces (what incremental recompilation rebuilds on its own, see `PipelinePiece`)

    /// Chains 0 and 1: admission and the egress filter, in id order.
    func head(into out: inout [Rule]) {
        admission(into: &out)
        for template in context.egressFilter(of: port) { out.append(template.rule(on: ingress, owner: port.id)) }
    }

    /// Chain 2 without the routes: ARP/ND traps, L2, leaving the cloud and flooding, in id order.
    func switching(into out: inout [Rule]) {
        var ignored: [PortID] = []
        switching(into: &out, deliveredTo: &ignored, part: .beforeRoutes)
        switching(into: &out, deliveredTo: &ignored, part: .afterRoutes)
    }

    /// The routes into `targets` (every routed subnet when nil), in id order.
    func routes(into out: inout [Rule], targets: Set<SubnetID>?) {
        var ignored: [PortID] = []
        routing(into: &out, targets: targets, deliveredTo: &ignored)
    }

    /// The delivery filters of the local destinations `ids` (any order, repeats allowed) on this
    /// ingress: every allow rule, then every drop, in id order.
    func deliveries(to ids: [PortID], into out: inout [Rule]) {
        // In the order of their topics' text (which starts with the port id).
        var ids = ids
        ids.sort { $0.rawValue.utf8.lexicographicallyPrecedes($1.rawValue.utf8) }
        var filters: [DeliveryTemplates] = []
        filters.reserveCapacity(ids.count)
        var previous: PortID? = nil
        for id in ids where id != previous {
            previous = id
            if let destination = state.port(id) { filters.append(context.deliveryFilter(of: destination)) }
        }
        for filter in filters {
            for template in filter.allow { out.append(template.rule(on: ingress, owner: port.id)) }
        }
        for filter in filters { out.append(filter.drop.rule(on: ingress, owner: port.id)) }
    }

    /// The local ports this pipeline delivers to (L2 and routed destinations), without building
    /// rules; repeats possible.
    func localDestinations() -> [PortID] {
        var out: [PortID] = []
        for destination in context.destinations(on: port.network) where destination.mac != port.mac {
            if case .local(let id) = destination.location, destination.l2Actions != nil { out.append(id) }
        }
        forEachRoutedList(targets: nil) { list, _ in
            for target in list { if let local = target.localPort { out.append(local) } }
        }
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
        out.append(rule(.portAdmit, .mac(port.mac), match, actions.isEmpty ? SharedActions.toEgressFilter : actions + SharedActions.toEgressFilter))
        out.append(rule(.antiSpoofDrop, .all, FlowMatch(), SharedActions.drop))
    }

    // MARK: Chain 2: forwarding

    private enum SwitchingPart { case beforeRoutes, afterRoutes }

    /// Before the routes (kinds sort so): traps and L2; after them: leaving the cloud and flooding.
    private func switching(into out: inout [Rule], deliveredTo: inout [PortID], part: SwitchingPart) {
        guard part == .beforeRoutes else {
            leavingTheCloud(into: &out)
            var flood = FlowMatch()
            flood.ethDestination = MaskedField(MACAddress(integer: 0x0100_0000_0000), mask: MACAddress(integer: 0x0100_0000_0000))
            out.append(rule(.flood, RuleTopic(text: "multicast"), flood, SharedActions.trapFlood))
            // Unknown unicast: nothing above knew the destination; the slow path decides.
            out.append(rule(.flood, RuleTopic(text: "unknown-unicast"), FlowMatch(), SharedActions.trapFlood))
            return
        }
        var arp = FlowMatch()
        arp.etherType = EtherTypes.arp
        out.append(rule(.arpTrap, .all, arp, SharedActions.trapARP))
        if port.fixedIPs.contains(where: { $0.ip.family == .ipv6 }) {
            var nd = FlowMatch()
            nd.etherType = EtherTypes.ipv6
            nd.ipProtocol = IPProtocolMatch.icmpv6.number
            out.append(rule(.ndTrap, .all, nd, SharedActions.trapND))
        }
        let destinations = context.destinations(on: port.network)
        // L2: local destinations first (kind l2Local), then remote ones (l2Remote), each by MAC.
        for destination in destinations where destination.mac != port.mac {
            guard case .local(let id) = destination.location, let actions = destination.l2Actions else { continue }
            var match = FlowMatch()
            match.ethDestination = .exact(destination.mac)
            out.append(rule(.l2Local, .mac(destination.mac), match, actions))
            deliveredTo.append(id)
        }
        for destination in destinations where destination.mac != port.mac {
            guard case .remote = destination.location, let actions = destination.l2Actions else { continue }
            var match = FlowMatch()
            match.ethDestination = .exact(destination.mac)
            out.append(rule(.l2Remote, .mac(destination.mac), match, actions))
        }
    }

    /// Calls `body` with each list of addresses routed from this port (into `targets` only, when
    /// given) and the gateway MAC the port sends them to.
    func forEachRoutedList(targets: Set<SubnetID>?, _ body: ([RouteTarget], MACAddress) -> Void) {
        for fixed in port.fixedIPs {
            guard let subnet = state.subnet(fixed.subnet), let gatewayMAC = subnet.gatewayMAC else { continue }
            for target in context.routedSubnets(from: subnet) where targets?.contains(target.id) ?? true {
                let list = context.routeTargets(into: target)
                if !list.isEmpty { body(list, gatewayMAC) }
            }
        }
    }

    /// The subnets this port routes to (each once).
    func routedSubnets() -> [Subnet] {
        var out: [Subnet] = []
        for fixed in port.fixedIPs {
            guard let subnet = state.subnet(fixed.subnet), subnet.gatewayMAC != nil else { continue }
            for target in context.routedSubnets(from: subnet) where !out.contains(where: { $0.id == target.id }) { out.append(target) }
        }
        return out
    }

    /// L3 between subnets: frames to the gateway MAC of the port's subnet, for an address in a
    /// subnet the router connects, are rewritten (MACs, TTL) and delivered or encapsulated.
    /// Ordered by the topic's text: the address text, then the gateway MAC.
    private func routing(into out: inout [Rule], targets filter: Set<SubnetID>?, deliveredTo: inout [PortID]) {
        var lists: [(targets: [RouteTarget], gateway: MACAddress)] = []
        forEachRoutedList(targets: filter) { lists.append(($0, $1)) }
        if lists.isEmpty { return }
        // Sort plain keys (no reference counting while they move), then emit in that order.
        var order: [(key: TextKey, gateway: MACAddress, list: Int32, index: Int32)] = []
        order.reserveCapacity(lists.reduce(0) { $0 + $1.targets.count })
        for (l, list) in lists.enumerated() {
            for (k, target) in list.targets.enumerated() { order.append((target.key, list.gateway, Int32(l), Int32(k))) }
        }
        order.sort { a, b in a.key != b.key ? a.key < b.key : a.gateway < b.gateway }
        for entry in order {
            let route = lists[Int(entry.list)].targets[Int(entry.index)]
            var match = FlowMatch()
            match.ethDestination = .exact(entry.gateway)
            switch route.ip {
            case .v4(let a):
                match.etherType = EtherTypes.ipv4
                match.ipv4Destination = .exact(a)
            case .v6(let a):
                match.etherType = EtherTypes.ipv6
                match.ipv6Destination = .exact(a)
            }
            if let local = route.localPort { deliveredTo.append(local) }
            out.append(rule(.route, .route(to: route.ip, via: entry.gateway), match, route.actions))
        }
    }

    /// Floating IP (stateless SNAT at this node) and SNAT through the gateway node, for traffic
    /// to the gateway MAC that no route above matched (addresses outside the cloud).
    private func leavingTheCloud(into out: inout [Rule]) {
        let floatingIPs = state.floatingIPs(of: port.id)
        let snat = state.snat(for: port.network)
        guard !floatingIPs.isEmpty || snat != nil else { return }
        let gateways = port.fixedIPs.compactMap { fixed in state.subnet(fixed.subnet).flatMap { s in s.gatewayMAC.map { (fixed, $0) } } }
        var floating: [Rule] = []
        for mapping in floatingIPs {
            guard case .v4(let inside) = mapping.fixedIP, case .v4(let outside) = mapping.externalIP,
                  let gateway = gateways.first(where: { $0.0.ip == mapping.fixedIP })?.1 else { continue }
            var match = FlowMatch()
            match.ethDestination = .exact(gateway)
            match.etherType = EtherTypes.ipv4
            match.ipv4Source = .exact(inside)
            floating.append(rule(.floatingIPOut, .address(mapping.externalIP), match, [.setIPv4Source(outside), .decrementTTL, .output(.external)]))
        }
        if floating.count > 1 { floating.sort { $0.id < $1.id } }
        out.append(contentsOf: floating)
        guard let snat, let gateway = gateways.first(where: { $0.0.ip.family == snat.externalIP.family })?.1,
              let vni = context.vni(of: port.network) else { return }
        var match = FlowMatch()
        match.ethDestination = .exact(gateway)
        match.etherType = snat.externalIP.family == .ipv4 ? EtherTypes.ipv4 : EtherTypes.ipv6
        if snat.gatewayNode == state.node.name {
            out.append(rule(.snatToGateway, .address(snat.externalIP), match, [
                .conntrack(zone: context.snatZone(for: snat.externalIP), commit: true, snat: snat.externalIP), .output(.external),
            ]))
        } else if let vtep = state.vtep(of: snat.gatewayNode) {
            out.append(rule(.snatToGateway, .address(snat.externalIP), match, [
                .encapsulate(TunnelEncapsulation(vni: vni, source: context.localVTEP, destination: vtep)), .output(.tunnel),
            ]))
        }
    }
}
