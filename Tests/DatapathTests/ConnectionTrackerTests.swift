import Datapath
import EswitchModel
import Packet
import Testing

/// Connection tracking on its own: TCP states and their timeouts, UDP, zones, NAT both ways,
/// port clashes, table limits, expiry.
@Suite struct ConnectionTrackerTests {
    let a: UInt32 = 0x0A00_0001, b: UInt32 = 0x0A00_0002, c: UInt32 = 0x0A00_0003
    let macA: UInt64 = 0x0200_0000_0001, macB: UInt64 = 0x0200_0000_0002

    func tcp(_ src: UInt32, _ dst: UInt32, _ sport: UInt16, _ dport: UInt16, _ flags: UInt8) -> FlowKey {
        FlowKey.parse(FrameBuilder.tcp(dstMAC: macB, srcMAC: macA, src: src, dst: dst, srcPort: sport, dstPort: dport, flags: flags), vxlanPort: nil)!
    }

    func udp(_ src: UInt32, _ dst: UInt32, _ sport: UInt16, _ dport: UInt16) -> FlowKey {
        FlowKey.parse(FrameBuilder.ipv4(dstMAC: macB, srcMAC: macA, src: src, dst: dst, proto: 17, srcPort: sport, dstPort: dport), vxlanPort: nil)!
    }

    func at(_ seconds: Double) -> DatapathInstant { DatapathInstant(seconds: seconds) }

    @Test("A TCP connection through handshake, close and time-wait, with Linux's timeouts")
    func tcpLifecycle() {
        let ct = ConnectionTracker()
        let tuple = ConnectionTuple(tcp(a, b, 1000, 80, 0x02), zone: 1)!
        #expect(ct.track(tcp(a, b, 1000, 80, 0x02), zone: 1, commit: true, now: at(0)).state == [.tracked, .new])
        #expect(ct.connection(tuple, now: at(0))?.tcp == .synSent)
        #expect(ct.track(tcp(b, a, 80, 1000, 0x12), zone: 1, commit: false, now: at(1)).state == [.tracked, .established])
        #expect(ct.connection(tuple, now: at(1))?.tcp == .synReceived)
        #expect(ct.track(tcp(a, b, 1000, 80, 0x10), zone: 1, commit: true, now: at(2)).state == [.tracked, .established])
        #expect(ct.connection(tuple, now: at(2))?.tcp == .established)
        // Established lasts five days idle.
        #expect(ct.connection(tuple, now: at(2 + 4 * 86_400)) != nil)
        _ = ct.track(tcp(a, b, 1000, 80, 0x11), zone: 1, commit: false, now: at(3))
        #expect(ct.connection(tuple, now: at(3))?.tcp == .finWait)
        _ = ct.track(tcp(b, a, 80, 1000, 0x11), zone: 1, commit: false, now: at(4))
        #expect(ct.connection(tuple, now: at(4))?.tcp == .lastAck)
        // Last ACK within 30 s.
        #expect(ct.connection(tuple, now: at(4 + 31)) == nil)
        _ = ct.track(tcp(a, b, 1000, 80, 0x10), zone: 1, commit: false, now: at(5))
        #expect(ct.connection(tuple, now: at(5))?.tcp == .timeWait)
        #expect(ct.connection(tuple, now: at(5 + 119)) != nil && ct.connection(tuple, now: at(5 + 121)) == nil)
        // A new SYN on the closed tuple starts a new connection.
        #expect(ct.track(tcp(a, b, 1000, 80, 0x02), zone: 1, commit: true, now: at(6)).committed)
        #expect(ct.connection(tuple, now: at(6))?.tcp == .synSent && ct.count == 1)
    }

    @Test("RST closes; a half-open SYN expires after two minutes; mid-stream traffic is picked up as established")
    func tcpResetAndPickup() {
        let ct = ConnectionTracker()
        _ = ct.track(tcp(a, b, 1, 80, 0x02), zone: 1, commit: true, now: at(0))
        let tuple = ConnectionTuple(tcp(a, b, 1, 80, 0x02), zone: 1)!
        #expect(ct.connection(tuple, now: at(119)) != nil && ct.connection(tuple, now: at(121)) == nil)
        _ = ct.track(tcp(a, b, 2, 80, 0x02), zone: 1, commit: true, now: at(0))
        _ = ct.track(tcp(b, a, 80, 2, 0x04), zone: 1, commit: false, now: at(1))
        let reset = ConnectionTuple(tcp(a, b, 2, 80, 0x02), zone: 1)!
        #expect(ct.connection(reset, now: at(1))?.tcp == .close && ct.connection(reset, now: at(12)) == nil)
        _ = ct.track(tcp(a, b, 3, 80, 0x10), zone: 1, commit: true, now: at(0))
        #expect(ct.connection(ConnectionTuple(tcp(a, b, 3, 80, 0x10), zone: 1)!, now: at(0))?.tcp == .established)
    }

    @Test("UDP: 30 s until a reply is seen, 120 s after; the reply direction is established")
    func udpTimeouts() {
        let ct = ConnectionTracker()
        _ = ct.track(udp(a, b, 5000, 53), zone: 1, commit: true, now: at(0))
        #expect(ct.track(udp(a, b, 5000, 53), zone: 1, commit: true, now: at(10)).state == [.tracked, .new])
        #expect(ct.connection(ConnectionTuple(udp(a, b, 5000, 53), zone: 1)!, now: at(41)) == nil)
        _ = ct.track(udp(a, b, 5001, 53), zone: 1, commit: true, now: at(0))
        #expect(ct.track(udp(b, a, 53, 5001), zone: 1, commit: false, now: at(1)).state == [.tracked, .established])
        #expect(ct.track(udp(a, b, 5001, 53), zone: 1, commit: false, now: at(2)).state == [.tracked, .established])
        #expect(ct.connection(ConnectionTuple(udp(a, b, 5001, 53), zone: 1)!, now: at(100)) != nil)
    }

    @Test("Zones keep identical tuples apart")
    func zones() {
        let ct = ConnectionTracker()
        _ = ct.track(udp(a, b, 5000, 53), zone: 1, commit: true, now: at(0))
        #expect(ct.track(udp(b, a, 53, 5000), zone: 2, commit: false, now: at(0)).state == [.tracked, .new])
        #expect(ct.track(udp(b, a, 53, 5000), zone: 1, commit: false, now: at(0)).state == [.tracked, .established])
    }

    @Test("SNAT keeps the source port when free, picks another on a clash, and maps replies back to each inside host")
    func sourceNATPorts() throws {
        let ct = ConnectionTracker()
        let outside = IPv4Address(rawValue: 0xCB00_7101)
        let first = ct.track(udp(a, c, 4000, 53), zone: 1, commit: true, nat: .source(outside), now: at(0))
        let second = ct.track(udp(b, c, 4000, 53), zone: 1, commit: true, nat: .source(outside), now: at(0))
        let r1 = try #require(first.rewrite), r2 = try #require(second.rewrite)
        #expect(r1.sourceLow == UInt64(outside.rawValue) && r1.sourcePort == 4000)
        #expect(r2.sourceLow == UInt64(outside.rawValue) && r2.sourcePort != 4000 && r2.sourcePort >= 1024)
        let back1 = ct.track(udp(c, outside.rawValue, 53, 4000), zone: 1, commit: false, now: at(1))
        let back2 = ct.track(udp(c, outside.rawValue, 53, r2.sourcePort), zone: 1, commit: false, now: at(1))
        #expect(back1.rewrite?.destinationLow == UInt64(a) && back1.rewrite?.destinationPort == 4000)
        #expect(back2.rewrite?.destinationLow == UInt64(b) && back2.rewrite?.destinationPort == 4000)
        #expect(back1.state == [.tracked, .established])
    }

    @Test("DNAT rewrites the destination one way and the source back")
    func destinationNAT() throws {
        let ct = ConnectionTracker()
        let inside = IPv4Address(rawValue: c)
        let first = ct.track(tcp(a, b, 1000, 80, 0x02), zone: 7, commit: true, nat: .destination(inside, port: 8080), now: at(0))
        #expect(first.rewrite?.destinationLow == UInt64(c) && first.rewrite?.destinationPort == 8080)
        let reply = ct.track(tcp(c, a, 8080, 1000, 0x12), zone: 7, commit: false, now: at(1))
        #expect(reply.rewrite?.sourceLow == UInt64(b) && reply.rewrite?.sourcePort == 80 && reply.state.contains(.established))
    }

    @Test("A full table refuses commits; sweeping reclaims expired connections")
    func capacityAndSweep() {
        let ct = ConnectionTracker(capacity: 2)
        #expect(ct.track(udp(a, b, 1, 53), zone: 1, commit: true, now: at(0)).committed)
        #expect(ct.track(udp(a, b, 2, 53), zone: 1, commit: true, now: at(0)).committed)
        let refused = ct.track(udp(a, b, 3, 53), zone: 1, commit: true, now: at(0))
        #expect(!refused.committed && refused.refused && ct.refused == 1)
        #expect(ct.expire(now: at(31), budget: 10) == 2 && ct.count == 0)
        #expect(ct.track(udp(a, b, 3, 53), zone: 1, commit: true, now: at(31)).committed)
    }
}
