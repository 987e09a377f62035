/// One counter inside IFLA_VF_STATS (IFLA_VF_STATS_*, u64 each). Pad attributes and counters of
/// another size are kept verbatim.
public enum VFStatsAttribute: Hashable, Sendable {
    case rxPackets(UInt64)
    case txPackets(UInt64)
    case rxBytes(UInt64)
    case txBytes(UInt64)
    case broadcast(UInt64)
    case multicast(UInt64)
    case rxDropped(UInt64)
    case txDropped(UInt64)
    case unknown(RawAttribute)
}

extension VFStatsAttribute {
    init(decoding a: NetlinkAttribute) {
        guard let v = LinkWire.u64(a) else { self = .unknown(RawAttribute(a)); return }
        switch a.rawType {
        case IFLA_VF_STATS.rxPackets: self = .rxPackets(v)
        case IFLA_VF_STATS.txPackets: self = .txPackets(v)
        case IFLA_VF_STATS.rxBytes: self = .rxBytes(v)
        case IFLA_VF_STATS.txBytes: self = .txBytes(v)
        case IFLA_VF_STATS.broadcast: self = .broadcast(v)
        case IFLA_VF_STATS.multicast: self = .multicast(v)
        case IFLA_VF_STATS.rxDropped: self = .rxDropped(v)
        case IFLA_VF_STATS.txDropped: self = .txDropped(v)
        default: self = .unknown(RawAttribute(a))
        }
    }

    func encode(into w: inout NetlinkWriter) {
        switch self {
        case .rxPackets(let v): w.attribute(IFLA_VF_STATS.rxPackets, u64: v)
        case .txPackets(let v): w.attribute(IFLA_VF_STATS.txPackets, u64: v)
        case .rxBytes(let v): w.attribute(IFLA_VF_STATS.rxBytes, u64: v)
        case .txBytes(let v): w.attribute(IFLA_VF_STATS.txBytes, u64: v)
        case .broadcast(let v): w.attribute(IFLA_VF_STATS.broadcast, u64: v)
        case .multicast(let v): w.attribute(IFLA_VF_STATS.multicast, u64: v)
        case .rxDropped(let v): w.attribute(IFLA_VF_STATS.rxDropped, u64: v)
        case .txDropped(let v): w.attribute(IFLA_VF_STATS.txDropped, u64: v)
        case .unknown(let raw): raw.encode(into: &w)
        }
    }
}

extension VFStatsAttribute: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        let key = try c.singleKey()
        switch key.stringValue {
        case "rx_packets": self = .rxPackets(try c.decode(UInt64.self, forKey: key))
        case "tx_packets": self = .txPackets(try c.decode(UInt64.self, forKey: key))
        case "rx_bytes": self = .rxBytes(try c.decode(UInt64.self, forKey: key))
        case "tx_bytes": self = .txBytes(try c.decode(UInt64.self, forKey: key))
        case "broadcast": self = .broadcast(try c.decode(UInt64.self, forKey: key))
        case "multicast": self = .multicast(try c.decode(UInt64.self, forKey: key))
        case "rx_dropped": self = .rxDropped(try c.decode(UInt64.self, forKey: key))
        case "tx_dropped": self = .txDropped(try c.decode(UInt64.self, forKey: key))
        case "unknown": self = .unknown(try c.decode(RawAttribute.self, forKey: key))
        default: throw c.unknownKey(key, in: "VF stats")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        switch self {
        case .rxPackets(let v): try c.encode(v, for: "rx_packets")
        case .txPackets(let v): try c.encode(v, for: "tx_packets")
        case .rxBytes(let v): try c.encode(v, for: "rx_bytes")
        case .txBytes(let v): try c.encode(v, for: "tx_bytes")
        case .broadcast(let v): try c.encode(v, for: "broadcast")
        case .multicast(let v): try c.encode(v, for: "multicast")
        case .rxDropped(let v): try c.encode(v, for: "rx_dropped")
        case .txDropped(let v): try c.encode(v, for: "tx_dropped")
        case .unknown(let raw): try c.encode(raw, for: "unknown")
        }
    }
}
