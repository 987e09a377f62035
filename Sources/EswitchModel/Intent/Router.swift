/// A distributed router: it routes between the subnets it has interfaces on, on every node.
public struct Router: Hashable, Sendable, Codable {
    public var id: RouterID
    /// The subnets the router is attached to; each answers on its subnet's gateway IP and MAC.
    public var interfaces: [RouterInterface]

    public init(id: RouterID, interfaces: [RouterInterface] = []) {
        self.id = id
        self.interfaces = interfaces
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, interfaces
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(RouterID.self, forKey: .id)
        interfaces = try c.decodeIfPresent([RouterInterface].self, forKey: .interfaces) ?? []
    }
}
