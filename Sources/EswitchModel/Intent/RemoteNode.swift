/// Another compute node of the cloud, reached through VXLAN at its VTEP.
public struct RemoteNode: Hashable, Sendable, Codable {
    /// The node's name, as ports and SNAT rules refer to it.
    public var name: NodeName
    /// The node's VXLAN tunnel endpoint on the underlay.
    public var vtep: IPAddress

    public init(name: NodeName, vtep: IPAddress) {
        self.name = name
        self.vtep = vtep
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, vtep
    }
}
