/// One VETH_INFO_* attribute inside IFLA_INFO_DATA of a "veth" link.
public enum VethAttribute: Hashable, Sendable {
    /// VETH_INFO_PEER: the other end of the pair, as a struct ifinfomsg and IFLA_* attributes.
    /// A peer inside a peer is not typed (kept in `unknown`), which bounds the recursion.
    case peer(LinkMessage)
    /// Anything else, kept verbatim.
    case unknown(RawAttribute)
}

extension VethAttribute {
    /// How many veth peers deep a typed peer may sit: the top-level message's peer only.
    static let maximumPeerDepth = 1

    init(decoding a: NetlinkAttribute, depth: Int) throws(NetlinkDecodingError) {
        let p = a.payload
        if a.rawType == VETH_INFO.peer, depth < Self.maximumPeerDepth, p.count >= IFLA_STRUCT_SIZE.ifinfomsg,
           p.count % 4 == 0, p[p.startIndex + 1] == 0 {
            self = .peer(try LinkMessage(decoding: p, depth: depth + 1))
        } else {
            self = .unknown(RawAttribute(a))
        }
    }

    func encode(into w: inout NetlinkWriter) {
        switch self {
        case .peer(let message):
            let n = w.beginNested(VETH_INFO.peer)
            message.encode(into: &w)
            w.endNested(n)
        case .unknown(let raw): raw.encode(into: &w)
        }
    }
}

extension VethAttribute: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        let key = try c.singleKey()
        switch key.stringValue {
        case "peer": self = .peer(try c.decode(LinkMessage.self, forKey: key))
        case "unknown": self = .unknown(try c.decode(RawAttribute.self, forKey: key))
        default: throw c.unknownKey(key, in: "veth")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        switch self {
        case .peer(let m): try c.encode(m, for: "peer")
        case .unknown(let raw): try c.encode(raw, for: "unknown")
        }
    }
}
