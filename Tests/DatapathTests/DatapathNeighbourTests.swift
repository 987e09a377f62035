import Datapath
import EswitchModel
import Packet
import Testing

/// ARP and neighbour discovery answered by the slow path for addresses the intent knows; what it
/// does not know is flooded in the network.
@Suite struct DatapathNeighbourTests {
    typealias F = DatapathFixtures

    @Test("ARP for a VM on compute-b is answered on this node, byte for byte, without crossing the underlay")
    func arpProxyReply() throws {
        let dp = try F.datapath(F.example())
        let request = FrameBuilder.arpRequest(srcMAC: F.web1MAC, sender: F.web1IP, target: F.remoteIP)
        let out = dp.send(request, from: dp.from("web-1-eth0"))
        try #require(out.count == 1)
        #expect(out[0].egress == dp.to("web-1-eth0"))
        var expected = [UInt8](repeating: 0, count: 60)
        let fields: [(Int, [UInt8])] = [
            (0, [0x52, 0x54, 0x00, 0x10, 0x00, 0x01]),  // to the asker
            (6, [0x52, 0x54, 0x00, 0x10, 0x00, 0x63]),  // from the owner of 10.10.0.99
            (12, [0x08, 0x06, 0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x02]),  // ARP, Ethernet/IPv4, reply
            (22, [0x52, 0x54, 0x00, 0x10, 0x00, 0x63, 10, 10, 0, 99]),  // sender: owner, 10.10.0.99
            (32, [0x52, 0x54, 0x00, 0x10, 0x00, 0x01, 10, 10, 0, 11]),  // target: the asker
        ]
        for (offset, bytes) in fields { expected.replaceSubrange(offset..<(offset + bytes.count), with: bytes) }
        #expect(out[0].frame == expected)
        #expect(dp.counters.arpReplies == 1)
    }

    @Test("ARP from a VLAN port for its gateway: the reply carries the port's VLAN tag and the gateway MAC")
    func arpForGatewayOnVLANPort() throws {
        let dp = try F.datapath(F.example())
        let request = F.tagged(FrameBuilder.arpRequest(srcMAC: F.web2MAC, sender: F.web2IP, target: 0x0A0A_0001), vlan: F.web2VLAN)
        let out = dp.send(request, from: dp.from("web-2-eth0"))
        try #require(out.count == 1)
        let key = try #require(FlowKey.parse(out[0].frame))
        #expect(out[0].egress == dp.to("web-2-eth0"))
        #expect(key.vlanCount == 1 && key.vlanID == F.web2VLAN && key.arpOp == 2)
        #expect(key.arpSHA == F.gatewayMAC && key.arpSIP == 0x0A0A_0001 && key.arpTIP == F.web2IP && key.dstMAC == F.web2MAC)
    }

    @Test("ARP for an address nobody has is flooded: to the other local ports of the network and to compute-b")
    func unknownARPIsFlooded() throws {
        let dp = try F.datapath(F.example())
        let request = FrameBuilder.arpRequest(srcMAC: F.web1MAC, sender: F.web1IP, target: 0x0A0A_00C8)
        let out = dp.send(request, from: dp.from("web-1-eth0"))
        #expect(Set(out.map(\.egress)) == [dp.to("web-2-eth0"), .tunnel(remote: IPv4Address(rawValue: F.computeBVTEP))])
        let local = try #require(out.first { $0.egress == dp.to("web-2-eth0") })
        #expect(local.frame == F.tagged(request, vlan: F.web2VLAN))
        let tunnel = try #require(out.first { $0.egress != dp.to("web-2-eth0") })
        #expect(FlowKey.parse(tunnel.frame)?.encKeyID == 1001 && Array(tunnel.frame[50...]) == request)
        #expect(dp.counters.floods == 1 && dp.counters.arpReplies == 0)
        // A VM probing its own address (duplicate address detection) is not answered either.
        let probe = FrameBuilder.arpRequest(srcMAC: F.web1MAC, sender: 0, target: F.web1IP)
        #expect(dp.send(probe, from: dp.from("web-1-eth0")).allSatisfy { $0.egress != dp.to("web-1-eth0") })
    }

    @Test("A broadcast from compute-b is delivered to the local ports of its VNI only")
    func floodFromTheUnderlay() throws {
        let dp = try F.datapath(F.example())
        let request = FrameBuilder.arpRequest(srcMAC: F.remoteMAC, sender: F.remoteIP, target: F.web1IP)
        let out = dp.send(F.fromComputeB(request, vni: 1001), from: .uplink)
        #expect(Set(out.map(\.egress)) == [dp.to("web-1-eth0"), dp.to("web-2-eth0")])
        #expect(out.first { $0.egress == dp.to("web-1-eth0") }?.frame == request)
    }

    @Test("Neighbour solicitation for the IPv6 gateway: a solicited router advertisement with the gateway MAC")
    func neighbourAdvertisement() throws {
        let dp = try F.datapath(F.example())
        let web1 = NeighbourDiscovery.Address(high: 0x2001_0DB8_0010_0000, low: 0x11)
        let gateway = NeighbourDiscovery.Address(high: 0x2001_0DB8_0010_0000, low: 0x1)
        let solicitation = FrameBuilder.neighbourSolicitation(srcMAC: F.web1MAC, sender: web1, target: gateway)
        let out = dp.send(solicitation, from: dp.from("web-1-eth0"))
        try #require(out.count == 1)
        #expect(out[0].egress == dp.to("web-1-eth0"))
        let key = try #require(FlowKey.parse(out[0].frame))
        #expect(key.icmpType == 136 && key.ipTTL == 255)
        #expect(key.dstMAC == F.web1MAC && key.srcMAC == F.gatewayMAC)
        #expect(key.srcIPv6High == gateway.high && key.srcIPv6Low == gateway.low && key.dstIPv6Low == web1.low)
        #expect(key.ndTargetLow == gateway.low && key.ndLinkLayer == F.gatewayMAC)
        #expect(out[0].frame[key.transportOffset + 4] == 0xE0, "router, solicited, override")
        #expect(FrameBuilder.transportChecksumIsValid(out[0].frame, key: key))
        #expect(dp.counters.neighbourAdvertisements == 1)
    }

    @Test("ICMPv6 that is not a solicitation passes the ND trap and is forwarded like any frame")
    func pingPassesTheNeighbourTrap() throws {
        let dp = try F.datapath(F.example())
        let web1 = NeighbourDiscovery.Address(high: 0x2001_0DB8_0010_0000, low: 0x11)
        let far = NeighbourDiscovery.Address(high: 0x2001_0DB8_0010_0000, low: 0x99)
        let ping = FrameBuilder.ipv6(dstMAC: F.remoteMAC, srcMAC: F.web1MAC, src: web1, dst: far, proto: 58, srcPort: 7)
        let out = dp.send(ping, from: dp.from("web-1-eth0"))
        #expect(out.count == 1 && out.first?.egress == .tunnel(remote: IPv4Address(rawValue: F.computeBVTEP)))
    }
}
