import EswitchModel
import Netlink

/// A rule's match in flower terms: the filter protocol, the typed keys, and keys the codec has no
/// typed case for (ct_state), as raw attributes.
struct FlowerLowering: Hashable, Sendable {
    /// The filter protocol, also sent as TCA_FLOWER_KEY_ETH_TYPE (omitted for `all`).
    var `protocol`: EtherType
    var match: FlowerMatch
    /// Extra keys, appended after the typed ones.
    var rawKeys: [RawAttribute]
}

extension FlowMatch {
    /// The flower form of the match.
    ///
    /// The filter protocol is the EtherType, or 802.1Q when a VLAN id is matched (the EtherType then
    /// becomes vlan_ethtype), or `all`. MACs and IPs always carry their mask (as tc sends
    /// `dst_mac X`); ports and ICMP fields carry one only when it is not all ones, as tc does for
    /// ports. ct_state goes as raw TCA_FLOWER_KEY_CT_STATE/_MASK u16 attributes (pkt_cls.h), since
    /// the codec has no typed case for it.
    var flower: FlowerLowering {
        var m = FlowerMatch()
        var proto = etherType.map { EtherType($0) } ?? .all
        if let vlanID {
            m.vlanID = vlanID
            m.vlanEthType = etherType.map { EtherType($0) }
            proto = .vlan8021Q
        }
        if let f = ethDestination { m.dstMAC = Masked(f.value, mask: f.mask) }
        if let f = ethSource { m.srcMAC = Masked(f.value, mask: f.mask) }
        if let ipProtocol { m.ipProto = IPProtocolNumber(ipProtocol) }
        if let f = ipv4Source { m.srcIP = Masked(.v4(f.value), mask: .v4(f.mask)) }
        if let f = ipv6Source { m.srcIP = Masked(.v6(f.value), mask: .v6(f.mask)) }
        if let f = ipv4Destination { m.dstIP = Masked(.v4(f.value), mask: .v4(f.mask)) }
        if let f = ipv6Destination { m.dstIP = Masked(.v6(f.value), mask: .v6(f.mask)) }
        if let f = sourcePort { m.srcPort = Masked(f.value, mask: f.mask == .max ? nil : f.mask) }
        if let f = destinationPort { m.dstPort = Masked(f.value, mask: f.mask == .max ? nil : f.mask) }
        if let icmpType { m.icmpType = Masked(icmpType, mask: 0xFF) }
        if let icmpCode { m.icmpCode = Masked(icmpCode, mask: 0xFF) }
        if let tunnelID { m.encKeyID = tunnelID.rawValue }
        if let tunnelSource { m.encSrcIP = .exact(tunnelSource) }
        if let tunnelDestination { m.encDstIP = .exact(tunnelDestination) }
        if let tunnelDestinationPort { m.encDstPort = Masked(tunnelDestinationPort) }
        var raw: [RawAttribute] = []
        if let state = connectionState {
            let value = state.set.tcFlags
            let mask = value | state.clear.tcFlags
            raw.append(RawAttribute(type: TCA_FLOWER.keyCTState, payload: Self.u16(value)))
            raw.append(RawAttribute(type: TCA_FLOWER.keyCTStateMask, payload: Self.u16(mask)))
        }
        return FlowerLowering(protocol: proto, match: m, rawKeys: raw)
    }

    /// True when the match looks at tunnel metadata (the frame arrived encapsulated).
    var matchesTunnel: Bool {
        tunnelID != nil || tunnelSource != nil || tunnelDestination != nil || tunnelDestinationPort != nil
    }

    /// A host-order u16 payload (NLA_U16).
    private static func u16(_ v: UInt16) -> [UInt8] { [UInt8(truncatingIfNeeded: v), UInt8(truncatingIfNeeded: v >> 8)] }
}

extension ConnectionState {
    /// The TCA_FLOWER_KEY_CT_FLAGS_* bits of these states.
    var tcFlags: UInt16 {
        var out: UInt16 = 0
        if contains(.tracked) { out |= TCA_FLOWER_KEY_CT_FLAGS.tracked }
        if contains(.new) { out |= TCA_FLOWER_KEY_CT_FLAGS.new }
        if contains(.established) { out |= TCA_FLOWER_KEY_CT_FLAGS.established }
        return out
    }
}
