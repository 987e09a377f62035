/// A network state that passed validation, in canonical order, with lookup tables.
///
/// Only `NetworkState.validated()` creates one, so holding a value proves the intent is
/// consistent: every reference resolves, addresses are unique per network, and so on. The lookups
/// are dictionary accesses built once here, so the compiler can walk 10,000 ports and 100,000 rules
/// without searching lists. Equality and hashing consider the state only.
public struct ValidatedNetworkState: Hashable, Sendable {
    /// The intent in canonical order (see `NetworkState.canonicalized()`).
    public let state: NetworkState
    let tables: ValidatedNetworkStateTables

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
        node == state.node.name ? state.node.vtep : tables.remoteNode[node].map { state.nodes[$0].vtep }
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

    public func port(_ id: PortID) -> Port? { tables.port[id].map { state.ports[$0] } }
    /// The ports of a network, on every node, by id.
    public func ports(of network: NetworkID) -> [Port] { (tables.portsOfNetwork[network] ?? []).map { state.ports[$0] } }
    /// The ports a node hosts, by id.
    public func ports(on node: NodeName) -> [Port] { (tables.portsOfNode[node] ?? []).map { state.ports[$0] } }
    /// The ports this node hosts, by id.
    public var localPorts: [Port] { ports(on: state.node.name) }
    /// The port that has a MAC in a network (MACs are unique per network).
    public func port(mac: MACAddress, in network: NetworkID) -> Port? {
        tables.portOfMAC[ScopedMAC(network: network, mac: mac)].map { state.ports[$0] }
    }

    /// The remote endpoints of a network, by MAC.
    public func remoteEndpoints(of network: NetworkID) -> [RemoteEndpoint] {
        (tables.endpointsOfNetwork[network] ?? []).map { state.remoteEndpoints[$0] }
    }

    public func router(_ id: RouterID) -> Router? { tables.router[id].map { state.routers[$0] } }
    /// The router with an interface on a subnet (a subnet has at most one).
    public func router(attachedTo subnet: SubnetID) -> Router? { tables.routerOfSubnet[subnet].map { state.routers[$0] } }

    /// The floating IPs that map to a port, by external IP.
    public func floatingIPs(of port: PortID) -> [FloatingIP] { (tables.floatingIPsOfPort[port] ?? []).map { state.floatingIPs[$0] } }
    /// The SNAT rule that covers a network, directly or through its router.
    public func snat(for network: NetworkID) -> SNATRule? { tables.snatOfNetwork[network].map { state.snat[$0] } }

    public func securityGroup(_ id: SecurityGroupID) -> SecurityGroup? { tables.securityGroup[id].map { state.securityGroups[$0] } }
    /// The security groups a port lists, by id.
    public func securityGroups(of port: Port) -> [SecurityGroup] { port.securityGroups.compactMap { securityGroup($0) } }

    public func qosPolicy(_ id: QoSPolicyID) -> QoSPolicy? { tables.qosPolicy[id].map { state.qosPolicies[$0] } }
}

/// Positions of entries in a canonical `NetworkState`, keyed the ways the compiler looks them up.
struct ValidatedNetworkStateTables: Sendable {
    var remoteNode: [NodeName: Int] = [:]
    var network: [NetworkID: Int] = [:]
    var networkOfVNI: [VNI: Int] = [:]
    var subnet: [SubnetID: Int] = [:]
    var subnetsOfNetwork: [NetworkID: [Int]] = [:]
    var port: [PortID: Int] = [:]
    var portsOfNetwork: [NetworkID: [Int]] = [:]
    var portsOfNode: [NodeName: [Int]] = [:]
    var portOfMAC: [ScopedMAC: Int] = [:]
    var endpointsOfNetwork: [NetworkID: [Int]] = [:]
    var router: [RouterID: Int] = [:]
    var routerOfSubnet: [SubnetID: Int] = [:]
    var floatingIPsOfPort: [PortID: [Int]] = [:]
    var snatOfNetwork: [NetworkID: Int] = [:]
    var securityGroup: [SecurityGroupID: Int] = [:]
    var qosPolicy: [QoSPolicyID: Int] = [:]

    /// Builds the tables; the state is valid, so ids are unique and references resolve.
    init(_ state: NetworkState) {
        for (i, node) in state.nodes.enumerated() { remoteNode[node.name] = i }
        for (i, network) in state.networks.enumerated() {
            self.network[network.id] = i
            networkOfVNI[network.vni] = i
        }
        for (i, subnet) in state.subnets.enumerated() {
            self.subnet[subnet.id] = i
            subnetsOfNetwork[subnet.network, default: []].append(i)
        }
        port.reserveCapacity(state.ports.count)
        portOfMAC.reserveCapacity(state.ports.count)
        for (i, port) in state.ports.enumerated() {
            self.port[port.id] = i
            portsOfNetwork[port.network, default: []].append(i)
            portsOfNode[port.node, default: []].append(i)
            portOfMAC[ScopedMAC(network: port.network, mac: port.mac)] = i
        }
        for (i, endpoint) in state.remoteEndpoints.enumerated() { endpointsOfNetwork[endpoint.network, default: []].append(i) }
        for (r, router) in state.routers.enumerated() {
            self.router[router.id] = r
            for interface in router.interfaces { routerOfSubnet[interface.subnet] = r }
        }
        for (i, floating) in state.floatingIPs.enumerated() { floatingIPsOfPort[floating.port, default: []].append(i) }
        for (i, rule) in state.snat.enumerated() {
            if let network = rule.network { snatOfNetwork[network] = i }
            if let routerID = rule.router, let r = router[routerID] {
                for interface in state.routers[r].interfaces {
                    if let s = subnet[interface.subnet] { snatOfNetwork[state.subnets[s].network] = i }
                }
            }
        }
        for (i, group) in state.securityGroups.enumerated() { securityGroup[group.id] = i }
        for (i, policy) in state.qosPolicies.enumerated() { qosPolicy[policy.id] = i }
    }
}
