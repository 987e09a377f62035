import EswitchModel

extension QdiscMessage {
    enum CodingKeys: String, CodingKey { case family, ifindex, handle, parent, info, attributes = "attrs" }

    /// JSON: the `tcmsg` fields flattened (`handle` and `parent` in tc's `ffff:fff1` form) and `attrs`.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        header = TCMessageHeader(
            family: try c.decodeIfPresent(UInt8.self, forKey: .family) ?? 0,
            ifindex: try c.decode(IfIndex.self, forKey: .ifindex),
            handle: try c.decodeIfPresent(TCHandle.self, forKey: .handle) ?? .unspecified,
            parent: try c.decodeIfPresent(TCHandle.self, forKey: .parent) ?? .unspecified,
            info: try c.decodeIfPresent(UInt32.self, forKey: .info) ?? 0)
        attributes = try c.decodeIfPresent([QdiscAttribute].self, forKey: .attributes) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(header.family, forKey: .family)
        try c.encode(header.ifindex, forKey: .ifindex)
        try c.encode(header.handle, forKey: .handle)
        try c.encode(header.parent, forKey: .parent)
        try c.encode(header.info, forKey: .info)
        try c.encode(attributes, forKey: .attributes)
    }
}
