/// A router's attachment to a subnet, using the subnet's gateway IP and gateway MAC.
public struct RouterInterface: Hashable, Sendable, Codable {
    /// The subnet (which must have a gateway).
    public var subnet: SubnetID

    public init(subnet: SubnetID) { self.subnet = subnet }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case subnet
    }
}
