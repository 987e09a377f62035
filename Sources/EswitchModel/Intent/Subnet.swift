/// An IP prefix on a network, with the gateway that routers answer on.
public struct Subnet: Hashable, Sendable, Codable {
    public var id: SubnetID
    /// The network the subnet belongs to.
    public var network: NetworkID
    /// The prefix (IPv4 or IPv6), written with host bits clear.
    public var cidr: CIDR
    /// The address of the subnet's default gateway; required for a router interface.
    public var gatewayIP: IPAddress?
    /// The MAC the gateway answers with (ARP/ND proxy) and routes from; given with `gatewayIP`.
    ///
    /// Several subnets (and networks) may share one gateway MAC, as a distributed router does.
    public var gatewayMAC: MACAddress?

    public init(id: SubnetID, network: NetworkID, cidr: CIDR, gatewayIP: IPAddress? = nil, gatewayMAC: MACAddress? = nil) {
        self.id = id
        self.network = network
        self.cidr = cidr
        self.gatewayIP = gatewayIP
        self.gatewayMAC = gatewayMAC
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, network, cidr
        case gatewayIP = "gateway_ip"
        case gatewayMAC = "gateway_mac"
    }
}
