import EswitchModel

/// The rule owners a change of intent can alter: pipelines of local ports, the node-wide rules,
/// or everything (when this node's own identity changed).
public struct AffectedPipelines: Hashable, Sendable {
    /// Local ports (in the old or the new state) whose rules must be recompiled.
    public var ports: Set<PortID> = []
    /// Whether the node-wide rules (SNAT on the gateway node) must be recompiled.
    public var nodeRules = false
    /// Whether everything must be recompiled (this node's name or VTEP changed).
    public var everything = false
    /// What the change makes stale in a compile context kept from the old intent.
    var stale = CacheInvalidation()
    /// For each port in `ports`, the pieces of its rules the change reaches.
    var work: [PortID: PipelineWork] = [:]

    public init(ports: Set<PortID> = [], nodeRules: Bool = false, everything: Bool = false) {
        self.ports = ports
        self.nodeRules = nodeRules
        self.everything = everything
    }

    /// True when no rule can change.
    public var isEmpty: Bool { ports.isEmpty && !nodeRules && !everything }
}

extension AffectedPipelines {
    /// Works out which pipelines the change from `old` to `new` can affect, from what each part of
    /// the compiler reads (see `Compiler`):
    ///
    /// - a port's pipeline reads the port itself, every destination of its network (ports on all
    ///   nodes at their node's VTEP, remote endpoints), the subnets of its fixed IPs, the router on
    ///   them and the destinations of the subnets that router connects, the VLAN, security groups
    ///   and network (zone) of the local ports it delivers to, its floating IPs, its QoS policy, its
    ///   security groups, the VNI of its network and the SNAT rule that covers it (gateway node
    ///   and that node's VTEP);
    /// - its uplink rules read the port, its security groups, its floating IPs and their subnets;
    /// - node-wide rules read networks, subnets, routers (SNAT coverage), SNAT rules and, on the
    ///   gateway node, the destinations of the translated networks (routes after NAT).
    ///
    /// So a change to a destination (port, remote endpoint) reaches the local ports of its network
    /// and the local ports routed to its subnets; a change to a security group reaches the ports
    /// that use it and the local ports that deliver to those. Where the exact reach is costly to
    /// pin down (a router's or a subnet's change) the set is widened, never narrowed: it may hold
    /// a port whose rules turn out unchanged, never miss one whose rules change.
    public init(from old: ValidatedNetworkState, to new: ValidatedNetworkState) {
        self.init()
        if old.state.node != new.state.node {
            everything = true
            stale.everything = true
            return
        }
        let (o, n) = (old.state, new.state)
        var changes = ChangedEntries()
        changes.nodes = SectionChanges(o.nodes, n.nodes, key: \.name).pairs
        changes.networks = SectionChanges(o.networks, n.networks, key: \.id).pairs.map { ($0.old ?? $0.new)!.id }
        changes.subnets = SectionChanges(o.subnets, n.subnets, key: \.id).pairs.map { ($0.old ?? $0.new)!.id }
        changes.routers = SectionChanges(o.routers, n.routers, key: \.id).pairs.map { ($0.old ?? $0.new)!.id }
        changes.snat = SectionChanges(o.snat, n.snat, key: SNATKey.init).pairs
        changes.ports = Port.fieldMasks.withUnsafeBufferPointer { masks in
            SectionChanges(o.ports, n.ports, key: \.id) { Port.same($0, $1, fieldMasks: masks) }
        }.pairs
        changes.endpoints = SectionChanges(o.remoteEndpoints, n.remoteEndpoints, key: EndpointKey.init).pairs
        changes.floatingIPs = SectionChanges(o.floatingIPs, n.floatingIPs, key: \.externalIP).pairs
        changes.securityGroups = SectionChanges(o.securityGroups, n.securityGroups, key: \.id).pairs.map { ($0.old ?? $0.new)!.id }
        changes.qosPolicies = SectionChanges(o.qosPolicies, n.qosPolicies, key: \.id).pairs.map { ($0.old ?? $0.new)!.id }
        collect(changes, in: old)
        collect(changes, in: new)
        stale = changes.staleEntries
    }

    /// The pipelines an edit can affect, as seen in the state before it: call `finish(_:after:)`
    /// with the state after it. In two steps so that the state can be edited in place between them.
    init(_ edit: IntentEdit, before old: ValidatedNetworkState) {
        self.init()
        collect(ChangedEntries(edit), in: old)
    }

    /// Adds what the edit reaches in the state after it.
    mutating func finish(_ edit: IntentEdit, after new: ValidatedNetworkState) {
        let changes = ChangedEntries(edit)
        collect(changes, in: new)
        stale = changes.staleEntries
    }

    private mutating func collect(_ changes: ChangedEntries, in state: ValidatedNetworkState) {
        var reach = Reach(state: state)
        for pair in changes.nodes { reach.remoteNodeChanged((pair.old ?? pair.new)!.name) }
        for network in changes.networks {
            reach.networkChanged(network)
            reach.nodeRules = true
        }
        for subnet in changes.subnets {
            reach.subnetChanged(subnet)
            reach.nodeRules = true
        }
        for router in changes.routers {
            reach.routerChanged(router)
            reach.nodeRules = true
        }
        for pair in changes.snat {
            for rule in [pair.old, pair.new].compactMap({ $0 }) { reach.snatChanged(rule) }
            reach.nodeRules = true
        }
        for pair in changes.ports { reach.portChanged(old: pair.old, new: pair.new) }
        for pair in changes.endpoints {
            for endpoint in [pair.old, pair.new].compactMap({ $0 }) { reach.endpointChanged(endpoint) }
        }
        for pair in changes.floatingIPs {
            for floating in [pair.old, pair.new].compactMap({ $0 }) { reach.addIfLocal(floating.port) }
        }
        for group in changes.securityGroups { reach.securityGroupChanged(group) }
        for policy in changes.qosPolicies { reach.qosPolicyChanged(policy) }
        for (port, reached) in reach.work { work[port, default: PipelineWork()].formUnion(reached) }
        ports = Set(work.keys)
        nodeRules = nodeRules || reach.nodeRules
    }
}

/// The entries that differ between two intents, by section.
private struct ChangedEntries {
    var nodes: [(old: RemoteNode?, new: RemoteNode?)] = []
    var networks: [NetworkID] = []
    var subnets: [SubnetID] = []
    var routers: [RouterID] = []
    var snat: [(old: SNATRule?, new: SNATRule?)] = []
    var ports: [(old: Port?, new: Port?)] = []
    var endpoints: [(old: RemoteEndpoint?, new: RemoteEndpoint?)] = []
    var floatingIPs: [(old: FloatingIP?, new: FloatingIP?)] = []
    var securityGroups: [SecurityGroupID] = []
    var qosPolicies: [QoSPolicyID] = []

    init() {}

    init(_ edit: IntentEdit) {
        nodes = edit.nodes.map { ($0.old, $0.new) }
        ports = edit.ports.map { ($0.old, $0.new) }
        endpoints = edit.remoteEndpoints.map { ($0.old, $0.new) }
        floatingIPs = edit.floatingIPs.map { ($0.old, $0.new) }
        securityGroups = edit.securityGroups.map { ($0.old ?? $0.new)!.id }
    }

    /// What the changes make stale in a kept compile context.
    var staleEntries: CacheInvalidation {
        var stale = CacheInvalidation()
        // Other nodes' VTEPs, networks, subnets and routers reach most entries.
        stale.everything = !nodes.isEmpty || !networks.isEmpty || !subnets.isEmpty || !routers.isEmpty
        for pair in ports {
            for port in [pair.old, pair.new].compactMap({ $0 }) {
                stale.networks.insert(port.network)
                stale.ports.insert(port.id)
            }
        }
        for pair in endpoints { stale.networks.insert((pair.old ?? pair.new)!.network) }
        stale.securityGroups = Set(securityGroups)
        return stale
    }
}

/// The identity of a SNAT rule (what it covers).
private struct SNATKey: Hashable {
    let network: NetworkID?
    let router: RouterID?
    init(_ rule: SNATRule) {
        network = rule.network
        router = rule.router
    }
}

/// The identity of a remote endpoint (MACs are unique per network).
private struct EndpointKey: Hashable {
    let network: NetworkID
    let mac: MACAddress
    init(_ endpoint: RemoteEndpoint) {
        network = endpoint.network
        mac = endpoint.mac
    }
}

/// Collects affected local ports, looking every dependency up in one state (a reader may exist
/// only before or only after the change, so both states are visited).
private struct Reach {
    let state: ValidatedNetworkState
    var work: [PortID: PipelineWork] = [:]
    var nodeRules = false
    /// Local ports of a network and local ports routed to a subnet, looked up once.
    private var localPortsOfNetwork: [NetworkID: [PortID]] = [:]
    private var sourcesOfSubnet: [SubnetID: [PortID]] = [:]

    init(state: ValidatedNetworkState) { self.state = state }

    private var localNode: NodeName { state.node.name }

    private mutating func mark(_ id: PortID, _ change: (inout PipelineWork) -> Void) {
        change(&work[id, default: PipelineWork()])
    }

    mutating func addIfLocal(_ id: PortID) {
        if state.port(id)?.node == localNode { mark(id) { $0.all = true } }
    }

    /// Every local port of a network: they all see its destinations, VNI and zone.
    private mutating func localPorts(of network: NetworkID) -> [PortID] {
        if let known = localPortsOfNetwork[network] { return known }
        let ids = state.ports(of: network).filter { $0.node == localNode }.map(\.id)
        localPortsOfNetwork[network] = ids
        return ids
    }

    /// The local ports that route to `subnet`: those with a fixed IP on a subnet of the router
    /// attached to it (its own subnet included, a widening that costs nothing).
    private mutating func routingSources(to subnet: SubnetID) -> [PortID] {
        if let known = sourcesOfSubnet[subnet] { return known }
        var ids: [PortID] = []
        if let router = state.router(attachedTo: subnet) {
            for interface in router.interfaces {
                guard let source = state.subnet(interface.subnet) else { continue }
                for port in state.ports(of: source.network) where port.node == localNode && port.fixedIPs.contains(where: { $0.subnet == source.id }) {
                    ids.append(port.id)
                }
            }
        }
        sourcesOfSubnet[subnet] = ids
        return ids
    }

    /// Every piece of the local ports of a network.
    mutating func addLocalPorts(of network: NetworkID) {
        for id in localPorts(of: network) { mark(id) { $0.all = true } }
    }

    /// Every piece of the local ports routed to a subnet.
    mutating func addRoutingSources(to subnet: SubnetID) {
        for id in routingSources(to: subnet) { mark(id) { $0.all = true } }
    }

    /// Readers of a destination: the local ports of its network (L2, and delivery when the
    /// destination is local) and those routed to the subnets of its addresses (routes, delivery).
    mutating func addReaders(ofDestinationOn network: NetworkID, subnets: [SubnetID], local: PortID?) {
        for id in localPorts(of: network) {
            mark(id) {
                $0.switching = true
                if let local { $0.deliveries.insert(local) }
            }
        }
        for subnet in subnets {
            for id in routingSources(to: subnet) {
                mark(id) {
                    $0.routeTargets.insert(subnet)
                    if let local { $0.deliveries.insert(local) }
                }
            }
        }
        // On the SNAT gateway node, the node-wide rules route return traffic to the network's
        // destinations.
        if !nodeRules, state.snat(for: network)?.gatewayNode == localNode { nodeRules = true }
    }

    mutating func portChanged(old before: Port?, new after: Port?) {
        for version in [before, after].compactMap({ $0 }) where version.node == localNode { mark(version.id) { $0.all = true } }
        // Other pipelines see a port only as a destination: skip them when that view is unchanged.
        if let before, let after, DestinationView(before, localNode: localNode) == DestinationView(after, localNode: localNode) { return }
        for version in [before, after].compactMap({ $0 }) {
            addReaders(ofDestinationOn: version.network, subnets: version.fixedIPs.map(\.subnet), local: version.node == localNode ? version.id : nil)
        }
    }

    mutating func endpointChanged(_ endpoint: RemoteEndpoint) {
        let subnets = endpoint.ips.compactMap { state.subnet(containing: $0, in: endpoint.network)?.id }
        addReaders(ofDestinationOn: endpoint.network, subnets: subnets, local: nil)
    }

    /// A remote node's VTEP: destinations on that node, and SNAT through it.
    mutating func remoteNodeChanged(_ name: NodeName) {
        for port in state.ports(on: name) {
            addReaders(ofDestinationOn: port.network, subnets: port.fixedIPs.map(\.subnet), local: nil)
        }
        for rule in state.state.snat where rule.gatewayNode == name { snatChanged(rule) }
    }

    /// A network's VNI (encap, decap, zone): its own ports and every port routed into it.
    mutating func networkChanged(_ id: NetworkID) {
        addLocalPorts(of: id)
        for subnet in state.subnets(of: id) { addRoutingSources(to: subnet.id) }
    }

    /// A subnet's prefix or gateway: ports of its network (gateway MAC in their routes, floating
    /// IP and SNAT matches) and ports routed to it.
    mutating func subnetChanged(_ id: SubnetID) {
        if let subnet = state.subnet(id) { addLocalPorts(of: subnet.network) }
        addRoutingSources(to: id)
    }

    /// A router's interfaces: every port on a subnet it connects (before or after), through routes
    /// and the SNAT rules that cover networks through the router.
    mutating func routerChanged(_ id: RouterID) {
        guard let router = state.router(id) else { return }
        for interface in router.interfaces {
            if let subnet = state.subnet(interface.subnet) { addLocalPorts(of: subnet.network) }
        }
    }

    mutating func snatChanged(_ rule: SNATRule) {
        if let network = rule.network { addLocalPorts(of: network) }
        if let routerID = rule.router, let router = state.router(routerID) {
            for interface in router.interfaces {
                if let subnet = state.subnet(interface.subnet) { addLocalPorts(of: subnet.network) }
            }
        }
    }

    /// A security group: the egress filter and uplink delivery filter of the local ports that use
    /// it, and their delivery filters in every pipeline that delivers to them.
    mutating func securityGroupChanged(_ id: SecurityGroupID) {
        for member in state.ports(inSecurityGroup: id) where member.node == localNode {
            mark(member.id) {
                $0.head = true
                $0.uplink = true
            }
            for reader in localPorts(of: member.network) { mark(reader) { $0.deliveries.insert(member.id) } }
            for subnet in member.fixedIPs.map(\.subnet) {
                for reader in routingSources(to: subnet) { mark(reader) { $0.deliveries.insert(member.id) } }
            }
        }
    }

    mutating func qosPolicyChanged(_ id: QoSPolicyID) {
        for port in state.localPorts where port.qosPolicy == id { mark(port.id) { $0.head = true } }
    }
}

/// The pieces of one local port's rules a change reaches (see `PortPipeline`'s pieces): all of
/// them, or some of the head (admission, egress filter), switching (traps, L2, leaving the cloud,
/// flooding), the routes into some subnets, the delivery filters of some destinations, and its
/// uplink rules.
struct PipelineWork: Hashable, Sendable {
    var all = false
    var head = false
    var switching = false
    var uplink = false
    /// Routed subnets whose routes may have changed.
    var routeTargets: Set<SubnetID> = []
    /// Local destinations whose delivery filter may have changed, come or gone.
    var deliveries: Set<PortID> = []

    mutating func formUnion(_ other: PipelineWork) {
        all = all || other.all
        head = head || other.head
        switching = switching || other.switching
        uplink = uplink || other.uplink
        routeTargets.formUnion(other.routeTargets)
        deliveries.formUnion(other.deliveries)
    }
}

/// What other pipelines read of a port: as an L2/L3 destination (network, MAC, addresses, node,
/// hence location) and, for a local port, as a delivery target (VLAN, security groups).
private struct DestinationView: Equatable {
    let network: NetworkID
    let mac: MACAddress
    let fixedIPs: [FixedIP]
    let node: NodeName
    let vlan: VLANID?
    let securityGroups: [SecurityGroupID]

    init(_ port: Port, localNode: NodeName) {
        network = port.network
        mac = port.mac
        fixedIPs = port.fixedIPs
        node = port.node
        let local = port.node == localNode
        vlan = local ? port.vlan : nil
        securityGroups = local ? port.securityGroups : []
    }
}
