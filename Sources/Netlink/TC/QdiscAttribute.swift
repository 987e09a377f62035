/// One TCA_* attribute of a qdisc message.
public enum QdiscAttribute: Hashable, Sendable {
    /// TCA_KIND: the qdisc type (`ingress`, `clsact`...), sent NUL-terminated.
    case kind(String)
    /// TCA_HW_OFFLOAD (answers): 1 when the qdisc is offloaded.
    case hardwareOffload(UInt8)
    /// TCA_INGRESS_BLOCK: the shared block index of the ingress side.
    case ingressBlock(UInt32)
    /// TCA_EGRESS_BLOCK: the shared block index of the clsact egress side.
    case egressBlock(UInt32)
    /// Anything else (TCA_OPTIONS, TCA_STATS, TCA_STATS2...), kept verbatim.
    case unknown(RawAttribute)
}

extension QdiscAttribute {
    /// Decodes one attribute; a known type with an unexpected shape is kept as ``unknown(_:)``.
    public init(decoding a: NetlinkAttribute) throws(NetlinkDecodingError) {
        switch a.rawType {
        case TCA.kind:
            if let text = a.terminatedString() { self = .kind(text) } else { self = .unknown(RawAttribute(a)) }
        case TCA.hwOffload where a.payload.count == 1: self = .hardwareOffload(try a.u8())
        case TCA.ingressBlock where a.payload.count == 4: self = .ingressBlock(try a.u32())
        case TCA.egressBlock where a.payload.count == 4: self = .egressBlock(try a.u32())
        default: self = .unknown(RawAttribute(a))
        }
    }

    /// Appends the attribute.
    public func encode(into w: inout NetlinkWriter) {
        switch self {
        case .kind(let k): w.attribute(TCA.kind, string: k)
        case .hardwareOffload(let v): w.attribute(TCA.hwOffload, u8: v)
        case .ingressBlock(let v): w.attribute(TCA.ingressBlock, u32: v)
        case .egressBlock(let v): w.attribute(TCA.egressBlock, u32: v)
        case .unknown(let raw): raw.encode(into: &w)
        }
    }
}

extension QdiscAttribute: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        let key = try c.singleKey()
        switch key.stringValue {
        case "kind": self = .kind(try c.decode(String.self, forKey: key))
        case "hw_offload": self = .hardwareOffload(try c.decode(UInt8.self, forKey: key))
        case "ingress_block": self = .ingressBlock(try c.decode(UInt32.self, forKey: key))
        case "egress_block": self = .egressBlock(try c.decode(UInt32.self, forKey: key))
        case "unknown": self = .unknown(try c.decode(RawAttribute.self, forKey: key))
        default: throw c.unknownKey(key, in: "qdisc")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        switch self {
        case .kind(let k): try c.encode(k, for: "kind")
        case .hardwareOffload(let v): try c.encode(v, for: "hw_offload")
        case .ingressBlock(let v): try c.encode(v, for: "ingress_block")
        case .egressBlock(let v): try c.encode(v, for: "egress_block")
        case .unknown(let raw): try c.encode(raw, for: "unknown")
        }
    }
}
