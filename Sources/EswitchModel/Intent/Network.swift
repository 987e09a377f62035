/// A tenant overlay network: one L2 broadcast domain carried in VXLAN with its own VNI.
public struct Network: Hashable, Sendable, Codable {
    public var id: NetworkID
    /// The VXLAN network identifier (1...16777215), unique among networks.
    public var vni: VNI
    /// The MTU that VMs on this network use; nil leaves the NIC default.
    public var mtu: UInt32?

    public init(id: NetworkID, vni: VNI, mtu: UInt32? = nil) {
        self.id = id
        self.vni = vni
        self.mtu = mtu
    }

    /// Smallest MTU an IPv4 host must accept (RFC 791, "every internet module must be able to
    /// forward a datagram of 68 octets").
    public static let minimumIPv4MTU: UInt32 = 68
    /// Smallest link MTU IPv6 allows (RFC 8200 section 5).
    public static let minimumIPv6MTU: UInt32 = 1280
    /// Largest MTU accepted: the IPv4/IPv6 total-length field is 16 bits.
    public static let maximumMTU: UInt32 = 65535

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, vni, mtu
    }
}
