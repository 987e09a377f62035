/// The declarative network intent for one node: everything eswitch must make true on it.
///
/// A `NetworkState` is only a description; it may be inconsistent. `validated()` checks it and
/// returns a `ValidatedNetworkState`, the only form the compiler accepts, so an invalid state can
/// never change the node. Arrays keep the order they were written in (problem paths such as
/// `ports[3].mac` refer to it); the validated form is sorted canonically.
public struct NetworkState: Hashable, Sendable, Codable {
    /// This node.
    public var node: LocalNode
    /// The other nodes this node exchanges overlay traffic with.
    public var nodes: [RemoteNode]
    public var networks: [Network]
    public var subnets: [Subnet]
    /// VM NICs on this node and on other nodes.
    public var ports: [Port]
    /// MAC/IP endpoints behind other nodes' VTEPs, as a control plane delivers them.
    public var remoteEndpoints: [RemoteEndpoint]
    public var routers: [Router]
    public var floatingIPs: [FloatingIP]
    public var snat: [SNATRule]
    public var securityGroups: [SecurityGroup]
    public var qosPolicies: [QoSPolicy]

    public init(
        node: LocalNode, nodes: [RemoteNode] = [], networks: [Network] = [], subnets: [Subnet] = [],
        ports: [Port] = [], remoteEndpoints: [RemoteEndpoint] = [], routers: [Router] = [],
        floatingIPs: [FloatingIP] = [], snat: [SNATRule] = [], securityGroups: [SecurityGroup] = [],
        qosPolicies: [QoSPolicy] = []
    ) {
        self.node = node
        self.nodes = nodes
        self.networks = networks
        self.subnets = subnets
        self.ports = ports
        self.remoteEndpoints = remoteEndpoints
        self.routers = routers
        self.floatingIPs = floatingIPs
        self.snat = snat
        self.securityGroups = securityGroups
        self.qosPolicies = qosPolicies
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case node, nodes, networks, subnets, ports
        case remoteEndpoints = "remote_endpoints"
        case routers
        case floatingIPs = "floating_ips"
        case snat
        case securityGroups = "security_groups"
        case qosPolicies = "qos_policies"
    }

    /// Every section but `node` may be omitted (empty).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        nodes = try c.decodeIfPresent([RemoteNode].self, forKey: .nodes) ?? []
        networks = try c.decodeIfPresent([Network].self, forKey: .networks) ?? []
        subnets = try c.decodeIfPresent([Subnet].self, forKey: .subnets) ?? []
        ports = try c.decodeIfPresent([Port].self, forKey: .ports) ?? []
        remoteEndpoints = try c.decodeIfPresent([RemoteEndpoint].self, forKey: .remoteEndpoints) ?? []
        routers = try c.decodeIfPresent([Router].self, forKey: .routers) ?? []
        floatingIPs = try c.decodeIfPresent([FloatingIP].self, forKey: .floatingIPs) ?? []
        snat = try c.decodeIfPresent([SNATRule].self, forKey: .snat) ?? []
        securityGroups = try c.decodeIfPresent([SecurityGroup].self, forKey: .securityGroups) ?? []
        qosPolicies = try c.decodeIfPresent([QoSPolicy].self, forKey: .qosPolicies) ?? []
        // Decoded last: a decoder that reports every problem can then still reach the sections
        // above when `node` is broken (the only required key).
        node = try c.decode(LocalNode.self, forKey: .node)
    }
}
