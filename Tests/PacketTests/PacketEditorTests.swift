import Packet
import Testing

/// The writers the slow path uses: port and identifier rewrites, ARP replies, in-place VXLAN,
/// and the new parse fields (TCP flags, echo identifier, ND target).
@Suite("packet writers for the slow path")
struct PacketEditorTests {
    let a: UInt64 = 0x0200_0000_000A, b: UInt64 = 0x0200_0000_000B
    let ipA: UInt32 = 0x0A00_0001, ipB: UInt32 = 0x0A00_0002

    @Test("Port rewrites keep TCP and UDP checksums valid; a zero UDP checksum stays zero")
    func transportPorts() throws {
        for proto: UInt8 in [6, 17] {
            var f = FrameBuilder.ipv4(dstMAC: b, srcMAC: a, src: ipA, dst: ipB, proto: proto, srcPort: 1234, dstPort: 80)
            let key = try #require(FlowKey.parse(f))
            #expect(FrameEditor.setTransportPort(&f, source: true, 61000, key: key))
            #expect(FrameEditor.setTransportPort(&f, source: false, 8080, key: key))
            let after = try #require(FlowKey.parse(f))
            #expect(after.srcPort == 61000 && after.dstPort == 8080 && FrameBuilder.transportChecksumIsValid(f, key: after))
        }
        var zero = FrameBuilder.ipv4(dstMAC: b, srcMAC: a, src: ipA, dst: ipB, proto: 17)
        let key = try #require(FlowKey.parse(zero))
        zero[key.transportOffset + 6] = 0
        zero[key.transportOffset + 7] = 0
        #expect(FrameEditor.setTransportPort(&zero, source: true, 9, key: key))
        #expect(zero[key.transportOffset + 6] == 0 && zero[key.transportOffset + 7] == 0)
        var icmp = FrameBuilder.ipv4(dstMAC: b, srcMAC: a, src: ipA, dst: ipB, proto: 1)
        #expect(!FrameEditor.setTransportPort(&icmp, source: true, 9, key: try #require(FlowKey.parse(icmp))))
    }

    @Test("Echo identifiers parse and rewrite with a valid ICMP checksum")
    func echoIdentifier() throws {
        var f = FrameBuilder.ipv4(dstMAC: b, srcMAC: a, src: ipA, dst: ipB, proto: 1)
        let key = try #require(FlowKey.parse(f))
        #expect(key.icmpIdentifier == 0)
        #expect(FrameEditor.setICMPIdentifier(&f, 0xBEEF, key: key))
        let after = try #require(FlowKey.parse(f))
        #expect(after.icmpIdentifier == 0xBEEF && FrameBuilder.transportChecksumIsValid(f, key: after))
    }

    @Test("TCP flags are parsed")
    func tcpFlags() throws {
        let f = FrameBuilder.tcp(dstMAC: b, srcMAC: a, src: ipA, dst: ipB, srcPort: 1, dstPort: 2, flags: 0x12)
        let key = try #require(FlowKey.parse(f))
        #expect(key.tcpFlags == 0x12 && FrameBuilder.transportChecksumIsValid(f, key: key))
    }

    @Test("An ARP request turns into its reply; other frames are left alone")
    func arpReply() throws {
        var f = FrameBuilder.arpRequest(srcMAC: a, sender: ipA, target: ipB)
        #expect(FrameEditor.makeARPReply(&f, key: try #require(FlowKey.parse(f)), ownerMAC: b))
        let key = try #require(FlowKey.parse(f))
        #expect(key.arpOp == 2 && key.arpSHA == b && key.arpSIP == ipB && key.arpTHA == a && key.arpTIP == ipA)
        #expect(key.dstMAC == a && key.srcMAC == b)
        var ip = FrameBuilder.ipv4(dstMAC: b, srcMAC: a, src: ipA, dst: ipB)
        let before = ip
        #expect(!FrameEditor.makeARPReply(&ip, key: try #require(FlowKey.parse(ip)), ownerMAC: b) && ip == before)
    }

    @Test("In-place VXLAN encapsulation equals the copying one; in-place decapsulation gives the inner frame back")
    func vxlanInPlace() throws {
        let inner = FrameBuilder.ipv4(dstMAC: b, srcMAC: a, src: ipA, dst: ipB, srcPort: 777)
        let innerKey = try #require(FlowKey.parse(inner))
        let encap = VXLANEncapsulation(sourceMAC: 0x0400_0000_0001, destinationMAC: 0x0400_0000_0002, sourceIP: 0xC0A8_0001, destinationIP: 0xC0A8_0002, vni: 77)
        var frame = inner
        encap.encapsulate(inPlace: &frame, innerKey: innerKey)
        #expect(frame == encap.encapsulate(inner, innerKey: innerKey))
        var key = try #require(FlowKey.parse(frame))
        #expect(VXLANEncapsulation.decapsulate(inPlace: &frame, key: &key))
        #expect(frame == inner && !key.hasTunnel && key.networkOffset == 14 && key.transportOffset == 34)
        var plain = inner
        var plainKey = innerKey
        #expect(!VXLANEncapsulation.decapsulate(inPlace: &plain, key: &plainKey))
    }

    @Test("Neighbour solicitation parses (target, source link-layer option); the advertisement answering it is well formed")
    func neighbourDiscovery() throws {
        let sender = NeighbourDiscovery.Address(high: 0x2001_0DB8_0000_0000, low: 0x10)
        let target = NeighbourDiscovery.Address(high: 0x2001_0DB8_0000_0000, low: 0x0123_4567)
        var f = FrameBuilder.neighbourSolicitation(srcMAC: a, sender: sender, target: target)
        let key = try #require(FlowKey.parse(f))
        #expect(key.icmpType == 135 && key.ndTargetHigh == target.high && key.ndTargetLow == target.low && key.ndLinkLayer == a)
        #expect(key.dstMAC == 0x3333_FF23_4567 && key.dstIPv6Low == 0x0000_0001_FF23_4567 && key.ipTTL == 255)
        #expect(FrameBuilder.transportChecksumIsValid(f, key: key))
        #expect(NeighbourDiscovery.makeAdvertisement(&f, solicitation: key, ownerMAC: b, router: false))
        let na = try #require(FlowKey.parse(f))
        #expect(na.icmpType == 136 && na.ndTargetLow == target.low && na.ndLinkLayer == b && na.dstMAC == a && na.srcMAC == b)
        #expect(f[na.transportOffset + 4] == 0x60, "solicited, override")
        #expect(FrameBuilder.transportChecksumIsValid(f, key: na))
        // A duplicate address probe (from ::) is answered to all nodes, unsolicited.
        var probe = FrameBuilder.neighbourSolicitation(srcMAC: a, sender: .unspecified, target: target)
        #expect(NeighbourDiscovery.makeAdvertisement(&probe, solicitation: try #require(FlowKey.parse(probe)), ownerMAC: b, router: true))
        let unsolicited = try #require(FlowKey.parse(probe))
        #expect(unsolicited.dstMAC == 0x3333_0000_0001 && unsolicited.dstIPv6Low == 1 && probe[unsolicited.transportOffset + 4] == 0xA0)
    }
}
