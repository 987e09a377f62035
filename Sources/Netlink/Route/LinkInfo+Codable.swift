extension LinkInfo: Codable {
    public init(from decoder: Decoder) throws {
        var list = try decoder.unkeyedContainer()
        var out: [LinkInfoAttribute] = []
        var kind: String?
        while !list.isAtEnd {
            let attribute = try LinkInfoAttribute(from: try list.superDecoder(), kind: kind)
            switch attribute {
            case .kind(let k), .terminatedKind(let k): kind = k
            default: break
            }
            out.append(attribute)
        }
        attributes = out
    }

    public func encode(to encoder: Encoder) throws {
        var list = encoder.unkeyedContainer()
        for attribute in attributes { try list.encode(attribute) }
    }
}

extension LinkInfoAttribute: Codable {
    /// Decodes an attribute outside a LinkInfo list; "info_data" needs the kind, so it fails here.
    public init(from decoder: Decoder) throws {
        try self.init(from: decoder, kind: nil)
    }

    /// Decodes an attribute; `kind` is the info_kind seen before it, which types "info_data".
    init(from decoder: Decoder, kind: String?) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        let key = try c.singleKey()
        switch key.stringValue {
        case "info_kind": self = .kind(try LinkJSON.decodeText(c, forKey: key))
        case "info_kind_nul": self = .terminatedKind(try LinkJSON.decodeText(c, forKey: key))
        case "info_slave_kind": self = .slaveKind(try LinkJSON.decodeText(c, forKey: key))
        case "info_data":
            switch kind {
            case LinkInfo.Kind.vxlan: self = .data(.vxlan(try c.decode([VXLANAttribute].self, forKey: key)))
            case LinkInfo.Kind.veth: self = .data(.veth(try c.decode([VethAttribute].self, forKey: key)))
            default:
                throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath + [key], debugDescription: "info_data is typed only after an info_kind of vxlan or veth (got \(kind.map { "'\($0)'" } ?? "none")); give other data as {\"unknown\": {\"type\": 2, \"hex\": ...}}"))
            }
        case "unknown": self = .unknown(try c.decode(RawAttribute.self, forKey: key))
        default: throw c.unknownKey(key, in: "linkinfo")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        switch self {
        case .kind(let k): try c.encode(k, for: "info_kind")
        case .terminatedKind(let k): try c.encode(k, for: "info_kind_nul")
        case .slaveKind(let k): try c.encode(k, for: "info_slave_kind")
        case .data(.vxlan(let attributes)): try c.encode(attributes, for: "info_data")
        case .data(.veth(let attributes)): try c.encode(attributes, for: "info_data")
        case .unknown(let raw): try c.encode(raw, for: "unknown")
        }
    }
}
