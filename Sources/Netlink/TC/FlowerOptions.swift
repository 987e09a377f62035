import EswitchModel

/// The TCA_OPTIONS of a flower filter: TCA_FLOWER_* attributes in wire order.
///
/// The order is kept exactly (iproute2 sends keys in command-line order, then the action list, the
/// flags and the protocol as TCA_FLOWER_KEY_ETH_TYPE). ``FlowerMatch`` builds a list in a canonical
/// order; the accessors below read the first attribute of each kind.
public struct FlowerOptions: Hashable, Sendable {
    /// The attributes in wire order; unknown ones are kept as bytes.
    public var attributes: [FlowerAttribute]

    /// Wraps attributes in the given (wire) order.
    public init(_ attributes: [FlowerAttribute] = []) {
        self.attributes = attributes
    }

    /// Decodes the children of TCA_OPTIONS.
    public init(decoding payload: ArraySlice<UInt8>) throws(NetlinkDecodingError) {
        self = try payload.withBorrowedBytes { (b) throws(NetlinkDecodingError) in try FlowerOptions(decoding: b) }
    }

    init(decoding payload: BorrowedBytes, memo: UnsafeMutablePointer<TCActionListMemo>? = nil) throws(NetlinkDecodingError) {
        attributes = try payload.decodeAttributes { (a) throws(NetlinkDecodingError) in try FlowerAttribute(decoding: a, memo: memo) }
    }

    /// Appends the children (the caller writes the TCA_OPTIONS header around them).
    public func encode(into writer: inout NetlinkWriter) {
        for a in attributes { a.encode(into: &writer) }
    }
}

extension FlowerOptions {
    /// TCA_FLOWER_KEY_ETH_DST.
    public var dstMAC: MACAddress? { first { if case .dstMAC(let v) = $0 { v } else { nil } } }
    /// TCA_FLOWER_KEY_ETH_DST_MASK.
    public var dstMACMask: MACAddress? { first { if case .dstMACMask(let v) = $0 { v } else { nil } } }
    /// TCA_FLOWER_KEY_ETH_SRC.
    public var srcMAC: MACAddress? { first { if case .srcMAC(let v) = $0 { v } else { nil } } }
    /// TCA_FLOWER_KEY_ETH_SRC_MASK.
    public var srcMACMask: MACAddress? { first { if case .srcMACMask(let v) = $0 { v } else { nil } } }
    /// TCA_FLOWER_KEY_ETH_TYPE.
    public var ethType: EtherType? { first { if case .ethType(let v) = $0 { v } else { nil } } }
    /// TCA_FLOWER_KEY_IP_PROTO.
    public var ipProto: IPProtocolNumber? { first { if case .ipProto(let v) = $0 { v } else { nil } } }
    /// TCA_FLOWER_KEY_IPV4_SRC or TCA_FLOWER_KEY_IPV6_SRC.
    public var srcIP: IPAddress? {
        first {
            switch $0 {
            case .srcIPv4(let v): .v4(v)
            case .srcIPv6(let v): .v6(v)
            default: nil
            }
        }
    }
    /// The mask of ``srcIP``.
    public var srcIPMask: IPAddress? {
        first {
            switch $0 {
            case .srcIPv4Mask(let v): .v4(v)
            case .srcIPv6Mask(let v): .v6(v)
            default: nil
            }
        }
    }
    /// TCA_FLOWER_KEY_IPV4_DST or TCA_FLOWER_KEY_IPV6_DST.
    public var dstIP: IPAddress? {
        first {
            switch $0 {
            case .dstIPv4(let v): .v4(v)
            case .dstIPv6(let v): .v6(v)
            default: nil
            }
        }
    }
    /// The mask of ``dstIP``.
    public var dstIPMask: IPAddress? {
        first {
            switch $0 {
            case .dstIPv4Mask(let v): .v4(v)
            case .dstIPv6Mask(let v): .v6(v)
            default: nil
            }
        }
    }
    /// The TCP, UDP or SCTP source port.
    public var srcPort: UInt16? {
        first {
            switch $0 {
            case .tcpSrcPort(let v), .udpSrcPort(let v), .sctpSrcPort(let v): v
            default: nil
            }
        }
    }
    /// The TCP, UDP or SCTP destination port.
    public var dstPort: UInt16? {
        first {
            switch $0 {
            case .tcpDstPort(let v), .udpDstPort(let v), .sctpDstPort(let v): v
            default: nil
            }
        }
    }
    /// TCA_FLOWER_KEY_VLAN_ID.
    public var vlanID: UInt16? { first { if case .vlanID(let v) = $0 { v } else { nil } } }
    /// TCA_FLOWER_KEY_VLAN_PRIO.
    public var vlanPriority: UInt8? { first { if case .vlanPriority(let v) = $0 { v } else { nil } } }
    /// TCA_FLOWER_KEY_VLAN_ETH_TYPE.
    public var vlanEthType: EtherType? { first { if case .vlanEthType(let v) = $0 { v } else { nil } } }
    /// TCA_FLOWER_KEY_IP_TOS.
    public var ipTOS: UInt8? { first { if case .ipTOS(let v) = $0 { v } else { nil } } }
    /// TCA_FLOWER_KEY_IP_TTL.
    public var ipTTL: UInt8? { first { if case .ipTTL(let v) = $0 { v } else { nil } } }
    /// TCA_FLOWER_KEY_ARP_OP.
    public var arpOp: UInt8? { first { if case .arpOp(let v) = $0 { v } else { nil } } }
    /// TCA_FLOWER_KEY_ARP_SIP.
    public var arpSIP: IPv4Address? { first { if case .arpSIP(let v) = $0 { v } else { nil } } }
    /// TCA_FLOWER_KEY_ARP_TIP.
    public var arpTIP: IPv4Address? { first { if case .arpTIP(let v) = $0 { v } else { nil } } }
    /// TCA_FLOWER_KEY_ENC_KEY_ID: the tunnel id (VNI).
    public var encKeyID: UInt32? { first { if case .encKeyID(let v) = $0 { v } else { nil } } }
    /// The outer source address (TCA_FLOWER_KEY_ENC_IPV4_SRC or _IPV6_SRC).
    public var encSrcIP: IPAddress? {
        first {
            switch $0 {
            case .encSrcIPv4(let v): .v4(v)
            case .encSrcIPv6(let v): .v6(v)
            default: nil
            }
        }
    }
    /// The outer destination address (TCA_FLOWER_KEY_ENC_IPV4_DST or _IPV6_DST).
    public var encDstIP: IPAddress? {
        first {
            switch $0 {
            case .encDstIPv4(let v): .v4(v)
            case .encDstIPv6(let v): .v6(v)
            default: nil
            }
        }
    }
    /// TCA_FLOWER_KEY_ENC_UDP_SRC_PORT.
    public var encSrcPort: UInt16? { first { if case .encSrcPort(let v) = $0 { v } else { nil } } }
    /// TCA_FLOWER_KEY_ENC_UDP_DST_PORT.
    public var encDstPort: UInt16? { first { if case .encDstPort(let v) = $0 { v } else { nil } } }
    /// TCA_FLOWER_FLAGS.
    public var flags: FilterFlags? { first { if case .flags(let v) = $0 { v } else { nil } } }
    /// TCA_FLOWER_IN_HW_COUNT (answers).
    public var inHardwareCount: UInt32? { first { if case .inHardwareCount(let v) = $0 { v } else { nil } } }
    /// TCA_FLOWER_CLASSID.
    public var classID: TCHandle? { first { if case .classID(let v) = $0 { v } else { nil } } }
    /// TCA_FLOWER_INDEV.
    public var inputDevice: String? { first { if case .inputDevice(let v) = $0 { v } else { nil } } }
    /// The action list (TCA_FLOWER_ACT), empty when absent.
    public var actions: [TCAction] { first { if case .actions(let v) = $0 { v } else { nil } } ?? [] }

    /// The first attribute `pick` maps to a value.
    @inlinable public func first<T>(_ pick: (FlowerAttribute) -> T?) -> T? {
        for a in attributes { if let v = pick(a) { return v } }
        return nil
    }
}
