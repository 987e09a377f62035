import EswitchModel

/// The configuration of a VXLAN_ENCAP action (`struct rte_flow_action_vxlan_encap`): the outer
/// Ethernet, IP, UDP and VXLAN headers to put in front of the frame.
public struct RteFlowVXLANEncap: Hashable, Sendable {
    public var vni: VNI
    /// The uplink's MAC (outer source).
    public var ethSource: MACAddress
    /// The underlay next hop's MAC towards the remote VTEP (outer destination).
    public var ethDestination: MACAddress
    /// Local VTEP (source) and remote VTEP (destination).
    public var addresses: RteFlowTunnelAddresses
    /// The outer UDP source port; 0 is testpmd's default (`vxlan_encap_conf`), and leaves the
    /// choice of an entropy port to PMDs that make one.
    public var udpSource: UInt16
    /// The outer UDP destination port (4789, RFC 7348 section 5).
    public var udpDestination: UInt16
    /// Outer IPv4 type of service / IPv6 traffic class.
    public var tos: UInt8
    /// Outer IPv4 TTL / IPv6 hop limit.
    public var ttl: UInt8

    public init(vni: VNI, ethSource: MACAddress, ethDestination: MACAddress, addresses: RteFlowTunnelAddresses,
                udpSource: UInt16 = 0, udpDestination: UInt16 = 4789, tos: UInt8 = 0, ttl: UInt8 = 64) {
        self.vni = vni
        self.ethSource = ethSource
        self.ethDestination = ethDestination
        self.addresses = addresses
        self.udpSource = udpSource
        self.udpDestination = udpDestination
        self.tos = tos
        self.ttl = ttl
    }

    /// The EtherType of the outer Ethernet header (IEEE: 0x0800 IPv4, 0x86DD IPv6).
    public var etherType: UInt16 {
        switch addresses {
        case .ipv4: return 0x0800
        case .ipv6: return 0x86DD
        }
    }

    /// The outer headers as the item list the C action carries in `definition` (ETH / IPV4 or
    /// IPV6 / UDP / VXLAN; END implicit), every given field exact. The rte_flow guide requires
    /// this order for VXLAN_ENCAP; header constants the items do not model (IPv4 version and
    /// header length, the VXLAN I flag) are filled when the C structures are built.
    public var definition: [RteFlowItem] {
        let l3: RteFlowItem
        switch addresses {
        case .ipv4(let s, let d):
            l3 = .ipv4(RteFlowItemIPv4(source: .exact(s), destination: .exact(d), proto: .exact(IPProtocolNumbers.udp), ttl: .exact(ttl)))
        case .ipv6(let s, let d):
            l3 = .ipv6(RteFlowItemIPv6(source: .exact(s), destination: .exact(d), proto: .exact(IPProtocolNumbers.udp), hopLimit: .exact(ttl)))
        }
        return [
            .eth(RteFlowItemEth(destination: .exact(ethDestination), source: .exact(ethSource), type: .exact(etherType))),
            l3,
            .udp(RteFlowItemPorts(source: .exact(udpSource), destination: .exact(udpDestination))),
            .vxlan(RteFlowItemVXLAN(vni: vni)),
        ]
    }
}
