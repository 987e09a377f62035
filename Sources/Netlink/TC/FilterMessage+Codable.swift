import EswitchModel

extension FilterMessage {
    enum CodingKeys: String, CodingKey { case family, ifindex, handle, parent, priority = "pref", `protocol`, attributes = "attrs" }

    /// JSON: the `tcmsg` fields flattened, with `tcm_info` as tc's `pref` and `protocol`, the
    /// handle as a number, the parent in tc's form (`ffff:fff2`), then `attrs`.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        header = TCMessageHeader(
            ifindex: try c.decode(IfIndex.self, forKey: .ifindex),
            handle: try c.decodeIfPresent(UInt32.self, forKey: .handle) ?? 0,
            parent: try c.decodeIfPresent(TCHandle.self, forKey: .parent) ?? .unspecified,
            priority: try c.decodeIfPresent(UInt16.self, forKey: .priority) ?? 0,
            protocol: try c.decodeIfPresent(EtherType.self, forKey: .protocol) ?? EtherType(0))
        header.family = try c.decodeIfPresent(UInt8.self, forKey: .family) ?? 0
        attributes = try c.decodeIfPresent([FilterAttribute].self, forKey: .attributes) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(header.family, forKey: .family)
        try c.encode(header.ifindex, forKey: .ifindex)
        try c.encode(header.handle.rawValue, forKey: .handle)
        try c.encode(header.parent, forKey: .parent)
        try c.encode(header.priority, forKey: .priority)
        try c.encode(header.protocol, forKey: .protocol)
        try c.encode(attributes, forKey: .attributes)
    }
}
