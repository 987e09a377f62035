extension FlowerOptions: Codable {
    /// JSON: an array of one-key attribute objects in wire order. The short words `src_port`,
    /// `dst_port` (and `_mask`), `icmp_type`, `icmp_code` (and `_mask`) take their protocol from the
    /// last `ip_proto` before them in the array.
    public init(from decoder: Decoder) throws {
        var list = try decoder.unkeyedContainer()
        var out: [FlowerAttribute] = []
        var ipProto: UInt8? = nil
        while !list.isAtEnd {
            let attribute = try FlowerAttribute.decodeJSON(from: try list.superDecoder(), ipProto: ipProto)
            if case .ipProto(let p) = attribute { ipProto = p.rawValue }
            out.append(attribute)
        }
        attributes = out
    }

    public func encode(to encoder: Encoder) throws {
        var list = encoder.unkeyedContainer()
        var ipProto: UInt8? = nil
        for attribute in attributes {
            try attribute.encodeJSON(to: list.superEncoder(), ipProto: ipProto)
            if case .ipProto(let p) = attribute { ipProto = p.rawValue }
        }
    }
}
