import EswitchModel

/// Look-ups shared by every pipeline of one compilation, each computed once: the destinations of
/// a network, the routes into a subnet, the delivery filter of a local port, the egress rules of
/// a set of security groups. Pipelines stamp them onto their ingress (see `RuleTemplate`).
///
/// An incremental compiler keeps its context from one intent to the next (`rebase`), dropping
/// only the entries the change can have altered, so a small change does not rebuild them all.
/// A context is mutated only by its one owner (the compiler copies it when shared), hence
/// `@unchecked Sendable`.
final class CompileContext: @unchecked Sendable {
    private(set) var state: ValidatedNetworkState
    private var destinationCache: [NetworkID: [Destination]] = [:]
    private var routedCache: [SubnetID: [Subnet]] = [:]
    private var routeTargetCache: [SubnetID: [RouteTarget]] = [:]
    private var deliveryCache: [PortID: DeliveryTemplates] = [:]
    private var egressCache: [EgressKey: [RuleTemplate]] = [:]
    private var identityCache: [SecurityGroupID: [SecurityGroupRuleIdentity]] = [:]
    /// The egress filters that use each group, so that a group's change drops only those.
    private var egressKeysOfGroup: [SecurityGroupID: Set<EgressKey>] = [:]
    private var localPortsCache: [Port]?

    init(_ state: ValidatedNetworkState) {
        self.state = state
    }

    /// A context with the same state and cached entries, for a compiler copy that diverges.
    func copy() -> CompileContext {
        let other = CompileContext(state)
        other.destinationCache = destinationCache
        other.routedCache = routedCache
        other.routeTargetCache = routeTargetCache
        other.deliveryCache = deliveryCache
        other.egressCache = egressCache
        other.identityCache = identityCache
        other.egressKeysOfGroup = egressKeysOfGroup
        return other
    }

    /// Drops the context's reference to the intent, so that its owner can edit the intent in
    /// place; `rebase` or `restoreState` gives it one again before any other use.
    func releaseState() {
        state = Self.placeholder
        localPortsCache = nil
    }

    /// Takes the intent back unchanged (an edit was refused).
    func restoreState(_ state: ValidatedNetworkState) {
        self.state = state
    }

    /// The smallest valid intent, held while the real one is being edited.
    private static let placeholder = try! NetworkState(node: LocalNode(name: "placeholder", vtep: .v4(IPv4Address(192, 0, 2, 1)), uplink: .netdev("p0"))).validated()

    /// Moves to `new`, dropping the entries `stale` names (see `CacheInvalidation`).
    func rebase(to new: ValidatedNetworkState, dropping stale: CacheInvalidation) {
        state = new
        localPortsCache = nil
        if stale.everything {
            destinationCache = [:]
            routedCache = [:]
            routeTargetCache = [:]
            deliveryCache = [:]
            egressCache = [:]
            identityCache = [:]
            egressKeysOfGroup = [:]
            return
        }
        // Subnets change only with `everything`: the new state's subnets of a network are the old ones.
        for network in stale.networks {
            destinationCache[network] = nil
            for subnet in new.subnets(of: network) { routeTargetCache[subnet.id] = nil }
        }
        for port in stale.ports { deliveryCache[port] = nil }
        if !stale.securityGroups.isEmpty {
            // Delivery filters are rebuilt on each recompile anyway; egress filters are kept per
            // set of groups, so only the sets holding a changed group go.
            deliveryCache = [:]
            for group in stale.securityGroups {
                for key in egressKeysOfGroup.removeValue(forKey: group) ?? [] { egressCache[key] = nil }
            }
        }
    }

    /// Forgets the delivery filters: they are quick to rebuild and the largest entries (a match
    /// per rule), so an incremental compiler does not keep them between intents.
    func dropDeliveryFilters() {
        deliveryCache = [:]
        localPortsCache = nil
    }

    /// This node's ports, by id (looked up on first use: incremental recompiles never need all).
    var localPorts: [Port] {
        if let cached = localPortsCache { return cached }
        let ports = state.localPorts
        localPortsCache = ports
        return ports
    }

    var localVTEP: IPAddress { state.node.vtep }

    func destinations(on network: NetworkID) -> [Destination] {
        if let cached = destinationCache[network] { return cached }
        let list = state.destinations(on: network)
        destinationCache[network] = list
        return list
    }

    /// The subnets a router connects `subnet` to (other subnets of the same family with a gateway),
    /// sorted by id; empty when the subnet has no router or no gateway MAC.
    func routedSubnets(from subnet: Subnet) -> [Subnet] {
        if let cached = routedCache[subnet.id] { return cached }
        var out: [Subnet] = []
        if subnet.gatewayMAC != nil, let router = state.router(attachedTo: subnet.id) {
            for interface in router.interfaces where interface.subnet != subnet.id {
                if let other = state.subnet(interface.subnet), other.cidr.family == subnet.cidr.family, other.gatewayMAC != nil {
                    out.append(other)
                }
            }
        }
        out.sort { $0.id < $1.id }
        routedCache[subnet.id] = out
        return out
    }

    /// The addresses routed into `target` (destinations of its network inside its prefix), each
    /// with the rewrite and forwarding every source port shares, in the order of their text.
    func routeTargets(into target: Subnet) -> [RouteTarget] {
        if let cached = routeTargetCache[target.id] { return cached }
        var out: [RouteTarget] = []
        if let targetGateway = target.gatewayMAC {
            let vni = vni(of: target.network)
            for destination in destinations(on: target.network) {
                for ip in destination.ips where target.cidr.contains(ip) {
                    var actions: [FlowAction] = [.setEthSource(targetGateway), .setEthDestination(destination.mac)]
                    switch ip {
                    case .v4: actions.append(.decrementTTL)
                    case .v6: actions.append(.decrementHopLimit)
                    }
                    var local: PortID? = nil
                    switch destination.location {
                    case .local(let id):
                        actions.append(.gotoChain(RuleKind.ingressAllow.chain))
                        local = id
                    case .remote(let vtep):
                        guard let vni else { continue }
                        actions += [.encapsulate(TunnelEncapsulation(vni: vni, source: localVTEP, destination: vtep)), .output(.tunnel)]
                    }
                    out.append(RouteTarget(ip: ip, key: TextKey(ip), actions: actions, localPort: local))
                }
            }
        }
        out.sort { $0.key < $1.key }
        routeTargetCache[target.id] = out
        return out
    }

    /// The delivery filter of a local port (chain 3), the same on every ingress.
    func deliveryFilter(of destination: Port) -> DeliveryTemplates {
        if let cached = deliveryCache[destination.id] { return cached }
        let templates = DeliveryFilter(destination: destination, context: self).templates()
        deliveryCache[destination.id] = templates
        return templates
    }

    /// The egress security-group rules (chain 1) of a port: its groups, its network's zone,
    /// whether it has an IPv6 address.
    func egressFilter(of port: Port) -> [RuleTemplate] {
        let key = EgressKey(groups: port.securityGroups, zone: zone(of: port.network), ipv6: port.fixedIPs.contains { $0.ip.family == .ipv6 })
        if let cached = egressCache[key] { return cached }
        let groups = state.securityGroups(of: port)
        let templates = EgressFilter(groups: groups, identities: groups.map(ruleIdentities(of:)), zone: key.zone, ipv6: key.ipv6).templates()
        egressCache[key] = templates
        for group in key.groups { egressKeysOfGroup[group, default: []].insert(key) }
        return templates
    }

    /// The rules of a group as rule ids name them (by content), in the group's order; made once
    /// per group, so every compiled rule of one group rule shares its text.
    /// When the group changed, the rules it kept keep their identity objects, so that comparing
    /// their compiled rules with the old ones stays a pointer comparison.
    func ruleIdentities(of group: SecurityGroup) -> [SecurityGroupRuleIdentity] {
        let cached = identityCache[group.id] ?? []
        if cached.count == group.rules.count, zip(cached, group.rules).allSatisfy({ $0.rule == $1 }) { return cached }
        let identities = group.rules.map { rule in cached.first { $0.rule == rule } ?? SecurityGroupRuleIdentity(group: group.id, rule: rule) }
        identityCache[group.id] = identities
        return identities
    }

    func vni(of network: NetworkID) -> VNI? { state.network(network)?.vni }

    /// The conntrack zone of a network (TC and rte_flow zones are 16-bit): the VNI's low 16 bits,
    /// so that it never changes when other networks come and go. Known limit: two networks whose
    /// VNIs share the low 16 bits share a zone, and connections with identical 5-tuples in them
    /// would mix.
    func zone(of network: NetworkID) -> UInt16 { UInt16(truncatingIfNeeded: vni(of: network)?.rawValue ?? 0) }

    /// The conntrack zone of source NAT to an external address, shared by every network
    /// translated to it (the replies carry nothing else to tell them apart), and kept apart from
    /// the networks' own zones, where the egress filter has already committed the untranslated
    /// connection (NAT can only be set up before a connection is committed): 0xF000 plus 12 bits
    /// folded from the address. Known limit: VNIs whose low 16 bits are 0xF000 or more share their
    /// zone with some external address.
    func snatZone(for externalIP: IPAddress) -> UInt16 {
        var hash: UInt32 = 0x811c_9dc5  // FNV-1a over the address's bytes
        func add(_ value: UInt64, bytes: Int) {
            for i in stride(from: bytes - 1, through: 0, by: -1) {
                hash = (hash ^ UInt32(truncatingIfNeeded: value >> (8 * UInt64(i)))) &* 0x0100_0193
            }
        }
        switch externalIP {
        case .v4(let a): add(UInt64(a.rawValue), bytes: 4)
        case .v6(let a):
            add(a.high, bytes: 8)
            add(a.low, bytes: 8)
        }
        return 0xF000 | UInt16(truncatingIfNeeded: (hash ^ (hash >> 12) ^ (hash >> 24)) & 0x0FFF)
    }
}

/// One address routed into a subnet: the actions after the gateway MAC matched, and the local
/// port it reaches (whose delivery filter the source then needs).
struct RouteTarget {
    let ip: IPAddress
    /// The address's text as a key (routes sort by it).
    let key: TextKey
    let actions: [FlowAction]
    let localPort: PortID?
}

/// What a port's egress rules depend on.
private struct EgressKey: Hashable {
    let groups: [SecurityGroupID]
    let zone: UInt16
    let ipv6: Bool
}

/// Which cached entries of a `CompileContext` a change of intent makes stale: what each entry
/// was computed from (see the cache accessors) decides.
struct CacheInvalidation: Hashable, Sendable {
    /// Everything: this node, other nodes' VTEPs, networks, subnets or routers changed (rare
    /// changes that reach most entries).
    var everything = false
    /// Networks whose destinations (and so the routes into their subnets) changed: a port or a
    /// remote endpoint on them changed.
    var networks: Set<NetworkID> = []
    /// Ports whose delivery filter changed (the port itself changed).
    var ports: Set<PortID> = []
    /// Security groups that changed: the delivery filters, and the egress filters of the ports
    /// that list them.
    var securityGroups: Set<SecurityGroupID> = []
}
