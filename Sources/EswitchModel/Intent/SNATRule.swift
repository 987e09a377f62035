/// Source NAT to the outside for a network (or every network of a router), done on a gateway node.
///
/// Traffic leaving the covered networks for addresses outside every known subnet is carried in
/// VXLAN to the gateway node, which rewrites the source to `externalIP` (connection tracking).
public struct SNATRule: Hashable, Sendable, Codable {
    /// The network whose traffic is translated; exactly one of `network` and `router` is given.
    public var network: NetworkID?
    /// The router whose attached networks are translated; exactly one of `network` and `router`.
    public var router: RouterID?
    /// The node that performs the translation (this node or one of `nodes`).
    public var gatewayNode: NodeName
    /// The source address after translation. Several rules may share one (port address
    /// translation) as long as they use the same gateway node.
    public var externalIP: IPAddress

    public init(network: NetworkID? = nil, router: RouterID? = nil, gatewayNode: NodeName, externalIP: IPAddress) {
        self.network = network
        self.router = router
        self.gatewayNode = gatewayNode
        self.externalIP = externalIP
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case network, router
        case gatewayNode = "gateway_node"
        case externalIP = "external_ip"
    }
}
