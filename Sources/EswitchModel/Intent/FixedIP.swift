/// An address a port owns on one of its network's subnets.
public struct FixedIP: Hashable, Sendable, Codable {
    /// The subnet the address is taken from (on the port's network).
    public var subnet: SubnetID
    /// The address, inside the subnet's CIDR.
    public var ip: IPAddress

    public init(subnet: SubnetID, ip: IPAddress) {
        self.subnet = subnet
        self.ip = ip
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case subnet, ip
    }
}
