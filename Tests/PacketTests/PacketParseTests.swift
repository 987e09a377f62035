import Packet
import Testing

@Suite("packet parsing and writers")
struct PacketParseTests {
    let a: UInt64 = 0x0200_0000_000A
    let b: UInt64 = 0x0200_0000_000B
    let ipA: UInt32 = 0x0A00_0001
    let ipB: UInt32 = 0x0A00_0002

    @Test("UDP over VLAN parses every layer")
    func udpVLAN() throws {
        let f = FrameBuilder.ipv4(dstMAC: b, srcMAC: a, vlan: 100, src: ipA, dst: ipB, proto: 17, srcPort: 1234, dstPort: 53)
        let k = try #require(FlowKey.parse(f))
        #expect(k.dstMAC == b && k.srcMAC == a)
        #expect(k.ethType == 0x8100 && k.vlanID == 100 && k.vlanEthType == 0x0800 && k.networkType == 0x0800)
        #expect(k.srcIPv4 == ipA && k.dstIPv4 == ipB && k.ipProto == 17 && k.srcPort == 1234 && k.dstPort == 53)
        #expect(k.networkOffset == 18 && k.transportOffset == 38)
        #expect(FrameBuilder.ipv4ChecksumIsValid(f, key: k) && FrameBuilder.transportChecksumIsValid(f, key: k))
    }

    @Test("ARP, ICMP, TCP and a truncated frame")
    func otherProtocols() throws {
        let arp = try #require(FlowKey.parse(FrameBuilder.arpRequest(srcMAC: a, sender: ipA, target: ipB)))
        #expect(arp.networkType == 0x0806 && arp.arpOp == 1 && arp.arpSIP == ipA && arp.arpTIP == ipB && arp.arpSHA == a)
        let icmp = try #require(FlowKey.parse(FrameBuilder.ipv4(dstMAC: b, srcMAC: a, src: ipA, dst: ipB, proto: 1)))
        #expect(icmp.icmpType == 8 && icmp.icmpCode == 0)
        let tcpFrame = FrameBuilder.ipv4(dstMAC: b, srcMAC: a, src: ipA, dst: ipB, proto: 6, srcPort: 40000, dstPort: 22)
        let tcp = try #require(FlowKey.parse(tcpFrame))
        #expect(tcp.dstPort == 22 && FrameBuilder.transportChecksumIsValid(tcpFrame, key: tcp))
        #expect(FlowKey.parse(Array(tcpFrame.prefix(13))) == nil)
        let cut = try #require(FlowKey.parse(Array(tcpFrame.prefix(30))))
        #expect(cut.networkOffset == -1 && cut.transportOffset == -1)
    }

    @Test("VXLAN encapsulation parses back: VNI, outer IPs, port 4789, checksum, source port range")
    func vxlanRoundTrip() throws {
        let inner = FrameBuilder.ipv4(dstMAC: b, srcMAC: a, src: ipA, dst: ipB)
        let innerKey = try #require(FlowKey.parse(inner))
        let encap = VXLANEncapsulation(sourceMAC: 0x0400_0000_0001, destinationMAC: 0x0400_0000_0002,
                                       sourceIP: 0xC0A8_0001, destinationIP: 0xC0A8_0002, vni: 42)
        let outer = encap.encapsulate(inner, innerKey: innerKey)
        let k = try #require(FlowKey.parse(outer))
        #expect(k.hasTunnel && k.encKeyID == 42 && k.encSrcIPv4 == 0xC0A8_0001 && k.encDstIPv4 == 0xC0A8_0002)
        #expect(k.encDstPort == 4789 && (49152...65535).contains(k.encSrcPort))
        #expect(k.srcIPv4 == ipA && k.dstIPv4 == ipB && k.innerOffset == 50)
        #expect(FrameBuilder.ipv4ChecksumIsValid(outer, key: k, outer: true))
        #expect(VXLANEncapsulation.decapsulate(outer, key: k) == inner)
        // Another inner flow lands on another source port (entropy from the inner headers).
        let other = FrameBuilder.ipv4(dstMAC: b, srcMAC: a, src: ipA, dst: ipB, srcPort: 1001)
        let otherKey = try #require(FlowKey.parse(other))
        let k2 = try #require(FlowKey.parse(encap.encapsulate(other, innerKey: otherKey)))
        #expect(k2.encSrcPort != k.encSrcPort)
    }

    @Test("address rewrite and TTL decrement keep checksums valid incrementally (RFC 1624)")
    func rewrites() throws {
        for proto: UInt8 in [6, 17] {
            var f = FrameBuilder.ipv4(dstMAC: b, srcMAC: a, src: ipA, dst: ipB, proto: proto)
            let k = try #require(FlowKey.parse(f))
            #expect(FrameEditor.setIPv4Address(&f, source: true, 0xC633_6407, key: k))
            #expect(FrameEditor.setIPv4Address(&f, source: false, 0x0808_0808, key: k))
            #expect(FrameEditor.decrementTTL(&f, key: k))
            let k2 = try #require(FlowKey.parse(f))
            #expect(k2.srcIPv4 == 0xC633_6407 && k2.dstIPv4 == 0x0808_0808 && k2.ipTTL == 63)
            #expect(FrameBuilder.ipv4ChecksumIsValid(f, key: k2))
            #expect(FrameBuilder.transportChecksumIsValid(f, key: k2))
        }
        var last = FrameBuilder.ipv4(dstMAC: b, srcMAC: a, src: ipA, dst: ipB, ttl: 1)
        let lastKey = try #require(FlowKey.parse(last))
        #expect(!FrameEditor.decrementTTL(&last, key: lastKey))
    }

    @Test("VLAN push then pop gives the original frame back")
    func vlanPushPop() throws {
        let original = FrameBuilder.ipv4(dstMAC: b, srcMAC: a, src: ipA, dst: ipB)
        var f = original
        var k = try #require(FlowKey.parse(f))
        #expect(FrameEditor.pushVLAN(&f, id: 300, priority: 5, key: &k))
        let pushed = try #require(FlowKey.parse(f))
        #expect(pushed.vlanID == 300 && pushed.vlanPriority == 5 && pushed.networkOffset == k.networkOffset && pushed.srcIPv4 == ipA)
        #expect(FrameEditor.popVLAN(&f, key: &k))
        #expect(f == original)
    }
}
