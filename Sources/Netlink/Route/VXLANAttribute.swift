import EswitchModel

/// One IFLA_VXLAN_* attribute inside IFLA_INFO_DATA of a "vxlan" link. Booleans are the kernel's
/// u8 0/1; `gbp`, `gpe`, `remoteChecksumNoPartial` and `ttlInheritFlag` are NLA_FLAGs (present =
/// set). Values of another size are kept in `unknown`.
public enum VXLANAttribute: Hashable, Sendable {
    /// IFLA_VXLAN_ID: the VNI.
    case id(VNI)
    /// IFLA_VXLAN_GROUP: IPv4 multicast group, or unicast remote VTEP.
    case group(IPv4Address)
    /// IFLA_VXLAN_LINK: the underlay device.
    case link(IfIndex)
    /// IFLA_VXLAN_LOCAL: IPv4 source address of the outer header.
    case local(IPv4Address)
    /// IFLA_VXLAN_TTL: outer TTL (0 = the route's default).
    case ttl(UInt8)
    /// IFLA_VXLAN_TOS: outer TOS (1 = inherit).
    case tos(UInt8)
    /// IFLA_VXLAN_LEARNING: learn remote MACs into the FDB.
    case learning(Bool)
    /// IFLA_VXLAN_AGEING: FDB entry lifetime in seconds.
    case ageing(UInt32)
    /// IFLA_VXLAN_LIMIT: maximum number of FDB entries (0 = no limit).
    case limit(UInt32)
    /// IFLA_VXLAN_PORT_RANGE: UDP source port range.
    case portRange(VXLANPortRange)
    /// IFLA_VXLAN_PROXY: ARP/ND proxy.
    case proxy(Bool)
    /// IFLA_VXLAN_RSC: route short circuit.
    case rsc(Bool)
    /// IFLA_VXLAN_L2MISS: netlink notifications for unknown destination MACs.
    case l2miss(Bool)
    /// IFLA_VXLAN_L3MISS: netlink notifications for unknown IP neighbours.
    case l3miss(Bool)
    /// IFLA_VXLAN_PORT: UDP destination port (network order on the wire; 4789 is IANA's).
    case port(UInt16)
    /// IFLA_VXLAN_GROUP6: IPv6 multicast group, or unicast remote VTEP.
    case group6(IPv6Address)
    /// IFLA_VXLAN_LOCAL6: IPv6 source address of the outer header.
    case local6(IPv6Address)
    /// IFLA_VXLAN_UDP_CSUM: compute the outer UDP checksum over IPv4.
    case udpChecksum(Bool)
    /// IFLA_VXLAN_UDP_ZERO_CSUM6_TX: send a zero UDP checksum over IPv6.
    case udpZeroChecksum6Tx(Bool)
    /// IFLA_VXLAN_UDP_ZERO_CSUM6_RX: accept a zero UDP checksum over IPv6.
    case udpZeroChecksum6Rx(Bool)
    /// IFLA_VXLAN_REMCSUM_TX: remote checksum offload on transmit.
    case remoteChecksumTx(Bool)
    /// IFLA_VXLAN_REMCSUM_RX: remote checksum offload on receive.
    case remoteChecksumRx(Bool)
    /// IFLA_VXLAN_GBP: group based policy extension (flag).
    case gbp
    /// IFLA_VXLAN_REMCSUM_NOPARTIAL: remote checksum without partial offload (flag).
    case remoteChecksumNoPartial
    /// IFLA_VXLAN_COLLECT_METADATA: `external` mode, the tunnel key comes from tc/OVS metadata.
    case collectMetadata(Bool)
    /// IFLA_VXLAN_LABEL: IPv6 flow label (network order on the wire).
    case label(UInt32)
    /// IFLA_VXLAN_GPE: generic protocol extension (flag).
    case gpe
    /// IFLA_VXLAN_TTL_INHERIT as the kernel reports it: a u8.
    case ttlInherit(Bool)
    /// IFLA_VXLAN_TTL_INHERIT as iproute2 sends it for `ttl inherit`: a flag.
    case ttlInheritFlag
    /// IFLA_VXLAN_DF: the outer DF bit.
    case df(VXLANDF)
    /// IFLA_VXLAN_VNIFILTER: per-VNI filtering in external mode.
    case vniFilter(Bool)
    /// Anything else, kept verbatim.
    case unknown(RawAttribute)
}

extension VXLANAttribute {
    init(decoding a: NetlinkAttribute) {
        if let value = Self.typed(a) {
            self = value
        } else {
            self = .unknown(RawAttribute(a))
        }
    }

    /// The typed attribute, or nil when the type is unknown or the payload has another shape.
    private static func typed(_ a: NetlinkAttribute) -> VXLANAttribute? {
        switch a.rawType {
        case IFLA_VXLAN.id: return LinkWire.u32(a).map { .id(VNI(rawValue: $0)) }
        case IFLA_VXLAN.group: return LinkWire.ipv4(a).map { .group($0) }
        case IFLA_VXLAN.link: return LinkWire.u32(a).map { .link(IfIndex($0)) }
        case IFLA_VXLAN.local: return LinkWire.ipv4(a).map { .local($0) }
        case IFLA_VXLAN.ttl: return LinkWire.u8(a).map { .ttl($0) }
        case IFLA_VXLAN.tos: return LinkWire.u8(a).map { .tos($0) }
        case IFLA_VXLAN.learning: return LinkWire.bool(a).map { .learning($0) }
        case IFLA_VXLAN.ageing: return LinkWire.u32(a).map { .ageing($0) }
        case IFLA_VXLAN.limit: return LinkWire.u32(a).map { .limit($0) }
        case IFLA_VXLAN.portRange:
            guard a.payload.count == IFLA_STRUCT_SIZE.vxlanPortRange else { return nil }
            let s = a.payload.startIndex
            return .portRange(VXLANPortRange(low: a.payload.readBE(UInt16.self, at: s), high: a.payload.readBE(UInt16.self, at: s + 2)))
        case IFLA_VXLAN.proxy: return LinkWire.bool(a).map { .proxy($0) }
        case IFLA_VXLAN.rsc: return LinkWire.bool(a).map { .rsc($0) }
        case IFLA_VXLAN.l2miss: return LinkWire.bool(a).map { .l2miss($0) }
        case IFLA_VXLAN.l3miss: return LinkWire.bool(a).map { .l3miss($0) }
        case IFLA_VXLAN.port: return LinkWire.bigEndian16(a).map { .port($0) }
        case IFLA_VXLAN.group6: return LinkWire.ipv6(a).map { .group6($0) }
        case IFLA_VXLAN.local6: return LinkWire.ipv6(a).map { .local6($0) }
        case IFLA_VXLAN.udpCsum: return LinkWire.bool(a).map { .udpChecksum($0) }
        case IFLA_VXLAN.udpZeroCsum6Tx: return LinkWire.bool(a).map { .udpZeroChecksum6Tx($0) }
        case IFLA_VXLAN.udpZeroCsum6Rx: return LinkWire.bool(a).map { .udpZeroChecksum6Rx($0) }
        case IFLA_VXLAN.remcsumTx: return LinkWire.bool(a).map { .remoteChecksumTx($0) }
        case IFLA_VXLAN.remcsumRx: return LinkWire.bool(a).map { .remoteChecksumRx($0) }
        case IFLA_VXLAN.gbp: return LinkWire.flag(a) ? .gbp : nil
        case IFLA_VXLAN.remcsumNopartial: return LinkWire.flag(a) ? .remoteChecksumNoPartial : nil
        case IFLA_VXLAN.collectMetadata: return LinkWire.bool(a).map { .collectMetadata($0) }
        case IFLA_VXLAN.label: return LinkWire.bigEndian32(a).map { .label($0) }
        case IFLA_VXLAN.gpe: return LinkWire.flag(a) ? .gpe : nil
        case IFLA_VXLAN.ttlInherit:
            if LinkWire.flag(a) { return .ttlInheritFlag }
            return LinkWire.bool(a).map { .ttlInherit($0) }
        case IFLA_VXLAN.df: return LinkWire.u8(a).map { .df(VXLANDF(rawValue: $0)) }
        case IFLA_VXLAN.vnifilter: return LinkWire.bool(a).map { .vniFilter($0) }
        default: return nil
        }
    }

    func encode(into w: inout NetlinkWriter) {
        switch self {
        case .id(let vni): w.attribute(IFLA_VXLAN.id, u32: vni.rawValue)
        case .group(let ip): w.attribute(IFLA_VXLAN.group, bigEndian32: ip.rawValue)
        case .link(let i): w.attribute(IFLA_VXLAN.link, u32: i.rawValue)
        case .local(let ip): w.attribute(IFLA_VXLAN.local, bigEndian32: ip.rawValue)
        case .ttl(let v): w.attribute(IFLA_VXLAN.ttl, u8: v)
        case .tos(let v): w.attribute(IFLA_VXLAN.tos, u8: v)
        case .learning(let b): w.attribute(IFLA_VXLAN.learning, u8: b ? 1 : 0)
        case .ageing(let v): w.attribute(IFLA_VXLAN.ageing, u32: v)
        case .limit(let v): w.attribute(IFLA_VXLAN.limit, u32: v)
        case .portRange(let r):
            let s = w.beginAttribute(IFLA_VXLAN.portRange)
            w.appendBigEndian(r.low); w.appendBigEndian(r.high)
            w.endAttribute(s)
        case .proxy(let b): w.attribute(IFLA_VXLAN.proxy, u8: b ? 1 : 0)
        case .rsc(let b): w.attribute(IFLA_VXLAN.rsc, u8: b ? 1 : 0)
        case .l2miss(let b): w.attribute(IFLA_VXLAN.l2miss, u8: b ? 1 : 0)
        case .l3miss(let b): w.attribute(IFLA_VXLAN.l3miss, u8: b ? 1 : 0)
        case .port(let p): w.attribute(IFLA_VXLAN.port, bigEndian16: p)
        case .group6(let ip): w.attribute(IFLA_VXLAN.group6, bytes: ip.bytes)
        case .local6(let ip): w.attribute(IFLA_VXLAN.local6, bytes: ip.bytes)
        case .udpChecksum(let b): w.attribute(IFLA_VXLAN.udpCsum, u8: b ? 1 : 0)
        case .udpZeroChecksum6Tx(let b): w.attribute(IFLA_VXLAN.udpZeroCsum6Tx, u8: b ? 1 : 0)
        case .udpZeroChecksum6Rx(let b): w.attribute(IFLA_VXLAN.udpZeroCsum6Rx, u8: b ? 1 : 0)
        case .remoteChecksumTx(let b): w.attribute(IFLA_VXLAN.remcsumTx, u8: b ? 1 : 0)
        case .remoteChecksumRx(let b): w.attribute(IFLA_VXLAN.remcsumRx, u8: b ? 1 : 0)
        case .gbp: w.attribute(IFLA_VXLAN.gbp)
        case .remoteChecksumNoPartial: w.attribute(IFLA_VXLAN.remcsumNopartial)
        case .collectMetadata(let b): w.attribute(IFLA_VXLAN.collectMetadata, u8: b ? 1 : 0)
        case .label(let v): w.attribute(IFLA_VXLAN.label, bigEndian32: v)
        case .gpe: w.attribute(IFLA_VXLAN.gpe)
        case .ttlInherit(let b): w.attribute(IFLA_VXLAN.ttlInherit, u8: b ? 1 : 0)
        case .ttlInheritFlag: w.attribute(IFLA_VXLAN.ttlInherit)
        case .df(let df): w.attribute(IFLA_VXLAN.df, u8: df.rawValue)
        case .vniFilter(let b): w.attribute(IFLA_VXLAN.vnifilter, u8: b ? 1 : 0)
        case .unknown(let raw): raw.encode(into: &w)
        }
    }
}
