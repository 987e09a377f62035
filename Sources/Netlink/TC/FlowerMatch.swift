import EswitchModel

/// The match part of a flower filter as plain fields, for building requests without thinking about
/// attribute types, masks or order.
///
/// ``attributes()`` emits keys in one canonical order: input device and class id, Ethernet
/// (dst, src), VLAN (id, prio, ethtype, then the inner cvlan), IP (proto, tos, ttl, src, dst), L4
/// (ports, ICMP type/code), tunnel (key id, src, dst, ports, tos, ttl), ARP; each key directly
/// followed by its mask. ``FlowerOptions/init(match:actions:flags:ethType:)`` then appends the action
/// list, the flags and the protocol as TCA_FLOWER_KEY_ETH_TYPE, last, as iproute2 does.
///
/// L4 ports go to the TCP, UDP or SCTP attributes and ICMP type/code to the ICMPv4 or ICMPv6 ones
/// according to ``ipProto``, like tc's `src_port`/`dst_port`/`type`/`code`.
public struct FlowerMatch: Hashable, Sendable {
    /// indev: only packets that arrived on this device.
    public var inputDevice: String?
    /// classid: the class the filter selects.
    public var classID: TCHandle?
    /// dst_mac (and dst_mac_mask).
    public var dstMAC: Masked<MACAddress>?
    /// src_mac (and src_mac_mask).
    public var srcMAC: Masked<MACAddress>?
    /// vlan_id.
    public var vlanID: UInt16?
    /// vlan_prio.
    public var vlanPriority: UInt8?
    /// vlan_ethtype: the protocol inside the outer tag.
    public var vlanEthType: EtherType?
    /// cvlan_id: the inner tag's id.
    public var cvlanID: UInt16?
    /// cvlan_prio.
    public var cvlanPriority: UInt8?
    /// cvlan_ethtype.
    public var cvlanEthType: EtherType?
    /// ip_proto.
    public var ipProto: IPProtocolNumber?
    /// ip_tos (and mask).
    public var ipTOS: Masked<UInt8>?
    /// ip_ttl (and mask).
    public var ipTTL: Masked<UInt8>?
    /// src_ip (and mask), IPv4 or IPv6.
    public var srcIP: Masked<IPAddress>?
    /// dst_ip (and mask), IPv4 or IPv6.
    public var dstIP: Masked<IPAddress>?
    /// src_port (and mask): needs ``ipProto`` tcp, udp or sctp.
    public var srcPort: Masked<UInt16>?
    /// dst_port (and mask): needs ``ipProto`` tcp, udp or sctp.
    public var dstPort: Masked<UInt16>?
    /// ICMP type (and mask): needs ``ipProto`` icmp or icmpv6.
    public var icmpType: Masked<UInt8>?
    /// ICMP code (and mask): needs ``ipProto`` icmp or icmpv6.
    public var icmpCode: Masked<UInt8>?
    /// enc_key_id: the tunnel id (VNI).
    public var encKeyID: UInt32?
    /// enc_src_ip (and mask): the outer source.
    public var encSrcIP: Masked<IPAddress>?
    /// enc_dst_ip (and mask): the outer destination.
    public var encDstIP: Masked<IPAddress>?
    /// enc_src_port (and mask).
    public var encSrcPort: Masked<UInt16>?
    /// enc_dst_port (and mask): 4789 for VXLAN.
    public var encDstPort: Masked<UInt16>?
    /// enc_tos (and mask).
    public var encTOS: Masked<UInt8>?
    /// enc_ttl (and mask).
    public var encTTL: Masked<UInt8>?
    /// arp_op (and mask): 1 request, 2 reply; tc sends mask 0xff.
    public var arpOp: Masked<UInt8>?
    /// arp_sip (and mask).
    public var arpSIP: Masked<IPv4Address>?
    /// arp_tip (and mask).
    public var arpTIP: Masked<IPv4Address>?
    /// arp_sha (and mask).
    public var arpSHA: Masked<MACAddress>?
    /// arp_tha (and mask).
    public var arpTHA: Masked<MACAddress>?

    /// Creates a match; every field is optional and left out when nil.
    public init(
        inputDevice: String? = nil, classID: TCHandle? = nil,
        dstMAC: Masked<MACAddress>? = nil, srcMAC: Masked<MACAddress>? = nil,
        vlanID: UInt16? = nil, vlanPriority: UInt8? = nil, vlanEthType: EtherType? = nil,
        cvlanID: UInt16? = nil, cvlanPriority: UInt8? = nil, cvlanEthType: EtherType? = nil,
        ipProto: IPProtocolNumber? = nil, ipTOS: Masked<UInt8>? = nil, ipTTL: Masked<UInt8>? = nil,
        srcIP: Masked<IPAddress>? = nil, dstIP: Masked<IPAddress>? = nil,
        srcPort: Masked<UInt16>? = nil, dstPort: Masked<UInt16>? = nil,
        icmpType: Masked<UInt8>? = nil, icmpCode: Masked<UInt8>? = nil,
        encKeyID: UInt32? = nil, encSrcIP: Masked<IPAddress>? = nil, encDstIP: Masked<IPAddress>? = nil,
        encSrcPort: Masked<UInt16>? = nil, encDstPort: Masked<UInt16>? = nil,
        encTOS: Masked<UInt8>? = nil, encTTL: Masked<UInt8>? = nil,
        arpOp: Masked<UInt8>? = nil, arpSIP: Masked<IPv4Address>? = nil, arpTIP: Masked<IPv4Address>? = nil,
        arpSHA: Masked<MACAddress>? = nil, arpTHA: Masked<MACAddress>? = nil
    ) {
        self.inputDevice = inputDevice
        self.classID = classID
        self.dstMAC = dstMAC
        self.srcMAC = srcMAC
        self.vlanID = vlanID
        self.vlanPriority = vlanPriority
        self.vlanEthType = vlanEthType
        self.cvlanID = cvlanID
        self.cvlanPriority = cvlanPriority
        self.cvlanEthType = cvlanEthType
        self.ipProto = ipProto
        self.ipTOS = ipTOS
        self.ipTTL = ipTTL
        self.srcIP = srcIP
        self.dstIP = dstIP
        self.srcPort = srcPort
        self.dstPort = dstPort
        self.icmpType = icmpType
        self.icmpCode = icmpCode
        self.encKeyID = encKeyID
        self.encSrcIP = encSrcIP
        self.encDstIP = encDstIP
        self.encSrcPort = encSrcPort
        self.encDstPort = encDstPort
        self.encTOS = encTOS
        self.encTTL = encTTL
        self.arpOp = arpOp
        self.arpSIP = arpSIP
        self.arpTIP = arpTIP
        self.arpSHA = arpSHA
        self.arpTHA = arpTHA
    }
}

extension FlowerMatch {
    /// The keys as flower attributes in canonical order (see the type's documentation).
    /// - Throws: ``FlowerMatchError`` when ports or ICMP fields have no fitting ``ipProto``, or an
    ///   IP mask's family differs from its address's.
    public func attributes() throws(FlowerMatchError) -> [FlowerAttribute] {
        var out: [FlowerAttribute] = []
        out.reserveCapacity(16)
        try append(to: &out)
        return out
    }

    /// Appends the keys in canonical order to `out`.
    public func append(to out: inout [FlowerAttribute]) throws(FlowerMatchError) {
        if let v = inputDevice { out.append(.inputDevice(v)) }
        if let v = classID { out.append(.classID(v)) }
        // Ethernet
        Self.pair(dstMAC, FlowerAttribute.dstMAC, FlowerAttribute.dstMACMask, &out)
        Self.pair(srcMAC, FlowerAttribute.srcMAC, FlowerAttribute.srcMACMask, &out)
        // VLAN
        if let v = vlanID { out.append(.vlanID(v)) }
        if let v = vlanPriority { out.append(.vlanPriority(v)) }
        if let v = vlanEthType { out.append(.vlanEthType(v)) }
        if let v = cvlanID { out.append(.cvlanID(v)) }
        if let v = cvlanPriority { out.append(.cvlanPriority(v)) }
        if let v = cvlanEthType { out.append(.cvlanEthType(v)) }
        // IP
        if let v = ipProto { out.append(.ipProto(v)) }
        Self.pair(ipTOS, FlowerAttribute.ipTOS, FlowerAttribute.ipTOSMask, &out)
        Self.pair(ipTTL, FlowerAttribute.ipTTL, FlowerAttribute.ipTTLMask, &out)
        try Self.ip(srcIP, "src_ip", v4: (FlowerAttribute.srcIPv4, FlowerAttribute.srcIPv4Mask), v6: (FlowerAttribute.srcIPv6, FlowerAttribute.srcIPv6Mask), &out)
        try Self.ip(dstIP, "dst_ip", v4: (FlowerAttribute.dstIPv4, FlowerAttribute.dstIPv4Mask), v6: (FlowerAttribute.dstIPv6, FlowerAttribute.dstIPv6Mask), &out)
        // L4
        if srcPort != nil || dstPort != nil {
            switch ipProto {
            case .tcp?:
                Self.pair(srcPort, FlowerAttribute.tcpSrcPort, FlowerAttribute.tcpSrcPortMask, &out)
                Self.pair(dstPort, FlowerAttribute.tcpDstPort, FlowerAttribute.tcpDstPortMask, &out)
            case .udp?:
                Self.pair(srcPort, FlowerAttribute.udpSrcPort, FlowerAttribute.udpSrcPortMask, &out)
                Self.pair(dstPort, FlowerAttribute.udpDstPort, FlowerAttribute.udpDstPortMask, &out)
            case .sctp?:
                Self.pair(srcPort, FlowerAttribute.sctpSrcPort, FlowerAttribute.sctpSrcPortMask, &out)
                Self.pair(dstPort, FlowerAttribute.sctpDstPort, FlowerAttribute.sctpDstPortMask, &out)
            default:
                throw FlowerMatchError(field: srcPort != nil ? "src_port" : "dst_port", "needs ip_proto tcp, udp or sctp, not \(ipProto.map(\.description) ?? "none")")
            }
        }
        if icmpType != nil || icmpCode != nil {
            switch ipProto {
            case .icmp?:
                Self.pair(icmpType, FlowerAttribute.icmpv4Type, FlowerAttribute.icmpv4TypeMask, &out)
                Self.pair(icmpCode, FlowerAttribute.icmpv4Code, FlowerAttribute.icmpv4CodeMask, &out)
            case .icmpv6?:
                Self.pair(icmpType, FlowerAttribute.icmpv6Type, FlowerAttribute.icmpv6TypeMask, &out)
                Self.pair(icmpCode, FlowerAttribute.icmpv6Code, FlowerAttribute.icmpv6CodeMask, &out)
            default:
                throw FlowerMatchError(field: icmpType != nil ? "icmp_type" : "icmp_code", "needs ip_proto icmp or icmpv6, not \(ipProto.map(\.description) ?? "none")")
            }
        }
        // Tunnel
        if let v = encKeyID { out.append(.encKeyID(v)) }
        try Self.ip(encSrcIP, "enc_src_ip", v4: (FlowerAttribute.encSrcIPv4, FlowerAttribute.encSrcIPv4Mask), v6: (FlowerAttribute.encSrcIPv6, FlowerAttribute.encSrcIPv6Mask), &out)
        try Self.ip(encDstIP, "enc_dst_ip", v4: (FlowerAttribute.encDstIPv4, FlowerAttribute.encDstIPv4Mask), v6: (FlowerAttribute.encDstIPv6, FlowerAttribute.encDstIPv6Mask), &out)
        Self.pair(encSrcPort, FlowerAttribute.encSrcPort, FlowerAttribute.encSrcPortMask, &out)
        Self.pair(encDstPort, FlowerAttribute.encDstPort, FlowerAttribute.encDstPortMask, &out)
        Self.pair(encTOS, FlowerAttribute.encTOS, FlowerAttribute.encTOSMask, &out)
        Self.pair(encTTL, FlowerAttribute.encTTL, FlowerAttribute.encTTLMask, &out)
        // ARP
        Self.pair(arpOp, FlowerAttribute.arpOp, FlowerAttribute.arpOpMask, &out)
        Self.pair(arpSIP, FlowerAttribute.arpSIP, FlowerAttribute.arpSIPMask, &out)
        Self.pair(arpTIP, FlowerAttribute.arpTIP, FlowerAttribute.arpTIPMask, &out)
        Self.pair(arpSHA, FlowerAttribute.arpSHA, FlowerAttribute.arpSHAMask, &out)
        Self.pair(arpTHA, FlowerAttribute.arpTHA, FlowerAttribute.arpTHAMask, &out)
    }

    @inline(__always)
    static func pair<V>(_ m: Masked<V>?, _ key: (V) -> FlowerAttribute, _ mask: (V) -> FlowerAttribute, _ out: inout [FlowerAttribute]) {
        guard let m else { return }
        out.append(key(m.value))
        if let k = m.mask { out.append(mask(k)) }
    }

    static func ip(
        _ m: Masked<IPAddress>?, _ field: String,
        v4: ((IPv4Address) -> FlowerAttribute, (IPv4Address) -> FlowerAttribute),
        v6: ((IPv6Address) -> FlowerAttribute, (IPv6Address) -> FlowerAttribute),
        _ out: inout [FlowerAttribute]
    ) throws(FlowerMatchError) {
        guard let m else { return }
        switch (m.value, m.mask) {
        case (.v4(let a), nil): out.append(v4.0(a))
        case (.v4(let a), .v4(let k)?): out.append(v4.0(a)); out.append(v4.1(k))
        case (.v6(let a), nil): out.append(v6.0(a))
        case (.v6(let a), .v6(let k)?): out.append(v6.0(a)); out.append(v6.1(k))
        default: throw FlowerMatchError(field: field + "_mask", "the mask's address family differs from \(field)'s")
        }
    }
}

extension FlowerOptions {
    /// A flower option list as iproute2 builds it: the match keys in canonical order, then
    /// TCA_FLOWER_ACT (when there are actions), TCA_FLOWER_FLAGS (always, 0 included) and
    /// TCA_FLOWER_KEY_ETH_TYPE last (when `ethType` is not nil; tc omits it for protocol `all`).
    public init(match: FlowerMatch = FlowerMatch(), actions: [TCAction] = [], flags: FilterFlags = [], ethType: EtherType?) throws(FlowerMatchError) {
        var out: [FlowerAttribute] = []
        out.reserveCapacity(16)
        try match.append(to: &out)
        if !actions.isEmpty { out.append(.actions(actions)) }
        out.append(.flags(flags))
        if let ethType { out.append(.ethType(ethType)) }
        self.init(out)
    }

    /// The match keys read back (the first of each kind); unknown attributes are ignored.
    public var match: FlowerMatch {
        var m = FlowerMatch()
        func merge<V>(_ slot: inout Masked<V>?, value: V? = nil, mask: V? = nil) {
            if let value {
                if slot == nil { slot = Masked(value, mask: nil) }
            }
            if let mask {
                if slot != nil, slot?.mask == nil { slot?.mask = mask }
            }
        }
        // Masks may come before their keys in hand-built lists: collect keys first, then masks.
        for pass in 0..<2 {
            let keys = pass == 0
            for a in attributes {
                switch a {
                case .inputDevice(let v) where keys: if m.inputDevice == nil { m.inputDevice = v }
                case .classID(let v) where keys: if m.classID == nil { m.classID = v }
                case .dstMAC(let v) where keys: merge(&m.dstMAC, value: v)
                case .dstMACMask(let v) where !keys: merge(&m.dstMAC, mask: v)
                case .srcMAC(let v) where keys: merge(&m.srcMAC, value: v)
                case .srcMACMask(let v) where !keys: merge(&m.srcMAC, mask: v)
                case .vlanID(let v) where keys: if m.vlanID == nil { m.vlanID = v }
                case .vlanPriority(let v) where keys: if m.vlanPriority == nil { m.vlanPriority = v }
                case .vlanEthType(let v) where keys: if m.vlanEthType == nil { m.vlanEthType = v }
                case .cvlanID(let v) where keys: if m.cvlanID == nil { m.cvlanID = v }
                case .cvlanPriority(let v) where keys: if m.cvlanPriority == nil { m.cvlanPriority = v }
                case .cvlanEthType(let v) where keys: if m.cvlanEthType == nil { m.cvlanEthType = v }
                case .ipProto(let v) where keys: if m.ipProto == nil { m.ipProto = v }
                case .ipTOS(let v) where keys: merge(&m.ipTOS, value: v)
                case .ipTOSMask(let v) where !keys: merge(&m.ipTOS, mask: v)
                case .ipTTL(let v) where keys: merge(&m.ipTTL, value: v)
                case .ipTTLMask(let v) where !keys: merge(&m.ipTTL, mask: v)
                case .srcIPv4(let v) where keys: merge(&m.srcIP, value: .v4(v))
                case .srcIPv6(let v) where keys: merge(&m.srcIP, value: .v6(v))
                case .srcIPv4Mask(let v) where !keys: merge(&m.srcIP, mask: .v4(v))
                case .srcIPv6Mask(let v) where !keys: merge(&m.srcIP, mask: .v6(v))
                case .dstIPv4(let v) where keys: merge(&m.dstIP, value: .v4(v))
                case .dstIPv6(let v) where keys: merge(&m.dstIP, value: .v6(v))
                case .dstIPv4Mask(let v) where !keys: merge(&m.dstIP, mask: .v4(v))
                case .dstIPv6Mask(let v) where !keys: merge(&m.dstIP, mask: .v6(v))
                case .tcpSrcPort(let v) where keys, .udpSrcPort(let v) where keys, .sctpSrcPort(let v) where keys: merge(&m.srcPort, value: v)
                case .tcpSrcPortMask(let v) where !keys, .udpSrcPortMask(let v) where !keys, .sctpSrcPortMask(let v) where !keys: merge(&m.srcPort, mask: v)
                case .tcpDstPort(let v) where keys, .udpDstPort(let v) where keys, .sctpDstPort(let v) where keys: merge(&m.dstPort, value: v)
                case .tcpDstPortMask(let v) where !keys, .udpDstPortMask(let v) where !keys, .sctpDstPortMask(let v) where !keys: merge(&m.dstPort, mask: v)
                case .icmpv4Type(let v) where keys, .icmpv6Type(let v) where keys: merge(&m.icmpType, value: v)
                case .icmpv4TypeMask(let v) where !keys, .icmpv6TypeMask(let v) where !keys: merge(&m.icmpType, mask: v)
                case .icmpv4Code(let v) where keys, .icmpv6Code(let v) where keys: merge(&m.icmpCode, value: v)
                case .icmpv4CodeMask(let v) where !keys, .icmpv6CodeMask(let v) where !keys: merge(&m.icmpCode, mask: v)
                case .encKeyID(let v) where keys: if m.encKeyID == nil { m.encKeyID = v }
                case .encSrcIPv4(let v) where keys: merge(&m.encSrcIP, value: .v4(v))
                case .encSrcIPv6(let v) where keys: merge(&m.encSrcIP, value: .v6(v))
                case .encSrcIPv4Mask(let v) where !keys: merge(&m.encSrcIP, mask: .v4(v))
                case .encSrcIPv6Mask(let v) where !keys: merge(&m.encSrcIP, mask: .v6(v))
                case .encDstIPv4(let v) where keys: merge(&m.encDstIP, value: .v4(v))
                case .encDstIPv6(let v) where keys: merge(&m.encDstIP, value: .v6(v))
                case .encDstIPv4Mask(let v) where !keys: merge(&m.encDstIP, mask: .v4(v))
                case .encDstIPv6Mask(let v) where !keys: merge(&m.encDstIP, mask: .v6(v))
                case .encSrcPort(let v) where keys: merge(&m.encSrcPort, value: v)
                case .encSrcPortMask(let v) where !keys: merge(&m.encSrcPort, mask: v)
                case .encDstPort(let v) where keys: merge(&m.encDstPort, value: v)
                case .encDstPortMask(let v) where !keys: merge(&m.encDstPort, mask: v)
                case .encTOS(let v) where keys: merge(&m.encTOS, value: v)
                case .encTOSMask(let v) where !keys: merge(&m.encTOS, mask: v)
                case .encTTL(let v) where keys: merge(&m.encTTL, value: v)
                case .encTTLMask(let v) where !keys: merge(&m.encTTL, mask: v)
                case .arpOp(let v) where keys: merge(&m.arpOp, value: v)
                case .arpOpMask(let v) where !keys: merge(&m.arpOp, mask: v)
                case .arpSIP(let v) where keys: merge(&m.arpSIP, value: v)
                case .arpSIPMask(let v) where !keys: merge(&m.arpSIP, mask: v)
                case .arpTIP(let v) where keys: merge(&m.arpTIP, value: v)
                case .arpTIPMask(let v) where !keys: merge(&m.arpTIP, mask: v)
                case .arpSHA(let v) where keys: merge(&m.arpSHA, value: v)
                case .arpSHAMask(let v) where !keys: merge(&m.arpSHA, mask: v)
                case .arpTHA(let v) where keys: merge(&m.arpTHA, value: v)
                case .arpTHAMask(let v) where !keys: merge(&m.arpTHA, mask: v)
                default: break
                }
            }
        }
        return m
    }
}
