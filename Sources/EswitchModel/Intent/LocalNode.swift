/// The node this eswitch instance runs on.
public struct LocalNode: Hashable, Sendable, Codable {
    /// This node's name, as ports and SNAT rules refer to it.
    public var name: NodeName
    /// This node's VXLAN tunnel endpoint on the underlay (IPv4 or IPv6).
    public var vtep: IPAddress
    /// The NIC port that carries the underlay (and whose eswitch holds the VFs).
    public var uplink: Uplink

    public init(name: NodeName, vtep: IPAddress, uplink: Uplink) {
        self.name = name
        self.vtep = vtep
        self.uplink = uplink
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, vtep, uplink
    }
}
