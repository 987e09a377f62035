/// Options of a `csum` action: recompute checksums after a header rewrite (pedit).
public typealias CsumOptions = TCActionOptionList<CsumAttribute>

/// One TCA_CSUM_* attribute.
public enum CsumAttribute: TCActionOptionAttribute {
    /// TCA_CSUM_PARMS: `struct tc_csum`.
    case parameters(CsumParameters)
    /// TCA_CSUM_TM: install/use times (dumps).
    case time(TCActionTime)
    /// Anything else, verbatim.
    case unknown(RawAttribute)
}

/// `struct tc_csum`: the common action fields and which checksums to update.
public struct CsumParameters: Hashable, Sendable {
    /// The tc_gen fields (verdict, index...).
    public var common: TCActionCommon
    /// Which checksums to recompute.
    public var updateFlags: CsumUpdateFlags

    /// Parameters as iproute2 sends them for `csum <flags> [verdict]`.
    public init(_ updateFlags: CsumUpdateFlags, verdict: TCVerdict = .pass, index: UInt32 = 0) {
        self.init(common: TCActionCommon(verdict: verdict, index: index), updateFlags: updateFlags)
    }

    /// Parameters from every field.
    public init(common: TCActionCommon, updateFlags: CsumUpdateFlags) {
        self.common = common
        self.updateFlags = updateFlags
    }
}

/// `tc_csum.update_flags` (TCA_CSUM_UPDATE_FLAG_*). JSON: iproute2's words.
public struct CsumUpdateFlags: OptionSet, Hashable, Sendable, Codable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// The IPv4 header checksum (iproute2 "ip" / "iph").
    public static let ipv4Header = CsumUpdateFlags(rawValue: TCA_CSUM_UPDATE_FLAG.ipv4hdr)
    public static let icmp = CsumUpdateFlags(rawValue: TCA_CSUM_UPDATE_FLAG.icmp)
    public static let igmp = CsumUpdateFlags(rawValue: TCA_CSUM_UPDATE_FLAG.igmp)
    public static let tcp = CsumUpdateFlags(rawValue: TCA_CSUM_UPDATE_FLAG.tcp)
    public static let udp = CsumUpdateFlags(rawValue: TCA_CSUM_UPDATE_FLAG.udp)
    public static let udplite = CsumUpdateFlags(rawValue: TCA_CSUM_UPDATE_FLAG.udplite)
    public static let sctp = CsumUpdateFlags(rawValue: TCA_CSUM_UPDATE_FLAG.sctp)

    static let names: [(String, UInt64)] = [
        ("iph", UInt64(TCA_CSUM_UPDATE_FLAG.ipv4hdr)), ("icmp", UInt64(TCA_CSUM_UPDATE_FLAG.icmp)),
        ("igmp", UInt64(TCA_CSUM_UPDATE_FLAG.igmp)), ("tcp", UInt64(TCA_CSUM_UPDATE_FLAG.tcp)),
        ("udp", UInt64(TCA_CSUM_UPDATE_FLAG.udp)), ("udplite", UInt64(TCA_CSUM_UPDATE_FLAG.udplite)),
        ("sctp", UInt64(TCA_CSUM_UPDATE_FLAG.sctp)),
    ]

    public init(from decoder: Decoder) throws {
        rawValue = UInt32(try BitNames.decode(decoder, names: Self.names, width: 32))
    }
    public func encode(to encoder: Encoder) throws { try BitNames.encode(UInt64(rawValue), names: Self.names, to: encoder) }
}

extension CsumAttribute: BorrowedAttributeDecodable {
    public init(decoding a: NetlinkAttribute) throws(NetlinkDecodingError) {
        self = try a.withBorrowed { (b) throws(NetlinkDecodingError) in try CsumAttribute(decoding: b) }
    }

    init(decoding a: BorrowedAttribute) throws(NetlinkDecodingError) {
        guard a.rawType & ~NLA.typeMask == 0 else { self = .unknown(RawAttribute(a)); return }  // flags would be lost
        switch a.type {
        case TCA_CSUM.parms:
            guard try a.tcActionStruct(tcCsumLength, "tc_csum") else { self = .unknown(RawAttribute(a)); return }
            let p = a.payload, s = p.startIndex
            self = .parameters(CsumParameters(common: TCActionCommon(p, at: s), updateFlags: CsumUpdateFlags(rawValue: p.readLE(UInt32.self, at: s + 20))))
        case TCA_CSUM.tm:
            if let t = TCActionTime(a) { self = .time(t) } else { self = .unknown(RawAttribute(a)) }
        default: self = .unknown(RawAttribute(a))
        }
    }

    public func encode(into w: inout NetlinkWriter) {
        switch self {
        case .parameters(let p):
            let s = w.beginAttribute(TCA_CSUM.parms)
            p.common.encode(into: &w)
            w.append(p.updateFlags.rawValue)
            w.endAttribute(s)
        case .time(let t): t.encode(TCA_CSUM.tm, into: &w)
        case .unknown(let raw): raw.encode(into: &w)
        }
    }
}

extension CsumAttribute: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        let key = try c.singleKey()
        switch key.stringValue {
        case "parms": self = .parameters(try c.decode(CsumParameters.self, forKey: key))
        case "tm": self = .time(try c.decode(TCActionTime.self, forKey: key))
        case "unknown": self = .unknown(try c.decode(RawAttribute.self, forKey: key))
        default: throw c.unknownKey(key, in: "csum")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        switch self {
        case .parameters(let p): try c.encode(p, for: "parms")
        case .time(let t): try c.encode(t, for: "tm")
        case .unknown(let raw): try c.encode(raw, for: "unknown")
        }
    }
}

extension CsumParameters: Codable {
    // {"csum":["iph","tcp"],"verdict":"pipe"}
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        updateFlags = try c.decode(CsumUpdateFlags.self, forKey: JSONKey("csum"))
        common = try TCActionCommon(fields: c)
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        try c.encode(updateFlags, for: "csum")
        try common.encodeFields(to: &c)
    }
}

extension TCActionOptionList where Attribute == CsumAttribute {
    /// `csum <flags> [verdict]`; iproute2's default verdict is pass ("ok").
    public static func update(_ flags: CsumUpdateFlags, verdict: TCVerdict = .pass, index: UInt32 = 0) -> CsumOptions {
        CsumOptions([.parameters(CsumParameters(flags, verdict: verdict, index: index))])
    }

    /// TCA_CSUM_PARMS, if present.
    public var parameters: CsumParameters? {
        for case .parameters(let p) in attributes { return p }
        return nil
    }
}
