/// The header fields of one frame that a flower filter can match, read by ``FlowKey/parse(_:vxlanPort:)``.
///
/// A plain value of integers (no references) so that parsing allocates nothing. Addresses are
/// host-order integers of the wire bytes (first byte most significant), ports likewise. For a
/// VXLAN frame the key describes the inner frame and the `enc*` fields carry the outer headers.
public struct FlowKey: Hashable, Sendable {
    public var dstMAC: UInt64 = 0
    public var srcMAC: UInt64 = 0
    /// The outermost EtherType (0x8100 for a tagged frame), as flower's eth_type/protocol sees it.
    public var ethType: UInt16 = 0
    /// Number of VLAN tags read (0, 1 or 2).
    public var vlanCount: UInt8 = 0
    public var vlanID: UInt16 = 0
    public var vlanPriority: UInt8 = 0
    /// The EtherType inside the outer tag.
    public var vlanEthType: UInt16 = 0
    public var cvlanID: UInt16 = 0
    public var cvlanPriority: UInt8 = 0
    public var cvlanEthType: UInt16 = 0
    /// The EtherType of the network header (after every tag).
    public var networkType: UInt16 = 0
    public var ipProto: UInt8 = 0
    public var ipTOS: UInt8 = 0
    public var ipTTL: UInt8 = 0
    /// True when the IPv4 packet is a non-first fragment (no transport header).
    public var isLaterFragment = false
    public var srcIPv4: UInt32 = 0
    public var dstIPv4: UInt32 = 0
    public var srcIPv6High: UInt64 = 0
    public var srcIPv6Low: UInt64 = 0
    public var dstIPv6High: UInt64 = 0
    public var dstIPv6Low: UInt64 = 0
    public var srcPort: UInt16 = 0
    public var dstPort: UInt16 = 0
    public var icmpType: UInt8 = 0
    public var icmpCode: UInt8 = 0
    public var arpOp: UInt16 = 0
    public var arpSIP: UInt32 = 0
    public var arpTIP: UInt32 = 0
    public var arpSHA: UInt64 = 0
    public var arpTHA: UInt64 = 0
    /// TCP flags (FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10), for connection tracking.
    public var tcpFlags: UInt8 = 0
    /// The identifier of an ICMP/ICMPv6 echo request or reply (connection tracking uses it as a port).
    public var icmpIdentifier: UInt16 = 0
    /// The target address of an ICMPv6 neighbour solicitation or advertisement (RFC 4861 §4.3, §4.4).
    public var ndTargetHigh: UInt64 = 0
    public var ndTargetLow: UInt64 = 0
    /// The link-layer address option of a neighbour solicitation (source) or advertisement
    /// (target), 0 when absent.
    public var ndLinkLayer: UInt64 = 0

    /// True when the key came from a VXLAN frame (the `enc*` fields are set).
    public var hasTunnel = false
    public var encKeyID: UInt32 = 0
    public var encIsIPv6 = false
    public var encSrcIPv4: UInt32 = 0
    public var encDstIPv4: UInt32 = 0
    public var encSrcIPv6High: UInt64 = 0
    public var encSrcIPv6Low: UInt64 = 0
    public var encDstIPv6High: UInt64 = 0
    public var encDstIPv6Low: UInt64 = 0
    public var encSrcPort: UInt16 = 0
    public var encDstPort: UInt16 = 0
    public var encTOS: UInt8 = 0
    public var encTTL: UInt8 = 0

    /// Offsets in the parsed buffer, -1 when the header is absent. For a VXLAN frame they are
    /// offsets of the inner headers; ``innerOffset`` is where the inner Ethernet header starts.
    public var innerOffset: Int = 0
    public var networkOffset: Int = -1
    public var transportOffset: Int = -1
    /// Where the outer network/transport headers start in a VXLAN frame (-1 otherwise).
    public var outerNetworkOffset: Int = -1
    public var outerTransportOffset: Int = -1

    @inlinable public init() {}

    /// True for IPv4 (0x0800) network headers.
    @inlinable public var isIPv4: Bool { networkType == 0x0800 && networkOffset >= 0 }
    /// True for IPv6 (0x86DD) network headers.
    @inlinable public var isIPv6: Bool { networkType == 0x86DD && networkOffset >= 0 }

    /// A 32-bit hash of the inner 5-tuple and MACs: the entropy a tunnel's UDP source port takes
    /// (so that ECMP in the underlay spreads flows and keeps each one on one path).
    @inlinable public var flowHash: UInt32 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        @inline(__always) func mix(_ v: UInt64) { h = (h ^ v) &* 0x0000_0100_0000_01B3; h ^= h >> 29 }
        mix(dstMAC); mix(srcMAC); mix(UInt64(networkType) << 8 | UInt64(ipProto))
        mix(UInt64(srcIPv4) << 32 | UInt64(dstIPv4))
        mix(srcIPv6High ^ srcIPv6Low); mix(dstIPv6High ^ dstIPv6Low)
        mix(UInt64(srcPort) << 16 | UInt64(dstPort))
        // MurmurHash3's 64-bit finalizer: every input bit reaches the low bits the port range keeps.
        h ^= h >> 33; h &*= 0xff51_afd7_ed55_8ccd; h ^= h >> 33; h &*= 0xc4ce_b9fe_1a85_ec53; h ^= h >> 33
        return UInt32(truncatingIfNeeded: h)
    }
}
