import EswitchModel
import Netlink

/// The `ct` action (act_ct), which the codec has no typed model for: its options built as raw bytes
/// with the TCA_CT_* attributes of linux/tc_act/tc_ct.h, and read back for checks.
///
/// Attribute order follows iproute2's m_ct.c for `ct [commit] [zone Z] [nat [src addr A]]`: the zone,
/// the NAT range (minimum and maximum, both sent even for a single address), then TCA_CT_ACTION
/// (always sent) and TCA_CT_PARMS (`struct tc_ct`, the verdict in its `tc_gen`).
public enum ConntrackAction {
    /// TCA_ACT_KIND of the action.
    public static let kind = TCActionKind.other("ct")

    /// The options of `ct [commit] zone Z [nat src addr A]` with verdict `pipe`. Zone 0 (the default
    /// zone) is left out, as tc does when no zone is given. The NAT flags are only set with a
    /// source address: a plain `ct` looks connections up without translating.
    public static func options(zone: UInt16, commit: Bool, sourceNAT: IPAddress?, verdict: TCVerdict = .pipe) -> TCActionOptions {
        var flags: UInt16 = commit ? TCA_CT_ACT.commit : 0
        if sourceNAT != nil { flags |= TCA_CT_ACT.nat | TCA_CT_ACT.natSrc }
        return encode(zone: zone, flags: flags, natAddress: sourceNAT, verdict: verdict)
    }

    /// The options of `ct zone Z nat` with verdict `pipe`: TCA_CT_ACT_NAT alone, without a range,
    /// makes act_ct apply the NAT the frame's connection already has (tcf_ct_act_nat: replies get
    /// the reverse translation), which is how return traffic of a source-NATed connection gets its
    /// original destination back.
    public static func restoringNAT(zone: UInt16, verdict: TCVerdict = .pipe) -> TCActionOptions {
        encode(zone: zone, flags: TCA_CT_ACT.nat, natAddress: nil, verdict: verdict)
    }

    private static func encode(zone: UInt16, flags: UInt16, natAddress: IPAddress?, verdict: TCVerdict) -> TCActionOptions {
        var w = NetlinkWriter(capacity: 128)
        if zone != 0 { w.attribute(TCA_CT.zone, u16: zone) }
        switch natAddress {
        case .v4(let a)?:
            w.attribute(TCA_CT.natIPv4Min, ipv4: a)
            w.attribute(TCA_CT.natIPv4Max, ipv4: a)
        case .v6(let a)?:
            w.attribute(TCA_CT.natIPv6Min, ipv6: a)
            w.attribute(TCA_CT.natIPv6Max, ipv6: a)
        case nil:
            break
        }
        w.attribute(TCA_CT.action, u16: flags)
        let s = w.beginAttribute(TCA_CT.parms)
        // struct tc_ct = tc_gen: index, capab, action (the verdict), refcnt, bindcnt.
        w.append(UInt32(0))
        w.append(UInt32(0))
        w.append(verdict.rawValue)
        w.append(UInt32(0))
        w.append(UInt32(0))
        w.endAttribute(s)
        return .raw(w.bytes)
    }

    /// The fields of raw `ct` options, for reading dumps and tests.
    public struct Fields: Hashable, Sendable {
        /// TCA_CT_ZONE, 0 when absent.
        public var zone: UInt16
        /// TCA_CT_ACTION bits, nil when absent.
        public var flags: UInt16?
        /// TCA_CT_NAT_IPV4/IPV6_MIN.
        public var natMinimum: IPAddress?
        /// TCA_CT_NAT_IPV4/IPV6_MAX.
        public var natMaximum: IPAddress?
        /// The verdict in TCA_CT_PARMS.
        public var verdict: TCVerdict?
        /// The attribute types in wire order.
        public var order: [UInt16]
    }

    /// Reads raw `ct` options.
    /// - Throws: ``NetlinkDecodingError`` when an attribute is cut short or has the wrong size.
    public static func fields(_ options: TCActionOptions) throws(NetlinkDecodingError) -> Fields? {
        guard case .raw(let bytes) = options else { return nil }
        var out = Fields(zone: 0, flags: nil, natMinimum: nil, natMaximum: nil, verdict: nil, order: [])
        var reader = AttributeReader(bytes[...])
        while let a = try reader.next() {
            out.order.append(a.type)
            switch a.type {
            case TCA_CT.zone: out.zone = try exact(a, 2).u16()
            case TCA_CT.action: out.flags = try exact(a, 2).u16()
            case TCA_CT.natIPv4Min: out.natMinimum = .v4(try exact(a, 4).ipv4())
            case TCA_CT.natIPv4Max: out.natMaximum = .v4(try exact(a, 4).ipv4())
            case TCA_CT.natIPv6Min: out.natMinimum = .v6(try exact(a, 16).ipv6())
            case TCA_CT.natIPv6Max: out.natMaximum = .v6(try exact(a, 16).ipv6())
            case TCA_CT.parms:
                let p = try exact(a, tcConntrackLength).payload
                let s = p.startIndex + 8
                var raw: UInt32 = 0
                for i in 0..<4 { raw |= UInt32(p[s + i]) << (8 * i) }
                out.verdict = TCVerdict(rawValue: Int32(bitPattern: raw))
            default: break
            }
        }
        return out
    }

    private static func exact(_ a: NetlinkAttribute, _ length: Int) throws(NetlinkDecodingError) -> NetlinkAttribute {
        guard a.payload.count == length else {
            throw NetlinkDecodingError(offset: a.headerOffset, "ct attribute \(a.type): \(a.payload.count) bytes, expected \(length)")
        }
        return a
    }
}
