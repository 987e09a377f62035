/// A MAC (and its IPs) on an overlay network that lives behind another node's VTEP, as a control
/// plane delivers it (for example an EVPN type-2 MAC/IP route).
public struct RemoteEndpoint: Hashable, Sendable, Codable {
    /// The network the endpoint is on.
    public var network: NetworkID
    /// The endpoint's MAC address.
    public var mac: MACAddress
    /// The endpoint's IP addresses, if known (used for ARP/ND proxy and routing).
    public var ips: [IPAddress]
    /// The VTEP of the node that hosts the endpoint.
    public var vtep: IPAddress

    public init(network: NetworkID, mac: MACAddress, ips: [IPAddress] = [], vtep: IPAddress) {
        self.network = network
        self.mac = mac
        self.ips = ips
        self.vtep = vtep
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case network, mac, ips, vtep
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        network = try c.decode(NetworkID.self, forKey: .network)
        mac = try c.decode(MACAddress.self, forKey: .mac)
        ips = try c.decodeIfPresent([IPAddress].self, forKey: .ips) ?? []
        vtep = try c.decode(IPAddress.self, forKey: .vtep)
    }
}
