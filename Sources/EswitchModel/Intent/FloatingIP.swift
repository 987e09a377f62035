/// A 1:1 mapping between an external address and one fixed IP of a port (stateless NAT on the
/// port's node: destination rewrite inbound, source rewrite outbound).
public struct FloatingIP: Hashable, Sendable, Codable {
    /// The external address; unique among floating IPs and SNAT addresses. Its identity.
    public var externalIP: IPAddress
    /// The port that receives the traffic.
    public var port: PortID
    /// The port's fixed IP that the external address maps to (same family).
    public var fixedIP: IPAddress

    public init(externalIP: IPAddress, port: PortID, fixedIP: IPAddress) {
        self.externalIP = externalIP
        self.port = port
        self.fixedIP = fixedIP
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case externalIP = "external_ip"
        case port
        case fixedIP = "fixed_ip"
    }
}
