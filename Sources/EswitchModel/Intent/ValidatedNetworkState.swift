/// A network state that passed validation, in canonical order, with lookup tables.
///
/// Only `NetworkState.validated()` and `apply(_:)` (an edit checked against the tables) create
/// one, so holding a value proves the intent is consistent: every reference resolves, addresses
/// are unique per network, and so on. The lookups are dictionary accesses built once here, so the
/// compiler can walk 10,000 ports and 100,000 rules without searching lists. The sections a
/// typical edit touches (ports, remote endpoints, floating IPs, security groups, nodes) are keyed
/// by identity, not by position, so an edit updates a few entries instead of rebuilding them.
/// Equality and hashing consider the state only.
public struct ValidatedNetworkState: Hashable, Sendable {
    /// The intent in canonical order (see `NetworkState.canonicalized()`).
    public internal(set) var state: NetworkState
    var tables: ValidatedNetworkStateTables

    init(checked state: NetworkState) {
        self.state = state
        tables = ValidatedNetworkStateTables(state)
    }

    public static func == (a: ValidatedNetworkState, b: ValidatedNetworkState) -> Bool { a.state == b.state }
    public func hash(into hasher: inout Hasher) { hasher.combine(state) }

    /// This node.
    public var node: LocalNode { state.node }

    /// The VTEP of a node (this one or a remote one).
    public func vtep(of node: NodeName) -> IPAddress? {
        node == state.node.name ? state.node.vtep : tables.remoteNode[node]?.vtep
    }

    public func network(_ id: NetworkID) -> Network? { tables.network[id].map { state.networks[$0] } }
    /// The network that carries a VNI (VNIs are unique).
    public func network(vni: VNI) -> Network? { tables.networkOfVNI[vni].map { state.networks[$0] } }

    public func subnet(_ id: SubnetID) -> Subnet? { tables.subnet[id].map { state.subnets[$0] } }
    /// The subnets of a network, by id.
    public func subnets(of network: NetworkID) -> [Subnet] { (tables.subnetsOfNetwork[network] ?? []).map { state.subnets[$0] } }
    /// The subnet of a network whose prefix holds an address (subnets of a network never overlap).
    public func subnet(containing ip: IPAddress, in network: NetworkID) -> Subnet? {
        subnets(of: network).first { $0.cidr.contains(ip) }
    }

    public func port(_ id: PortID) -> Port? { tables.port[id] }
    /// The ports of a network, on every node, by id.
    public func ports(of network: NetworkID) -> [Port] { tables.portsOfNetwork[network] ?? [] }
    /// The ports a node hosts, by id.
    public func ports(on node: NodeName) -> [Port] { (tables.portsOfNode[node] ?? []).map { tables.port[$0]! } }
    /// The ports this node hosts, by id.
    public var localPorts: [Port] { ports(on: state.node.name) }
    /// The port that has a MAC in a network (MACs are unique per network).
    public func port(mac: MACAddress, in network: NetworkID) -> Port? {
        tables.portOfMAC[ScopedMAC(network: network, mac: mac)].flatMap { tables.port[$0] }
    }

    /// The remote endpoints of a network, by MAC.
    public func remoteEndpoints(of network: NetworkID) -> [RemoteEndpoint] { tables.endpointsOfNetwork[network] ?? [] }

    public func router(_ id: RouterID) -> Router? { tables.router[id].map { state.routers[$0] } }
    /// The router with an interface on a subnet (a subnet has at most one).
    public func router(attachedTo subnet: SubnetID) -> Router? { tables.routerOfSubnet[subnet].map { state.routers[$0] } }

    /// The floating IPs that map to a port, by external IP.
    public func floatingIPs(of port: PortID) -> [FloatingIP] { tables.floatingIPsOfPort[port] ?? [] }
    /// The SNAT rule that covers a network, directly or through its router.
    public func snat(for network: NetworkID) -> SNATRule? { tables.snatOfNetwork[network].map { state.snat[$0] } }

    public func securityGroup(_ id: SecurityGroupID) -> SecurityGroup? { tables.securityGroup[id] }
    /// The ports that list a security group, by id.
    public func ports(inSecurityGroup id: SecurityGroupID) -> [Port] { (tables.portsOfGroup[id] ?? []).map { tables.port[$0]! } }
    /// The security groups a port lists, by id.
    public func securityGroups(of port: Port) -> [SecurityGroup] { port.securityGroups.compactMap { securityGroup($0) } }

    public func qosPolicy(_ id: QoSPolicyID) -> QoSPolicy? { tables.qosPolicy[id].map { state.qosPolicies[$0] } }
}
