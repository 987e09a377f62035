import EswitchModel

/// Options of a `tunnel_key` action: set the tunnel metadata that a tunnel device (vxlan...)
/// encapsulates with, or release it after decapsulation.
public typealias TunnelKeyOptions = TCActionOptionList<TunnelKeyAttribute>

/// One TCA_TUNNEL_KEY_* attribute.
public enum TunnelKeyAttribute: TCActionOptionAttribute {
    /// TCA_TUNNEL_KEY_PARMS: `struct tc_tunnel_key`.
    case parameters(TunnelKeyParameters)
    /// TCA_TUNNEL_KEY_ENC_IPV4_SRC: outer source address.
    case ipv4Source(IPv4Address)
    /// TCA_TUNNEL_KEY_ENC_IPV4_DST: outer destination address (the remote VTEP).
    case ipv4Destination(IPv4Address)
    /// TCA_TUNNEL_KEY_ENC_IPV6_SRC.
    case ipv6Source(IPv6Address)
    /// TCA_TUNNEL_KEY_ENC_IPV6_DST.
    case ipv6Destination(IPv6Address)
    /// TCA_TUNNEL_KEY_ENC_KEY_ID: the VNI / tunnel key (a be32 on the wire).
    case keyID(UInt32)
    /// TCA_TUNNEL_KEY_ENC_DST_PORT: outer UDP destination port (be16 on the wire).
    case destinationPort(UInt16)
    /// TCA_TUNNEL_KEY_NO_CSUM: 1 = no outer UDP checksum. iproute2 always sends it.
    case noChecksum(UInt8)
    /// TCA_TUNNEL_KEY_ENC_OPTS: geneve/vxlan/erspan options, kept as received.
    case encapsulationOptions(RawAttribute)
    /// TCA_TUNNEL_KEY_ENC_TOS: outer TOS.
    case tos(UInt8)
    /// TCA_TUNNEL_KEY_ENC_TTL: outer TTL.
    case ttl(UInt8)
    /// TCA_TUNNEL_KEY_TM: install/use times (dumps).
    case time(TCActionTime)
    /// Anything else, verbatim.
    case unknown(RawAttribute)
}

/// `struct tc_tunnel_key`: the common action fields and set/release.
public struct TunnelKeyParameters: Hashable, Sendable {
    /// The tc_gen fields (verdict, index...).
    public var common: TCActionCommon
    /// `t_action`: TCA_TUNNEL_KEY_ACT_SET or _RELEASE.
    public var action: TunnelKeyOperation

    /// Parameters as iproute2 sends them (verdict pipe by default).
    public init(_ action: TunnelKeyOperation, verdict: TCVerdict = .pipe, index: UInt32 = 0) {
        self.init(common: TCActionCommon(verdict: verdict, index: index), action: action)
    }

    /// Parameters from every field.
    public init(common: TCActionCommon, action: TunnelKeyOperation) {
        self.common = common
        self.action = action
    }
}

/// `tc_tunnel_key.t_action`: set (iproute2 "set") or release (iproute2 "unset"); other values kept.
public struct TunnelKeyOperation: RawRepresentable, Hashable, Sendable {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public static let set = TunnelKeyOperation(rawValue: TCA_TUNNEL_KEY_ACT.set)
    public static let unset = TunnelKeyOperation(rawValue: TCA_TUNNEL_KEY_ACT.release)
}

extension TunnelKeyOperation: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Int32.self) { rawValue = n; return }
        switch try c.decode(String.self) {
        case "set": self = .set
        case "unset", "release": self = .unset
        case let other: throw DecodingError.dataCorruptedError(in: c, debugDescription: "unknown tunnel_key action '\(other)'; known: set, unset, or a number")
        }
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .set: try c.encode("set")
        case .unset: try c.encode("unset")
        default: try c.encode(rawValue)
        }
    }
}

extension TunnelKeyAttribute: BorrowedAttributeDecodable {
    public init(decoding a: NetlinkAttribute) throws(NetlinkDecodingError) {
        self = try a.withBorrowed { (b) throws(NetlinkDecodingError) in try TunnelKeyAttribute(decoding: b) }
    }

    init(decoding a: BorrowedAttribute) throws(NetlinkDecodingError) {
        // Flags would be lost, except on TCA_TUNNEL_KEY_ENC_OPTS, which is kept whole.
        guard a.rawType & ~NLA.typeMask == 0 || a.type == TCA_TUNNEL_KEY.encOpts else { self = .unknown(RawAttribute(a)); return }
        let n = a.payload.count
        switch a.type {
        case TCA_TUNNEL_KEY.parms:
            guard try a.tcActionStruct(tcTunnelKeyLength, "tc_tunnel_key") else { self = .unknown(RawAttribute(a)); return }
            let p = a.payload, s = p.startIndex
            self = .parameters(TunnelKeyParameters(
                common: TCActionCommon(p, at: s), action: TunnelKeyOperation(rawValue: Int32(bitPattern: p.readLE(UInt32.self, at: s + 20)))))
        case TCA_TUNNEL_KEY.encIPv4Src where n == 4: self = .ipv4Source(try a.ipv4())
        case TCA_TUNNEL_KEY.encIPv4Dst where n == 4: self = .ipv4Destination(try a.ipv4())
        case TCA_TUNNEL_KEY.encIPv6Src where n == 16: self = .ipv6Source(try a.ipv6())
        case TCA_TUNNEL_KEY.encIPv6Dst where n == 16: self = .ipv6Destination(try a.ipv6())
        case TCA_TUNNEL_KEY.encKeyID where n == 4: self = .keyID(try a.bigEndian32())
        case TCA_TUNNEL_KEY.encDstPort where n == 2: self = .destinationPort(try a.bigEndian16())
        case TCA_TUNNEL_KEY.noCsum where n == 1: self = .noChecksum(try a.u8())
        case TCA_TUNNEL_KEY.encTOS where n == 1: self = .tos(try a.u8())
        case TCA_TUNNEL_KEY.encTTL where n == 1: self = .ttl(try a.u8())
        case TCA_TUNNEL_KEY.encOpts: self = .encapsulationOptions(RawAttribute(a))
        case TCA_TUNNEL_KEY.tm:
            if let t = TCActionTime(a) { self = .time(t) } else { self = .unknown(RawAttribute(a)) }
        default: self = .unknown(RawAttribute(a))
        }
    }

    @inline(__always) public func encode(into w: inout NetlinkWriter) {  // see TCActionOptionList.encode
        switch self {
        case .parameters(let p):
            let s = w.beginAttribute(TCA_TUNNEL_KEY.parms)
            p.common.encode(into: &w)
            w.append(p.action.rawValue)
            w.endAttribute(s)
        case .ipv4Source(let ip): w.attribute(TCA_TUNNEL_KEY.encIPv4Src, bigEndian32: ip.rawValue)
        case .ipv4Destination(let ip): w.attribute(TCA_TUNNEL_KEY.encIPv4Dst, bigEndian32: ip.rawValue)
        case .ipv6Source(let ip): w.attribute(TCA_TUNNEL_KEY.encIPv6Src, bytes: ip.bytes)
        case .ipv6Destination(let ip): w.attribute(TCA_TUNNEL_KEY.encIPv6Dst, bytes: ip.bytes)
        case .keyID(let id): w.attribute(TCA_TUNNEL_KEY.encKeyID, bigEndian32: id)
        case .destinationPort(let port): w.attribute(TCA_TUNNEL_KEY.encDstPort, bigEndian16: port)
        case .noChecksum(let v): w.attribute(TCA_TUNNEL_KEY.noCsum, u8: v)
        case .tos(let v): w.attribute(TCA_TUNNEL_KEY.encTOS, u8: v)
        case .ttl(let v): w.attribute(TCA_TUNNEL_KEY.encTTL, u8: v)
        case .encapsulationOptions(let raw): raw.encode(into: &w)
        case .time(let t): t.encode(TCA_TUNNEL_KEY.tm, into: &w)
        case .unknown(let raw): raw.encode(into: &w)
        }
    }
}

extension TunnelKeyAttribute: Codable {
    // Keys follow iproute2's tunnel_key words: src_ip/dst_ip (v4 or v6 by the address),
    // key_id, dst_port, no_csum, tos, ttl, enc_opts.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        let key = try c.singleKey()
        switch key.stringValue {
        case "parms": self = .parameters(try c.decode(TunnelKeyParameters.self, forKey: key))
        case "src_ip":
            switch try c.decode(IPAddress.self, forKey: key) {
            case .v4(let ip): self = .ipv4Source(ip)
            case .v6(let ip): self = .ipv6Source(ip)
            }
        case "dst_ip":
            switch try c.decode(IPAddress.self, forKey: key) {
            case .v4(let ip): self = .ipv4Destination(ip)
            case .v6(let ip): self = .ipv6Destination(ip)
            }
        case "key_id": self = .keyID(try c.decode(UInt32.self, forKey: key))
        case "dst_port": self = .destinationPort(try c.decode(UInt16.self, forKey: key))
        case "no_csum": self = .noChecksum(try c.decode(UInt8.self, forKey: key))
        case "tos": self = .tos(try c.decode(UInt8.self, forKey: key))
        case "ttl": self = .ttl(try c.decode(UInt8.self, forKey: key))
        case "enc_opts": self = .encapsulationOptions(try c.decode(RawAttribute.self, forKey: key))
        case "tm": self = .time(try c.decode(TCActionTime.self, forKey: key))
        case "unknown": self = .unknown(try c.decode(RawAttribute.self, forKey: key))
        default: throw c.unknownKey(key, in: "tunnel_key")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        switch self {
        case .parameters(let p): try c.encode(p, for: "parms")
        case .ipv4Source(let ip): try c.encode(ip, for: "src_ip")
        case .ipv4Destination(let ip): try c.encode(ip, for: "dst_ip")
        case .ipv6Source(let ip): try c.encode(ip, for: "src_ip")
        case .ipv6Destination(let ip): try c.encode(ip, for: "dst_ip")
        case .keyID(let id): try c.encode(id, for: "key_id")
        case .destinationPort(let port): try c.encode(port, for: "dst_port")
        case .noChecksum(let v): try c.encode(v, for: "no_csum")
        case .tos(let v): try c.encode(v, for: "tos")
        case .ttl(let v): try c.encode(v, for: "ttl")
        case .encapsulationOptions(let raw): try c.encode(raw, for: "enc_opts")
        case .time(let t): try c.encode(t, for: "tm")
        case .unknown(let raw): try c.encode(raw, for: "unknown")
        }
    }
}

extension TunnelKeyParameters: Codable {
    // {"tunnel_key_action":"set","verdict":"pipe"}
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        action = try c.decode(TunnelKeyOperation.self, forKey: JSONKey("tunnel_key_action"))
        common = try TCActionCommon(fields: c)
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        try c.encode(action, for: "tunnel_key_action")
        try common.encodeFields(to: &c)
    }
}

extension TCActionOptionList where Attribute == TunnelKeyAttribute {
    /// `tunnel_key set id <keyID> src_ip <source> dst_ip <destination> [dst_port] [tos] [ttl]
    /// [nocsum]`, attributes in the order iproute2 sends them for that command line.
    public static func set(
        keyID: UInt32?, source: IPAddress, destination: IPAddress, destinationPort: UInt16? = nil,
        tos: UInt8? = nil, ttl: UInt8? = nil, checksum: Bool = true, verdict: TCVerdict = .pipe, index: UInt32 = 0
    ) -> TunnelKeyOptions {
        var list: [TunnelKeyAttribute] = []
        list.reserveCapacity(9)
        if let keyID { list.append(.keyID(keyID)) }
        switch source {
        case .v4(let ip): list.append(.ipv4Source(ip))
        case .v6(let ip): list.append(.ipv6Source(ip))
        }
        switch destination {
        case .v4(let ip): list.append(.ipv4Destination(ip))
        case .v6(let ip): list.append(.ipv6Destination(ip))
        }
        if let destinationPort { list.append(.destinationPort(destinationPort)) }
        if let tos { list.append(.tos(tos)) }
        if let ttl { list.append(.ttl(ttl)) }
        list.append(.noChecksum(checksum ? 0 : 1))
        list.append(.parameters(TunnelKeyParameters(.set, verdict: verdict, index: index)))
        return TunnelKeyOptions(list)
    }

    /// `tunnel_key unset`: drop the tunnel metadata (after decapsulation).
    public static func unset(verdict: TCVerdict = .pipe, index: UInt32 = 0) -> TunnelKeyOptions {
        TunnelKeyOptions([.noChecksum(0), .parameters(TunnelKeyParameters(.unset, verdict: verdict, index: index))])
    }

    /// TCA_TUNNEL_KEY_PARMS, if present.
    public var parameters: TunnelKeyParameters? {
        for case .parameters(let p) in attributes { return p }
        return nil
    }
    /// The key id (VNI), if present.
    public var keyID: UInt32? {
        for case .keyID(let id) in attributes { return id }
        return nil
    }
    /// The outer source address, v4 or v6.
    public var source: IPAddress? {
        for a in attributes {
            if case .ipv4Source(let ip) = a { return .v4(ip) }
            if case .ipv6Source(let ip) = a { return .v6(ip) }
        }
        return nil
    }
    /// The outer destination address, v4 or v6.
    public var destination: IPAddress? {
        for a in attributes {
            if case .ipv4Destination(let ip) = a { return .v4(ip) }
            if case .ipv6Destination(let ip) = a { return .v6(ip) }
        }
        return nil
    }
    /// The outer UDP destination port, if present.
    public var destinationPort: UInt16? {
        for case .destinationPort(let p) in attributes { return p }
        return nil
    }
}
