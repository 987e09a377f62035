import EswitchModel

/// One TCA_FLOWER_* attribute inside a flower filter's TCA_OPTIONS: a match key, a mask, the action
/// list, the classifier flags or a kernel-reported count. Values are host-order Swift values; the
/// codec applies each key's byte order (most are network order, VLAN ids are host order).
///
/// A known type with an unexpected length or flag bits decodes as ``unknown(_:)`` so that it
/// re-encodes unchanged. Build lists in iproute2's order with ``FlowerMatch``.
public enum FlowerAttribute: Hashable, Sendable {
    /// TCA_FLOWER_CLASSID: the class the filter selects (`classid 1:2`).
    case classID(TCHandle)
    /// TCA_FLOWER_INDEV: the input device name, NUL-terminated.
    case inputDevice(String)
    /// TCA_FLOWER_ACT: the action list, in order (each nest's type is its position, from 1).
    case actions([TCAction])
    /// TCA_FLOWER_KEY_ETH_DST.
    case dstMAC(MACAddress)
    /// TCA_FLOWER_KEY_ETH_DST_MASK.
    case dstMACMask(MACAddress)
    /// TCA_FLOWER_KEY_ETH_SRC.
    case srcMAC(MACAddress)
    /// TCA_FLOWER_KEY_ETH_SRC_MASK.
    case srcMACMask(MACAddress)
    /// TCA_FLOWER_KEY_ETH_TYPE (be16): iproute2 sends the filter protocol here, last, unless it is `all`.
    case ethType(EtherType)
    /// TCA_FLOWER_KEY_IP_PROTO (u8).
    case ipProto(IPProtocolNumber)
    /// TCA_FLOWER_KEY_IPV4_SRC.
    case srcIPv4(IPv4Address)
    /// TCA_FLOWER_KEY_IPV4_SRC_MASK.
    case srcIPv4Mask(IPv4Address)
    /// TCA_FLOWER_KEY_IPV4_DST.
    case dstIPv4(IPv4Address)
    /// TCA_FLOWER_KEY_IPV4_DST_MASK.
    case dstIPv4Mask(IPv4Address)
    /// TCA_FLOWER_KEY_IPV6_SRC.
    case srcIPv6(IPv6Address)
    /// TCA_FLOWER_KEY_IPV6_SRC_MASK.
    case srcIPv6Mask(IPv6Address)
    /// TCA_FLOWER_KEY_IPV6_DST.
    case dstIPv6(IPv6Address)
    /// TCA_FLOWER_KEY_IPV6_DST_MASK.
    case dstIPv6Mask(IPv6Address)
    /// TCA_FLOWER_KEY_TCP_SRC (be16).
    case tcpSrcPort(UInt16)
    /// TCA_FLOWER_KEY_TCP_SRC_MASK (be16).
    case tcpSrcPortMask(UInt16)
    /// TCA_FLOWER_KEY_TCP_DST (be16).
    case tcpDstPort(UInt16)
    /// TCA_FLOWER_KEY_TCP_DST_MASK (be16).
    case tcpDstPortMask(UInt16)
    /// TCA_FLOWER_KEY_UDP_SRC (be16).
    case udpSrcPort(UInt16)
    /// TCA_FLOWER_KEY_UDP_SRC_MASK (be16).
    case udpSrcPortMask(UInt16)
    /// TCA_FLOWER_KEY_UDP_DST (be16).
    case udpDstPort(UInt16)
    /// TCA_FLOWER_KEY_UDP_DST_MASK (be16).
    case udpDstPortMask(UInt16)
    /// TCA_FLOWER_KEY_SCTP_SRC (be16).
    case sctpSrcPort(UInt16)
    /// TCA_FLOWER_KEY_SCTP_SRC_MASK (be16).
    case sctpSrcPortMask(UInt16)
    /// TCA_FLOWER_KEY_SCTP_DST (be16).
    case sctpDstPort(UInt16)
    /// TCA_FLOWER_KEY_SCTP_DST_MASK (be16).
    case sctpDstPortMask(UInt16)
    /// TCA_FLOWER_FLAGS: skip_sw/skip_hw asked for, in_hw/not_in_hw reported (iproute2 always sends it).
    case flags(FilterFlags)
    /// TCA_FLOWER_KEY_VLAN_ID (host-order u16, 12 bits used).
    case vlanID(UInt16)
    /// TCA_FLOWER_KEY_VLAN_PRIO (u8, 3 bits used).
    case vlanPriority(UInt8)
    /// TCA_FLOWER_KEY_VLAN_ETH_TYPE (be16): the protocol inside the VLAN tag.
    case vlanEthType(EtherType)
    /// TCA_FLOWER_KEY_CVLAN_ID (host-order u16): the inner (customer) VLAN.
    case cvlanID(UInt16)
    /// TCA_FLOWER_KEY_CVLAN_PRIO (u8).
    case cvlanPriority(UInt8)
    /// TCA_FLOWER_KEY_CVLAN_ETH_TYPE (be16).
    case cvlanEthType(EtherType)
    /// TCA_FLOWER_KEY_ENC_KEY_ID (be32): the tunnel id, the VNI for VXLAN.
    case encKeyID(UInt32)
    /// TCA_FLOWER_KEY_ENC_IPV4_SRC: outer source.
    case encSrcIPv4(IPv4Address)
    /// TCA_FLOWER_KEY_ENC_IPV4_SRC_MASK.
    case encSrcIPv4Mask(IPv4Address)
    /// TCA_FLOWER_KEY_ENC_IPV4_DST: outer destination.
    case encDstIPv4(IPv4Address)
    /// TCA_FLOWER_KEY_ENC_IPV4_DST_MASK.
    case encDstIPv4Mask(IPv4Address)
    /// TCA_FLOWER_KEY_ENC_IPV6_SRC.
    case encSrcIPv6(IPv6Address)
    /// TCA_FLOWER_KEY_ENC_IPV6_SRC_MASK.
    case encSrcIPv6Mask(IPv6Address)
    /// TCA_FLOWER_KEY_ENC_IPV6_DST.
    case encDstIPv6(IPv6Address)
    /// TCA_FLOWER_KEY_ENC_IPV6_DST_MASK.
    case encDstIPv6Mask(IPv6Address)
    /// TCA_FLOWER_KEY_ENC_UDP_SRC_PORT (be16).
    case encSrcPort(UInt16)
    /// TCA_FLOWER_KEY_ENC_UDP_SRC_PORT_MASK (be16).
    case encSrcPortMask(UInt16)
    /// TCA_FLOWER_KEY_ENC_UDP_DST_PORT (be16): 4789 for VXLAN.
    case encDstPort(UInt16)
    /// TCA_FLOWER_KEY_ENC_UDP_DST_PORT_MASK (be16).
    case encDstPortMask(UInt16)
    /// TCA_FLOWER_KEY_ICMPV4_TYPE (u8).
    case icmpv4Type(UInt8)
    /// TCA_FLOWER_KEY_ICMPV4_TYPE_MASK (u8).
    case icmpv4TypeMask(UInt8)
    /// TCA_FLOWER_KEY_ICMPV4_CODE (u8).
    case icmpv4Code(UInt8)
    /// TCA_FLOWER_KEY_ICMPV4_CODE_MASK (u8).
    case icmpv4CodeMask(UInt8)
    /// TCA_FLOWER_KEY_ICMPV6_TYPE (u8).
    case icmpv6Type(UInt8)
    /// TCA_FLOWER_KEY_ICMPV6_TYPE_MASK (u8).
    case icmpv6TypeMask(UInt8)
    /// TCA_FLOWER_KEY_ICMPV6_CODE (u8).
    case icmpv6Code(UInt8)
    /// TCA_FLOWER_KEY_ICMPV6_CODE_MASK (u8).
    case icmpv6CodeMask(UInt8)
    /// TCA_FLOWER_KEY_ARP_OP (u8): 1 request, 2 reply.
    case arpOp(UInt8)
    /// TCA_FLOWER_KEY_ARP_OP_MASK (u8).
    case arpOpMask(UInt8)
    /// TCA_FLOWER_KEY_ARP_SIP: sender IP.
    case arpSIP(IPv4Address)
    /// TCA_FLOWER_KEY_ARP_SIP_MASK.
    case arpSIPMask(IPv4Address)
    /// TCA_FLOWER_KEY_ARP_TIP: target IP.
    case arpTIP(IPv4Address)
    /// TCA_FLOWER_KEY_ARP_TIP_MASK.
    case arpTIPMask(IPv4Address)
    /// TCA_FLOWER_KEY_ARP_SHA: sender hardware address.
    case arpSHA(MACAddress)
    /// TCA_FLOWER_KEY_ARP_SHA_MASK.
    case arpSHAMask(MACAddress)
    /// TCA_FLOWER_KEY_ARP_THA: target hardware address.
    case arpTHA(MACAddress)
    /// TCA_FLOWER_KEY_ARP_THA_MASK.
    case arpTHAMask(MACAddress)
    /// TCA_FLOWER_KEY_IP_TOS (u8).
    case ipTOS(UInt8)
    /// TCA_FLOWER_KEY_IP_TOS_MASK (u8).
    case ipTOSMask(UInt8)
    /// TCA_FLOWER_KEY_IP_TTL (u8).
    case ipTTL(UInt8)
    /// TCA_FLOWER_KEY_IP_TTL_MASK (u8).
    case ipTTLMask(UInt8)
    /// TCA_FLOWER_KEY_ENC_IP_TOS (u8): outer TOS.
    case encTOS(UInt8)
    /// TCA_FLOWER_KEY_ENC_IP_TOS_MASK (u8).
    case encTOSMask(UInt8)
    /// TCA_FLOWER_KEY_ENC_IP_TTL (u8): outer TTL.
    case encTTL(UInt8)
    /// TCA_FLOWER_KEY_ENC_IP_TTL_MASK (u8).
    case encTTLMask(UInt8)
    /// TCA_FLOWER_IN_HW_COUNT (answers): on how many devices the filter is offloaded.
    case inHardwareCount(UInt32)
    /// Anything else (ct_state, mpls, enc_opts, key flags...), kept verbatim.
    case unknown(RawAttribute)
}

extension FlowerAttribute {
    /// Decodes one flower attribute.
    public init(decoding a: NetlinkAttribute) throws(NetlinkDecodingError) {
        self = try a.withBorrowed { (b) throws(NetlinkDecodingError) in try FlowerAttribute(decoding: b) }
    }

    init(decoding a: BorrowedAttribute, memo: UnsafeMutablePointer<TCActionListMemo>? = nil) throws(NetlinkDecodingError) {
        let p = a.payload, s = p.startIndex
        switch (a.rawType, p.count) {
        case (TCA_FLOWER.classid, 4): self = .classID(TCHandle(rawValue: p.readLE(UInt32.self, at: s)))
        case (TCA_FLOWER.indev, _):
            if let text = a.terminatedString() { self = .inputDevice(text) } else { self = .unknown(RawAttribute(a)) }
        case (TCA_FLOWER.act, _):
            if let memo {
                self = .actions(try memo.pointee.actions(for: a.payload) { () throws(NetlinkDecodingError) in try Self.decodeActions(a) })
            } else {
                self = .actions(try Self.decodeActions(a))
            }
        case (TCA_FLOWER.keyEthDst, 6): self = .dstMAC(p.readMAC(at: s))
        case (TCA_FLOWER.keyEthDstMask, 6): self = .dstMACMask(p.readMAC(at: s))
        case (TCA_FLOWER.keyEthSrc, 6): self = .srcMAC(p.readMAC(at: s))
        case (TCA_FLOWER.keyEthSrcMask, 6): self = .srcMACMask(p.readMAC(at: s))
        case (TCA_FLOWER.keyEthType, 2): self = .ethType(EtherType(p.readBE(UInt16.self, at: s)))
        case (TCA_FLOWER.keyIPProto, 1): self = .ipProto(IPProtocolNumber(p[s]))
        case (TCA_FLOWER.keyIPv4Src, 4): self = .srcIPv4(IPv4Address(rawValue: p.readBE(UInt32.self, at: s)))
        case (TCA_FLOWER.keyIPv4SrcMask, 4): self = .srcIPv4Mask(IPv4Address(rawValue: p.readBE(UInt32.self, at: s)))
        case (TCA_FLOWER.keyIPv4Dst, 4): self = .dstIPv4(IPv4Address(rawValue: p.readBE(UInt32.self, at: s)))
        case (TCA_FLOWER.keyIPv4DstMask, 4): self = .dstIPv4Mask(IPv4Address(rawValue: p.readBE(UInt32.self, at: s)))
        case (TCA_FLOWER.keyIPv6Src, 16): self = .srcIPv6(IPv6Address(high: p.readBE(UInt64.self, at: s), low: p.readBE(UInt64.self, at: s + 8)))
        case (TCA_FLOWER.keyIPv6SrcMask, 16): self = .srcIPv6Mask(IPv6Address(high: p.readBE(UInt64.self, at: s), low: p.readBE(UInt64.self, at: s + 8)))
        case (TCA_FLOWER.keyIPv6Dst, 16): self = .dstIPv6(IPv6Address(high: p.readBE(UInt64.self, at: s), low: p.readBE(UInt64.self, at: s + 8)))
        case (TCA_FLOWER.keyIPv6DstMask, 16): self = .dstIPv6Mask(IPv6Address(high: p.readBE(UInt64.self, at: s), low: p.readBE(UInt64.self, at: s + 8)))
        case (TCA_FLOWER.keyTCPSrc, 2): self = .tcpSrcPort(p.readBE(UInt16.self, at: s))
        case (TCA_FLOWER.keyTCPSrcMask, 2): self = .tcpSrcPortMask(p.readBE(UInt16.self, at: s))
        case (TCA_FLOWER.keyTCPDst, 2): self = .tcpDstPort(p.readBE(UInt16.self, at: s))
        case (TCA_FLOWER.keyTCPDstMask, 2): self = .tcpDstPortMask(p.readBE(UInt16.self, at: s))
        case (TCA_FLOWER.keyUDPSrc, 2): self = .udpSrcPort(p.readBE(UInt16.self, at: s))
        case (TCA_FLOWER.keyUDPSrcMask, 2): self = .udpSrcPortMask(p.readBE(UInt16.self, at: s))
        case (TCA_FLOWER.keyUDPDst, 2): self = .udpDstPort(p.readBE(UInt16.self, at: s))
        case (TCA_FLOWER.keyUDPDstMask, 2): self = .udpDstPortMask(p.readBE(UInt16.self, at: s))
        case (TCA_FLOWER.keySCTPSrc, 2): self = .sctpSrcPort(p.readBE(UInt16.self, at: s))
        case (TCA_FLOWER.keySCTPSrcMask, 2): self = .sctpSrcPortMask(p.readBE(UInt16.self, at: s))
        case (TCA_FLOWER.keySCTPDst, 2): self = .sctpDstPort(p.readBE(UInt16.self, at: s))
        case (TCA_FLOWER.keySCTPDstMask, 2): self = .sctpDstPortMask(p.readBE(UInt16.self, at: s))
        case (TCA_FLOWER.flags, 4): self = .flags(FilterFlags(rawValue: p.readLE(UInt32.self, at: s)))
        case (TCA_FLOWER.keyVLANID, 2): self = .vlanID(p.readLE(UInt16.self, at: s))
        case (TCA_FLOWER.keyVLANPrio, 1): self = .vlanPriority(p[s])
        case (TCA_FLOWER.keyVLANEthType, 2): self = .vlanEthType(EtherType(p.readBE(UInt16.self, at: s)))
        case (TCA_FLOWER.keyCVLANID, 2): self = .cvlanID(p.readLE(UInt16.self, at: s))
        case (TCA_FLOWER.keyCVLANPrio, 1): self = .cvlanPriority(p[s])
        case (TCA_FLOWER.keyCVLANEthType, 2): self = .cvlanEthType(EtherType(p.readBE(UInt16.self, at: s)))
        case (TCA_FLOWER.keyEncKeyID, 4): self = .encKeyID(p.readBE(UInt32.self, at: s))
        case (TCA_FLOWER.keyEncIPv4Src, 4): self = .encSrcIPv4(IPv4Address(rawValue: p.readBE(UInt32.self, at: s)))
        case (TCA_FLOWER.keyEncIPv4SrcMask, 4): self = .encSrcIPv4Mask(IPv4Address(rawValue: p.readBE(UInt32.self, at: s)))
        case (TCA_FLOWER.keyEncIPv4Dst, 4): self = .encDstIPv4(IPv4Address(rawValue: p.readBE(UInt32.self, at: s)))
        case (TCA_FLOWER.keyEncIPv4DstMask, 4): self = .encDstIPv4Mask(IPv4Address(rawValue: p.readBE(UInt32.self, at: s)))
        case (TCA_FLOWER.keyEncIPv6Src, 16): self = .encSrcIPv6(IPv6Address(high: p.readBE(UInt64.self, at: s), low: p.readBE(UInt64.self, at: s + 8)))
        case (TCA_FLOWER.keyEncIPv6SrcMask, 16): self = .encSrcIPv6Mask(IPv6Address(high: p.readBE(UInt64.self, at: s), low: p.readBE(UInt64.self, at: s + 8)))
        case (TCA_FLOWER.keyEncIPv6Dst, 16): self = .encDstIPv6(IPv6Address(high: p.readBE(UInt64.self, at: s), low: p.readBE(UInt64.self, at: s + 8)))
        case (TCA_FLOWER.keyEncIPv6DstMask, 16): self = .encDstIPv6Mask(IPv6Address(high: p.readBE(UInt64.self, at: s), low: p.readBE(UInt64.self, at: s + 8)))
        case (TCA_FLOWER.keyEncUDPSrcPort, 2): self = .encSrcPort(p.readBE(UInt16.self, at: s))
        case (TCA_FLOWER.keyEncUDPSrcPortMask, 2): self = .encSrcPortMask(p.readBE(UInt16.self, at: s))
        case (TCA_FLOWER.keyEncUDPDstPort, 2): self = .encDstPort(p.readBE(UInt16.self, at: s))
        case (TCA_FLOWER.keyEncUDPDstPortMask, 2): self = .encDstPortMask(p.readBE(UInt16.self, at: s))
        case (TCA_FLOWER.keyICMPv4Type, 1): self = .icmpv4Type(p[s])
        case (TCA_FLOWER.keyICMPv4TypeMask, 1): self = .icmpv4TypeMask(p[s])
        case (TCA_FLOWER.keyICMPv4Code, 1): self = .icmpv4Code(p[s])
        case (TCA_FLOWER.keyICMPv4CodeMask, 1): self = .icmpv4CodeMask(p[s])
        case (TCA_FLOWER.keyICMPv6Type, 1): self = .icmpv6Type(p[s])
        case (TCA_FLOWER.keyICMPv6TypeMask, 1): self = .icmpv6TypeMask(p[s])
        case (TCA_FLOWER.keyICMPv6Code, 1): self = .icmpv6Code(p[s])
        case (TCA_FLOWER.keyICMPv6CodeMask, 1): self = .icmpv6CodeMask(p[s])
        case (TCA_FLOWER.keyARPOp, 1): self = .arpOp(p[s])
        case (TCA_FLOWER.keyARPOpMask, 1): self = .arpOpMask(p[s])
        case (TCA_FLOWER.keyARPSIP, 4): self = .arpSIP(IPv4Address(rawValue: p.readBE(UInt32.self, at: s)))
        case (TCA_FLOWER.keyARPSIPMask, 4): self = .arpSIPMask(IPv4Address(rawValue: p.readBE(UInt32.self, at: s)))
        case (TCA_FLOWER.keyARPTIP, 4): self = .arpTIP(IPv4Address(rawValue: p.readBE(UInt32.self, at: s)))
        case (TCA_FLOWER.keyARPTIPMask, 4): self = .arpTIPMask(IPv4Address(rawValue: p.readBE(UInt32.self, at: s)))
        case (TCA_FLOWER.keyARPSHA, 6): self = .arpSHA(p.readMAC(at: s))
        case (TCA_FLOWER.keyARPSHAMask, 6): self = .arpSHAMask(p.readMAC(at: s))
        case (TCA_FLOWER.keyARPTHA, 6): self = .arpTHA(p.readMAC(at: s))
        case (TCA_FLOWER.keyARPTHAMask, 6): self = .arpTHAMask(p.readMAC(at: s))
        case (TCA_FLOWER.keyIPTOS, 1): self = .ipTOS(p[s])
        case (TCA_FLOWER.keyIPTOSMask, 1): self = .ipTOSMask(p[s])
        case (TCA_FLOWER.keyIPTTL, 1): self = .ipTTL(p[s])
        case (TCA_FLOWER.keyIPTTLMask, 1): self = .ipTTLMask(p[s])
        case (TCA_FLOWER.keyEncIPTOS, 1): self = .encTOS(p[s])
        case (TCA_FLOWER.keyEncIPTOSMask, 1): self = .encTOSMask(p[s])
        case (TCA_FLOWER.keyEncIPTTL, 1): self = .encTTL(p[s])
        case (TCA_FLOWER.keyEncIPTTLMask, 1): self = .encTTLMask(p[s])
        case (TCA_FLOWER.inHWCount, 4): self = .inHardwareCount(p.readLE(UInt32.self, at: s))
        default: self = .unknown(RawAttribute(a))
        }
    }

    /// Decodes the children of TCA_FLOWER_ACT, one ``TCAction`` per nest.
    static func decodeActions(_ a: BorrowedAttribute) throws(NetlinkDecodingError) -> [TCAction] {
        try a.payload.decodeAttributes { (child) throws(NetlinkDecodingError) in try TCAction(decoding: child) }
    }

    // Inlined into the list loops that call it: called out of line, `for a in attributes` copies
    // every attribute first (a switch, a retain and a release each), a fifth of the encode time.
    // The same holds for the other attribute enums of the tc encoders.
    /// Appends the attribute.
    @inline(__always) public func encode(into w: inout NetlinkWriter) {
        switch self {
        case .classID(let v): w.attribute(TCA_FLOWER.classid, u32: v.rawValue)
        case .inputDevice(let v): w.attribute(TCA_FLOWER.indev, string: v)
        case .actions(let v):
            let start = w.beginNested(TCA_FLOWER.act)
            for action in v { action.encode(into: &w) }
            w.endNested(start)
        case .dstMAC(let v): w.attribute(TCA_FLOWER.keyEthDst, mac: v)
        case .dstMACMask(let v): w.attribute(TCA_FLOWER.keyEthDstMask, mac: v)
        case .srcMAC(let v): w.attribute(TCA_FLOWER.keyEthSrc, mac: v)
        case .srcMACMask(let v): w.attribute(TCA_FLOWER.keyEthSrcMask, mac: v)
        case .ethType(let v): w.attribute(TCA_FLOWER.keyEthType, bigEndian16: v.rawValue)
        case .ipProto(let v): w.attribute(TCA_FLOWER.keyIPProto, u8: v.rawValue)
        case .srcIPv4(let v): w.attribute(TCA_FLOWER.keyIPv4Src, bigEndian32: v.rawValue)
        case .srcIPv4Mask(let v): w.attribute(TCA_FLOWER.keyIPv4SrcMask, bigEndian32: v.rawValue)
        case .dstIPv4(let v): w.attribute(TCA_FLOWER.keyIPv4Dst, bigEndian32: v.rawValue)
        case .dstIPv4Mask(let v): w.attribute(TCA_FLOWER.keyIPv4DstMask, bigEndian32: v.rawValue)
        case .srcIPv6(let v): w.attribute(TCA_FLOWER.keyIPv6Src, ipv6: v)
        case .srcIPv6Mask(let v): w.attribute(TCA_FLOWER.keyIPv6SrcMask, ipv6: v)
        case .dstIPv6(let v): w.attribute(TCA_FLOWER.keyIPv6Dst, ipv6: v)
        case .dstIPv6Mask(let v): w.attribute(TCA_FLOWER.keyIPv6DstMask, ipv6: v)
        case .tcpSrcPort(let v): w.attribute(TCA_FLOWER.keyTCPSrc, bigEndian16: v)
        case .tcpSrcPortMask(let v): w.attribute(TCA_FLOWER.keyTCPSrcMask, bigEndian16: v)
        case .tcpDstPort(let v): w.attribute(TCA_FLOWER.keyTCPDst, bigEndian16: v)
        case .tcpDstPortMask(let v): w.attribute(TCA_FLOWER.keyTCPDstMask, bigEndian16: v)
        case .udpSrcPort(let v): w.attribute(TCA_FLOWER.keyUDPSrc, bigEndian16: v)
        case .udpSrcPortMask(let v): w.attribute(TCA_FLOWER.keyUDPSrcMask, bigEndian16: v)
        case .udpDstPort(let v): w.attribute(TCA_FLOWER.keyUDPDst, bigEndian16: v)
        case .udpDstPortMask(let v): w.attribute(TCA_FLOWER.keyUDPDstMask, bigEndian16: v)
        case .sctpSrcPort(let v): w.attribute(TCA_FLOWER.keySCTPSrc, bigEndian16: v)
        case .sctpSrcPortMask(let v): w.attribute(TCA_FLOWER.keySCTPSrcMask, bigEndian16: v)
        case .sctpDstPort(let v): w.attribute(TCA_FLOWER.keySCTPDst, bigEndian16: v)
        case .sctpDstPortMask(let v): w.attribute(TCA_FLOWER.keySCTPDstMask, bigEndian16: v)
        case .flags(let v): w.attribute(TCA_FLOWER.flags, u32: v.rawValue)
        case .vlanID(let v): w.attribute(TCA_FLOWER.keyVLANID, u16: v)
        case .vlanPriority(let v): w.attribute(TCA_FLOWER.keyVLANPrio, u8: v)
        case .vlanEthType(let v): w.attribute(TCA_FLOWER.keyVLANEthType, bigEndian16: v.rawValue)
        case .cvlanID(let v): w.attribute(TCA_FLOWER.keyCVLANID, u16: v)
        case .cvlanPriority(let v): w.attribute(TCA_FLOWER.keyCVLANPrio, u8: v)
        case .cvlanEthType(let v): w.attribute(TCA_FLOWER.keyCVLANEthType, bigEndian16: v.rawValue)
        case .encKeyID(let v): w.attribute(TCA_FLOWER.keyEncKeyID, bigEndian32: v)
        case .encSrcIPv4(let v): w.attribute(TCA_FLOWER.keyEncIPv4Src, bigEndian32: v.rawValue)
        case .encSrcIPv4Mask(let v): w.attribute(TCA_FLOWER.keyEncIPv4SrcMask, bigEndian32: v.rawValue)
        case .encDstIPv4(let v): w.attribute(TCA_FLOWER.keyEncIPv4Dst, bigEndian32: v.rawValue)
        case .encDstIPv4Mask(let v): w.attribute(TCA_FLOWER.keyEncIPv4DstMask, bigEndian32: v.rawValue)
        case .encSrcIPv6(let v): w.attribute(TCA_FLOWER.keyEncIPv6Src, ipv6: v)
        case .encSrcIPv6Mask(let v): w.attribute(TCA_FLOWER.keyEncIPv6SrcMask, ipv6: v)
        case .encDstIPv6(let v): w.attribute(TCA_FLOWER.keyEncIPv6Dst, ipv6: v)
        case .encDstIPv6Mask(let v): w.attribute(TCA_FLOWER.keyEncIPv6DstMask, ipv6: v)
        case .encSrcPort(let v): w.attribute(TCA_FLOWER.keyEncUDPSrcPort, bigEndian16: v)
        case .encSrcPortMask(let v): w.attribute(TCA_FLOWER.keyEncUDPSrcPortMask, bigEndian16: v)
        case .encDstPort(let v): w.attribute(TCA_FLOWER.keyEncUDPDstPort, bigEndian16: v)
        case .encDstPortMask(let v): w.attribute(TCA_FLOWER.keyEncUDPDstPortMask, bigEndian16: v)
        case .icmpv4Type(let v): w.attribute(TCA_FLOWER.keyICMPv4Type, u8: v)
        case .icmpv4TypeMask(let v): w.attribute(TCA_FLOWER.keyICMPv4TypeMask, u8: v)
        case .icmpv4Code(let v): w.attribute(TCA_FLOWER.keyICMPv4Code, u8: v)
        case .icmpv4CodeMask(let v): w.attribute(TCA_FLOWER.keyICMPv4CodeMask, u8: v)
        case .icmpv6Type(let v): w.attribute(TCA_FLOWER.keyICMPv6Type, u8: v)
        case .icmpv6TypeMask(let v): w.attribute(TCA_FLOWER.keyICMPv6TypeMask, u8: v)
        case .icmpv6Code(let v): w.attribute(TCA_FLOWER.keyICMPv6Code, u8: v)
        case .icmpv6CodeMask(let v): w.attribute(TCA_FLOWER.keyICMPv6CodeMask, u8: v)
        case .arpOp(let v): w.attribute(TCA_FLOWER.keyARPOp, u8: v)
        case .arpOpMask(let v): w.attribute(TCA_FLOWER.keyARPOpMask, u8: v)
        case .arpSIP(let v): w.attribute(TCA_FLOWER.keyARPSIP, bigEndian32: v.rawValue)
        case .arpSIPMask(let v): w.attribute(TCA_FLOWER.keyARPSIPMask, bigEndian32: v.rawValue)
        case .arpTIP(let v): w.attribute(TCA_FLOWER.keyARPTIP, bigEndian32: v.rawValue)
        case .arpTIPMask(let v): w.attribute(TCA_FLOWER.keyARPTIPMask, bigEndian32: v.rawValue)
        case .arpSHA(let v): w.attribute(TCA_FLOWER.keyARPSHA, mac: v)
        case .arpSHAMask(let v): w.attribute(TCA_FLOWER.keyARPSHAMask, mac: v)
        case .arpTHA(let v): w.attribute(TCA_FLOWER.keyARPTHA, mac: v)
        case .arpTHAMask(let v): w.attribute(TCA_FLOWER.keyARPTHAMask, mac: v)
        case .ipTOS(let v): w.attribute(TCA_FLOWER.keyIPTOS, u8: v)
        case .ipTOSMask(let v): w.attribute(TCA_FLOWER.keyIPTOSMask, u8: v)
        case .ipTTL(let v): w.attribute(TCA_FLOWER.keyIPTTL, u8: v)
        case .ipTTLMask(let v): w.attribute(TCA_FLOWER.keyIPTTLMask, u8: v)
        case .encTOS(let v): w.attribute(TCA_FLOWER.keyEncIPTOS, u8: v)
        case .encTOSMask(let v): w.attribute(TCA_FLOWER.keyEncIPTOSMask, u8: v)
        case .encTTL(let v): w.attribute(TCA_FLOWER.keyEncIPTTL, u8: v)
        case .encTTLMask(let v): w.attribute(TCA_FLOWER.keyEncIPTTLMask, u8: v)
        case .inHardwareCount(let v): w.attribute(TCA_FLOWER.inHWCount, u32: v)
        case .unknown(let raw): raw.encode(into: &w)
        }
    }
}
