import EswitchModel
import RteFlow
import Testing

@Suite("VXLAN_ENCAP definition items")
struct VXLANEncapDefinitionTests {
    @Test("IPv4 definition: ETH with IPv4 EtherType, IPV4 with UDP protocol and TTL, UDP ports, VXLAN VNI")
    func ipv4() {
        let encap = RteFlowVXLANEncap(vni: VNI(rawValue: 42), ethSource: MACAddress(integer: 0x0200_0000_000B), ethDestination: MACAddress(integer: 0x0200_0000_000C),
                                      addresses: .ipv4(source: IPv4Address(192, 0, 2, 11), destination: IPv4Address(192, 0, 2, 12)), udpSource: 0, udpDestination: 4789, ttl: 64)
        #expect(encap.definition == [
            .eth(RteFlowItemEth(destination: .exact(MACAddress(integer: 0x0200_0000_000C)), source: .exact(MACAddress(integer: 0x0200_0000_000B)), type: .exact(0x0800))),
            .ipv4(RteFlowItemIPv4(source: .exact(IPv4Address(192, 0, 2, 11)), destination: .exact(IPv4Address(192, 0, 2, 12)), proto: .exact(17), ttl: .exact(64))),
            .udp(RteFlowItemPorts(source: .exact(0), destination: .exact(4789))),
            .vxlan(RteFlowItemVXLAN(vni: VNI(rawValue: 42))),
        ])
    }

    @Test("IPv6 definition uses the IPv6 EtherType and the hop limit")
    func ipv6() {
        let encap = RteFlowVXLANEncap(vni: VNI(rawValue: 7), ethSource: .zero, ethDestination: .zero,
                                      addresses: .ipv6(source: IPv6Address("2001:db8::1")!, destination: IPv6Address("2001:db8::2")!), ttl: 9)
        #expect(encap.etherType == 0x86DD)
        guard case .ipv6(let ip) = encap.definition[1] else { Issue.record("no IPV6 item: \(encap.definition)"); return }
        #expect(ip.hopLimit == .exact(9))
        #expect(ip.destination == .exact(IPv6Address("2001:db8::2")!))
    }

    @Test("tunnel addresses of mixed families do not form a pair")
    func mixedFamilies() {
        #expect(RteFlowTunnelAddresses(source: .v4(IPv4Address(192, 0, 2, 1)), destination: .v6(IPv6Address("2001:db8::1")!)) == nil)
        #expect(RteFlowTunnelAddresses(source: .v4(IPv4Address(192, 0, 2, 1)), destination: .v4(IPv4Address(192, 0, 2, 2)))?.destination
            == .v4(IPv4Address(192, 0, 2, 2)))
    }
}
