import EswitchModel

extension VXLANAttribute: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        let key = try c.singleKey()
        switch key.stringValue {
        case "id": self = .id(try c.decode(VNI.self, forKey: key))
        // iproute2 prints "remote" for a unicast address and "group" for a multicast one.
        case "group", "remote": self = .group(try c.decode(IPv4Address.self, forKey: key))
        case "link": self = .link(try c.decode(IfIndex.self, forKey: key))
        case "local": self = .local(try c.decode(IPv4Address.self, forKey: key))
        case "ttl": self = .ttl(try c.decode(UInt8.self, forKey: key))
        case "tos": self = .tos(try c.decode(UInt8.self, forKey: key))
        case "learning": self = .learning(try c.decode(Bool.self, forKey: key))
        case "ageing": self = .ageing(try c.decode(UInt32.self, forKey: key))
        case "limit": self = .limit(try c.decode(UInt32.self, forKey: key))
        case "port_range": self = .portRange(try c.decode(VXLANPortRange.self, forKey: key))
        case "proxy": self = .proxy(try c.decode(Bool.self, forKey: key))
        case "rsc": self = .rsc(try c.decode(Bool.self, forKey: key))
        case "l2miss": self = .l2miss(try c.decode(Bool.self, forKey: key))
        case "l3miss": self = .l3miss(try c.decode(Bool.self, forKey: key))
        case "port": self = .port(try c.decode(UInt16.self, forKey: key))
        case "group6", "remote6": self = .group6(try c.decode(IPv6Address.self, forKey: key))
        case "local6": self = .local6(try c.decode(IPv6Address.self, forKey: key))
        case "udp_csum": self = .udpChecksum(try c.decode(Bool.self, forKey: key))
        case "udp_zero_csum6_tx": self = .udpZeroChecksum6Tx(try c.decode(Bool.self, forKey: key))
        case "udp_zero_csum6_rx": self = .udpZeroChecksum6Rx(try c.decode(Bool.self, forKey: key))
        case "remcsum_tx": self = .remoteChecksumTx(try c.decode(Bool.self, forKey: key))
        case "remcsum_rx": self = .remoteChecksumRx(try c.decode(Bool.self, forKey: key))
        case "gbp": try LinkJSON.decodeFlag(c, forKey: key); self = .gbp
        case "remcsum_nopartial": try LinkJSON.decodeFlag(c, forKey: key); self = .remoteChecksumNoPartial
        case "external": self = .collectMetadata(try c.decode(Bool.self, forKey: key))
        case "label": self = .label(try c.decode(UInt32.self, forKey: key))
        case "gpe": try LinkJSON.decodeFlag(c, forKey: key); self = .gpe
        case "ttl_inherit": self = .ttlInherit(try c.decode(Bool.self, forKey: key))
        case "ttl_inherit_flag": try LinkJSON.decodeFlag(c, forKey: key); self = .ttlInheritFlag
        case "df": self = .df(try c.decode(VXLANDF.self, forKey: key))
        case "vnifilter": self = .vniFilter(try c.decode(Bool.self, forKey: key))
        case "unknown": self = .unknown(try c.decode(RawAttribute.self, forKey: key))
        default: throw c.unknownKey(key, in: "vxlan")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        switch self {
        case .id(let v): try c.encode(v, for: "id")
        case .group(let ip): try c.encode(ip, for: "group")
        case .link(let i): try c.encode(i, for: "link")
        case .local(let ip): try c.encode(ip, for: "local")
        case .ttl(let v): try c.encode(v, for: "ttl")
        case .tos(let v): try c.encode(v, for: "tos")
        case .learning(let b): try c.encode(b, for: "learning")
        case .ageing(let v): try c.encode(v, for: "ageing")
        case .limit(let v): try c.encode(v, for: "limit")
        case .portRange(let r): try c.encode(r, for: "port_range")
        case .proxy(let b): try c.encode(b, for: "proxy")
        case .rsc(let b): try c.encode(b, for: "rsc")
        case .l2miss(let b): try c.encode(b, for: "l2miss")
        case .l3miss(let b): try c.encode(b, for: "l3miss")
        case .port(let p): try c.encode(p, for: "port")
        case .group6(let ip): try c.encode(ip, for: "group6")
        case .local6(let ip): try c.encode(ip, for: "local6")
        case .udpChecksum(let b): try c.encode(b, for: "udp_csum")
        case .udpZeroChecksum6Tx(let b): try c.encode(b, for: "udp_zero_csum6_tx")
        case .udpZeroChecksum6Rx(let b): try c.encode(b, for: "udp_zero_csum6_rx")
        case .remoteChecksumTx(let b): try c.encode(b, for: "remcsum_tx")
        case .remoteChecksumRx(let b): try c.encode(b, for: "remcsum_rx")
        case .gbp: try c.encode(true, for: "gbp")
        case .remoteChecksumNoPartial: try c.encode(true, for: "remcsum_nopartial")
        case .collectMetadata(let b): try c.encode(b, for: "external")
        case .label(let v): try c.encode(v, for: "label")
        case .gpe: try c.encode(true, for: "gpe")
        case .ttlInherit(let b): try c.encode(b, for: "ttl_inherit")
        case .ttlInheritFlag: try c.encode(true, for: "ttl_inherit_flag")
        case .df(let df): try c.encode(df, for: "df")
        case .vniFilter(let b): try c.encode(b, for: "vnifilter")
        case .unknown(let raw): try c.encode(raw, for: "unknown")
        }
    }
}
