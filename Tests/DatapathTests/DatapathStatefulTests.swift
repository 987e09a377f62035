import Datapath
import EswitchModel
import Packet
import Testing

/// Security groups with connection tracking, source NAT through the gateway node and floating IPs.
@Suite struct DatapathStatefulTests {
    typealias F = DatapathFixtures

    @Test("A stateful group lets replies in: web-1's connection to 10.10.0.99:443 gets its answer; an unsolicited packet does not")
    func statefulReply() throws {
        let dp = try F.datapath(F.example())
        let syn = FrameBuilder.tcp(dstMAC: F.remoteMAC, srcMAC: F.web1MAC, src: F.web1IP, dst: F.remoteIP, srcPort: 40000, dstPort: 443, flags: 0x02)
        #expect(dp.send(syn, from: dp.from("web-1-eth0")).count == 1)
        // The answer comes from port 443 to web-1's port 40000: no ingress rule allows that, the connection does.
        let synAck = FrameBuilder.tcp(dstMAC: F.web1MAC, srcMAC: F.remoteMAC, src: F.remoteIP, dst: F.web1IP, srcPort: 443, dstPort: 40000, flags: 0x12)
        let out = dp.send(F.fromComputeB(synAck, vni: 1001), from: .uplink, at: 0.01)
        #expect(out.count == 1 && out.first?.egress == dp.to("web-1-eth0") && out.first?.frame == synAck)
        let tuple = ConnectionTuple(zone: 1001, proto: 6, sourceLow: UInt64(F.web1IP), destinationLow: UInt64(F.remoteIP), sourcePort: 40000, destinationPort: 443)
        #expect(dp.conntrack.connection(tuple, now: DatapathInstant(seconds: 0.01))?.tcp == .synReceived)
        // Not a reply to anything: dropped by web-1's ingress filter.
        let stray = FrameBuilder.tcp(dstMAC: F.web1MAC, srcMAC: F.remoteMAC, src: F.remoteIP, dst: F.web1IP, srcPort: 443, dstPort: 40001, flags: 0x12)
        #expect(dp.send(F.fromComputeB(stray, vni: 1001), from: .uplink, at: 0.02).isEmpty)
        #expect(dp.counters.dropped(.dropAction) == 1)
        // Ping from inside 10/8 is allowed in by rule.
        let ping = FrameBuilder.ipv4(dstMAC: F.web1MAC, srcMAC: F.remoteMAC, src: F.remoteIP, dst: F.web1IP, proto: 1)
        #expect(dp.send(F.fromComputeB(ping, vni: 1001), from: .uplink, at: 0.03).count == 1)
    }

    @Test("SNAT through the gateway node: web-2 to the internet leaves as 203.0.113.1, the reply comes back to web-2")
    func sourceNATAndReturn() throws {
        let state = try F.example { state in
            state.snat = [SNATRule(network: "web", gatewayNode: "compute-a", externalIP: IPAddress("203.0.113.1")!)]
        }
        let dp = try F.datapath(state)
        let request = F.tagged(FrameBuilder.tcp(dstMAC: F.gatewayMAC, srcMAC: F.web2MAC, src: F.web2IP, dst: F.internetIP,
                                                srcPort: 40000, dstPort: 443, flags: 0x02), vlan: F.web2VLAN)
        let out = dp.send(request, from: dp.from("web-2-eth0"))
        try #require(out.count == 1)
        #expect(out[0].egress == .external)
        let key = try #require(FlowKey.parse(out[0].frame))
        #expect(key.vlanCount == 0 && key.dstMAC == F.externalRouter && key.srcMAC == F.underlayMAC)
        #expect(key.srcIPv4 == F.snatIP && key.dstIPv4 == F.internetIP && key.srcPort == 40000)
        #expect(FrameBuilder.ipv4ChecksumIsValid(out[0].frame, key: key) && FrameBuilder.transportChecksumIsValid(out[0].frame, key: key))
        // The reply to 203.0.113.1:40000 is translated back and routed to web-2.
        let reply = FrameBuilder.tcp(dstMAC: F.underlayMAC, srcMAC: F.externalRouter, src: F.internetIP, dst: F.snatIP, srcPort: 443, dstPort: 40000, flags: 0x12, ttl: 50)
        let back = dp.send(reply, from: .uplink, at: 0.01)
        try #require(back.count == 1)
        #expect(back[0].egress == dp.to("web-2-eth0"))
        let returned = try #require(FlowKey.parse(back[0].frame))
        #expect(returned.vlanID == F.web2VLAN && returned.dstMAC == F.web2MAC && returned.srcMAC == F.gatewayMAC)
        #expect(returned.dstIPv4 == F.web2IP && returned.dstPort == 40000 && returned.srcIPv4 == F.internetIP && returned.ipTTL == 49)
        #expect(FrameBuilder.ipv4ChecksumIsValid(back[0].frame, key: returned) && FrameBuilder.transportChecksumIsValid(back[0].frame, key: returned))
        // Nothing was asked for at 203.0.113.1:40002: dropped.
        let unsolicited = FrameBuilder.tcp(dstMAC: F.underlayMAC, srcMAC: F.externalRouter, src: F.internetIP, dst: F.snatIP, srcPort: 443, dstPort: 40002, flags: 0x02)
        #expect(dp.send(unsolicited, from: .uplink, at: 0.02).isEmpty)
        // No connection restores its address, so the routing chain after `ct nat` has no rule for it.
        #expect(dp.counters.dropped(.noRule) == 1)
    }

    @Test("Floating IP: web-1 leaves as 203.0.113.10; traffic to 203.0.113.10 reaches web-1 (new connections by its group, replies by conntrack)")
    func floatingIP() throws {
        let dp = try F.datapath(F.example())
        let request = FrameBuilder.tcp(dstMAC: F.gatewayMAC, srcMAC: F.web1MAC, src: F.web1IP, dst: F.internetIP, srcPort: 40000, dstPort: 443, flags: 0x02)
        let out = dp.send(request, from: dp.from("web-1-eth0"))
        try #require(out.count == 1)
        let key = try #require(FlowKey.parse(out[0].frame))
        #expect(out[0].egress == .external && key.srcIPv4 == F.floatingIP && key.ipTTL == 63 && key.dstMAC == F.externalRouter)
        #expect(FrameBuilder.ipv4ChecksumIsValid(out[0].frame, key: key) && FrameBuilder.transportChecksumIsValid(out[0].frame, key: key))
        // The reply (source port 443, not allowed by rule) is let in by the connection.
        let reply = FrameBuilder.tcp(dstMAC: F.underlayMAC, srcMAC: F.externalRouter, src: F.internetIP, dst: F.floatingIP, srcPort: 443, dstPort: 40000, flags: 0x12)
        let back = dp.send(reply, from: .uplink, at: 0.01)
        try #require(back.count == 1)
        let returned = try #require(FlowKey.parse(back[0].frame))
        #expect(back[0].egress == dp.to("web-1-eth0") && returned.dstIPv4 == F.web1IP && returned.dstMAC == F.web1MAC && returned.srcMAC == F.gatewayMAC)
        #expect(FrameBuilder.transportChecksumIsValid(back[0].frame, key: returned))
        // A new connection from the internet to the floating IP: 443 is let in, 22 is not.
        let https = FrameBuilder.tcp(dstMAC: F.underlayMAC, srcMAC: F.externalRouter, src: 0x0102_0304, dst: F.floatingIP, srcPort: 55555, dstPort: 443, flags: 0x02)
        #expect(dp.send(https, from: .uplink, at: 0.02).first?.egress == dp.to("web-1-eth0"))
        let ssh = FrameBuilder.tcp(dstMAC: F.underlayMAC, srcMAC: F.externalRouter, src: 0x0102_0304, dst: F.floatingIP, srcPort: 55556, dstPort: 22, flags: 0x02)
        #expect(dp.send(ssh, from: .uplink, at: 0.03).isEmpty)
    }

    @Test("Without an external next hop, external output is dropped and counted")
    func noExternalNextHop() throws {
        let dp = try F.datapath(F.example())
        dp.setExternalNextHop(nil)
        let request = FrameBuilder.tcp(dstMAC: F.gatewayMAC, srcMAC: F.web1MAC, src: F.web1IP, dst: F.internetIP, srcPort: 40000, dstPort: 443, flags: 0x02)
        #expect(dp.send(request, from: dp.from("web-1-eth0")).isEmpty)
        #expect(dp.counters.dropped(.noExternalNextHop) == 1)
    }
}
