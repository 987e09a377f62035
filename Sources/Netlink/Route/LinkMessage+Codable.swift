import EswitchModel

extension LinkMessage {
    enum CodingKeys: String, CodingKey { case family, linkType = "link_type", ifindex, flags, change, attributes = "attrs" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        family = try c.decodeIfPresent(UInt8.self, forKey: .family) ?? AddressFamily.unspec
        linkType = try c.decodeIfPresent(LinkType.self, forKey: .linkType) ?? LinkType(rawValue: 0)
        ifindex = try c.decodeIfPresent(IfIndex.self, forKey: .ifindex) ?? IfIndex(0)
        flags = try c.decodeIfPresent(LinkFlags.self, forKey: .flags) ?? []
        change = try c.decodeIfPresent(LinkFlags.self, forKey: .change) ?? []
        attributes = try c.decodeIfPresent([LinkAttribute].self, forKey: .attributes) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(family, forKey: .family)
        try c.encode(linkType, forKey: .linkType)
        try c.encode(ifindex, forKey: .ifindex)
        try c.encode(flags, forKey: .flags)
        try c.encode(change, forKey: .change)
        try c.encode(attributes, forKey: .attributes)
    }
}
