import EswitchModel

extension NeighbourMessage {
    enum CodingKeys: String, CodingKey { case family, ifindex, state, flags, type = "ndm_type", attributes = "attrs" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        family = try c.decode(UInt8.self, forKey: .family)
        ifindex = try c.decode(IfIndex.self, forKey: .ifindex)
        state = try c.decodeIfPresent(NeighbourState.self, forKey: .state) ?? []
        flags = try c.decodeIfPresent(NeighbourFlags.self, forKey: .flags) ?? []
        type = try c.decodeIfPresent(UInt8.self, forKey: .type) ?? 0
        attributes = try c.decodeIfPresent([NeighbourAttribute].self, forKey: .attributes) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(family, forKey: .family)
        try c.encode(ifindex, forKey: .ifindex)
        try c.encode(state, forKey: .state)
        try c.encode(flags, forKey: .flags)
        try c.encode(type, forKey: .type)
        try c.encode(attributes, forKey: .attributes)
    }
}
