/// What the hook reads from a domain XML: identity, interfaces and the eswitch port mappings.
public struct DomainDescription: Hashable, Sendable {
    /// `<name>`.
    public var name: String
    /// `<uuid>`, when present.
    public var uuid: String?
    /// Every `<devices><interface>`, in document order.
    public var interfaces: [DomainInterface]
    /// The `<eswitch:port>` elements, in document order (MACs and ids each unique).
    public var portMappings: [PortMapping]

    public init(name: String, uuid: String? = nil, interfaces: [DomainInterface] = [], portMappings: [PortMapping] = []) {
        self.name = name
        self.uuid = uuid
        self.interfaces = interfaces
        self.portMappings = portMappings
    }
}
