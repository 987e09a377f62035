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
        return other
    }

    /// Moves to `new`, dropping the entries `stale` names (see `CacheInvalidation`).
    func rebase(to new: ValidatedNetworkState, dropping stale: CacheInvalidation) {
        let old = state
        state = new
        localPortsCache = nil
        if stale.everything {
            destinationCache = [:]
            routedCache = [:]
            routeTargetCache = [:]
            deliveryCache = [:]
            egressCache = [:]
            return
        }
        for network in stale.networks {
            destinationCache[network] = nil
            for subnet in old.subnets(of: network) { routeTargetCache[subnet.id] = nil }
            for subnet in new.subnets(of: network) { routeTargetCache[subnet.id] = nil }
        }
        for port in stale.ports { deliveryCache[port] = nil }
        if stale.securityGroups {
            deliveryCache = [:]
            egressCache = [:]
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
        let templates = EgressFilter(groups: state.securityGroups(of: port), zone: key.zone, ipv6: key.ipv6).templates()
        egressCache[key] = templates
        return templates
    }

    func vni(of network: NetworkID) -> VNI? { state.network(network)?.vni }

    /// The conntrack zone of a network (TC and rte_flow zones are 16-bit): the VNI's low 16 bits,
    /// so that it never changes when other networks come and go. Known limit: two networks whose
    /// VNIs share the low 16 bits share a zone, and connections with identical 5-tuples in them
    /// would mix.
    func zone(of network: NetworkID) -> UInt16 { UInt16(truncatingIfNeeded: vni(of: network)?.rawValue ?? 0) }
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
    /// A security group changed: every delivery and egress filter.
    var securityGroups = false
}
