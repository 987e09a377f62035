import Datapath
import EswitchModel
import Packet
import Testing

/// Forwarding through the compiled example: L2 in a network, L3 through the gateway MAC, VXLAN
/// to and from compute-b, TTL handling, tenant isolation.
@Suite struct DatapathForwardingTests {
    typealias F = DatapathFixtures

    @Test("L2 in a network: web-1 to web-2 through web-2's security group, tagged with its VLAN")
    func sameNetwork() throws {
        let dp = try F.datapath(F.example())
        let frame = FrameBuilder.ipv4(dstMAC: F.web2MAC, srcMAC: F.web1MAC, src: F.web1IP, dst: F.web2IP, proto: 6, srcPort: 40000, dstPort: 443)
        let out = dp.send(frame, from: dp.from("web-1-eth0"))
        #expect(out.count == 1)
        #expect(out.first?.egress == dp.to("web-2-eth0"))
        #expect(out.first?.frame == F.tagged(frame, vlan: F.web2VLAN))
        // Port 22 is not in web's egress rules: dropped at web-1's egress filter.
        let ssh = FrameBuilder.ipv4(dstMAC: F.web2MAC, srcMAC: F.web1MAC, src: F.web1IP, dst: F.web2IP, proto: 6, srcPort: 40000, dstPort: 22)
        #expect(dp.send(ssh, from: dp.from("web-1-eth0")).isEmpty)
        #expect(dp.counters.dropped(.dropAction) == 1)
    }

    @Test("L3 on this node: tools (db network) to web-2 through the gateway MAC, TTL - 1, MACs rewritten")
    func routedLocally() throws {
        let dp = try F.datapath(F.example())
        let frame = FrameBuilder.ipv4(dstMAC: F.gatewayMAC, srcMAC: F.toolsMAC, src: F.toolsIP, dst: F.web2IP, proto: 6, srcPort: 40000, dstPort: 443, ttl: 64)
        let out = dp.send(frame, from: dp.from("tools-eth0"))
        try #require(out.count == 1)
        #expect(out[0].egress == dp.to("web-2-eth0"))
        let key = try #require(FlowKey.parse(out[0].frame))
        #expect(key.vlanCount == 1 && key.vlanID == F.web2VLAN)
        #expect(key.srcMAC == F.gatewayMAC && key.dstMAC == F.web2MAC)
        #expect(key.ipTTL == 63 && key.srcIPv4 == F.toolsIP && key.dstIPv4 == F.web2IP)
        #expect(FrameBuilder.ipv4ChecksumIsValid(out[0].frame, key: key) && FrameBuilder.transportChecksumIsValid(out[0].frame, key: key))
        // web-2's group lets TCP 443 in, not 22.
        let ssh = FrameBuilder.ipv4(dstMAC: F.gatewayMAC, srcMAC: F.toolsMAC, src: F.toolsIP, dst: F.web2IP, proto: 6, srcPort: 40001, dstPort: 22)
        #expect(dp.send(ssh, from: dp.from("tools-eth0")).isEmpty)
    }

    @Test("L3 across nodes: web-1 to db-1 on compute-b, TTL - 1, VXLAN with the db network's VNI")
    func routedAcrossNodes() throws {
        let dp = try F.datapath(F.example())
        let frame = FrameBuilder.ipv4(dstMAC: F.gatewayMAC, srcMAC: F.web1MAC, src: F.web1IP, dst: F.db1IP, proto: 6, srcPort: 40000, dstPort: 443, ttl: 9)
        let out = dp.send(frame, from: dp.from("web-1-eth0"))
        try #require(out.count == 1)
        #expect(out[0].egress == .tunnel(remote: IPv4Address(rawValue: F.computeBVTEP)))
        let key = try #require(FlowKey.parse(out[0].frame))
        #expect(key.hasTunnel && key.encKeyID == 1002 && key.encSrcIPv4 == F.localVTEP && key.encDstIPv4 == F.computeBVTEP && key.encDstPort == 4789)
        #expect(VXLANEncapsulation.rfcSourcePorts.contains(key.encSrcPort))
        #expect(out[0].frame.prefix(12).elementsEqual([0x02, 0, 0, 0, 0xBB, 0x02, 0x02, 0, 0, 0, 0xAA, 0x01]), "outer MACs: next hop, underlay")
        #expect(FrameBuilder.ipv4ChecksumIsValid(out[0].frame, key: key, outer: true))
        #expect(key.srcMAC == F.gatewayMAC && key.dstMAC == F.db1MAC && key.ipTTL == 8)
        let inner = Array(out[0].frame[key.innerOffset...])
        let innerKey = try #require(FlowKey.parse(inner, vxlanPort: nil))
        #expect(FrameBuilder.ipv4ChecksumIsValid(inner, key: innerKey))
    }

    @Test("L2 to a remote endpoint: VXLAN to compute-b's VTEP; the source port follows the inner flow")
    func encapsulatesToRemoteVTEP() throws {
        let dp = try F.datapath(F.example())
        var ports: Set<UInt16> = []
        for sourcePort in UInt16(40000)..<40008 {
            let frame = FrameBuilder.ipv4(dstMAC: F.remoteMAC, srcMAC: F.web1MAC, src: F.web1IP, dst: F.remoteIP, proto: 6, srcPort: sourcePort, dstPort: 443)
            let out = dp.send(frame, from: dp.from("web-1-eth0"))
            try #require(out.count == 1)
            let key = try #require(FlowKey.parse(out[0].frame))
            #expect(key.encKeyID == 1001 && Array(out[0].frame[50...]) == frame)
            ports.insert(key.encSrcPort)
            // The same flow again takes the same port.
            #expect(FlowKey.parse(dp.send(frame, from: dp.from("web-1-eth0"))[0].frame)?.encSrcPort == key.encSrcPort)
        }
        #expect(ports.count > 1)
    }

    @Test("Decap by VNI: VXLAN 1001 to web-1's MAC is delivered to web-1; the same inner frame in VNI 1002 is not")
    func decapsulatesByVNI() throws {
        let dp = try F.datapath(F.example())
        let inner = FrameBuilder.ipv4(dstMAC: F.web1MAC, srcMAC: F.remoteMAC, src: F.remoteIP, dst: F.web1IP, proto: 6, srcPort: 50000, dstPort: 443)
        let out = dp.send(F.fromComputeB(inner, vni: 1001), from: .uplink)
        #expect(out.count == 1 && out.first?.egress == dp.to("web-1-eth0") && out.first?.frame == inner)
        #expect(dp.send(F.fromComputeB(inner, vni: 1002), from: .uplink).isEmpty)
        #expect(dp.counters.dropped(.noRule) == 1)
    }

    @Test("TTL 1 is not forwarded (routed and floating IP paths)")
    func ttlOneIsDropped() throws {
        let dp = try F.datapath(F.example())
        let routed = FrameBuilder.ipv4(dstMAC: F.gatewayMAC, srcMAC: F.toolsMAC, src: F.toolsIP, dst: F.web2IP, proto: 6, srcPort: 40000, dstPort: 443, ttl: 1)
        #expect(dp.send(routed, from: dp.from("tools-eth0")).isEmpty)
        let out = FrameBuilder.ipv4(dstMAC: F.gatewayMAC, srcMAC: F.web1MAC, src: F.web1IP, dst: F.internetIP, proto: 6, srcPort: 40000, dstPort: 443, ttl: 1)
        #expect(dp.send(out, from: dp.from("web-1-eth0")).isEmpty)
        #expect(dp.counters.dropped(.ttlExpired) == 2)
        // TTL 2 passes with 1 left.
        let two = FrameBuilder.ipv4(dstMAC: F.gatewayMAC, srcMAC: F.toolsMAC, src: F.toolsIP, dst: F.web2IP, proto: 6, srcPort: 40000, dstPort: 443, ttl: 2)
        #expect(FlowKey.parse(dp.send(two, from: dp.from("tools-eth0")).first?.frame ?? [])?.ipTTL == 1)
    }

    @Test("Tenant isolation: the same addresses in two networks never reach each other")
    func tenantIsolation() throws {
        let state = try F.example(Self.addBlueNetwork)
        let dp = try F.datapath(state)
        // blue-1 to blue-2 by IP and MAC: delivered to blue-2 only.
        let toBlue2 = FrameBuilder.ipv4(dstMAC: Self.blue2MAC, srcMAC: Self.blue1MAC, src: F.web1IP, dst: F.web2IP, proto: 17)
        let out = dp.send(toBlue2, from: dp.from("blue-1"))
        #expect(out.map(\.egress) == [dp.to("blue-2")])
        // blue-1 to web-2's MAC (same IP as blue-2): unknown in blue, flooded in blue only.
        let toWeb2 = FrameBuilder.ipv4(dstMAC: F.web2MAC, srcMAC: Self.blue1MAC, src: F.web1IP, dst: F.web2IP, proto: 17)
        let flooded = dp.send(toWeb2, from: dp.from("blue-1"))
        #expect(flooded.map(\.egress) == [dp.to("blue-2")])
        // ARP for 10.10.0.12 is answered with the asker's network's owner.
        let blueAnswer = dp.send(FrameBuilder.arpRequest(srcMAC: Self.blue1MAC, sender: F.web1IP, target: F.web2IP), from: dp.from("blue-1"))
        #expect(blueAnswer.count == 1 && FlowKey.parse(blueAnswer[0].frame)?.arpSHA == Self.blue2MAC)
        let webAnswer = dp.send(FrameBuilder.arpRequest(srcMAC: F.web1MAC, sender: F.web1IP, target: F.web2IP), from: dp.from("web-1-eth0"))
        #expect(webAnswer.count == 1 && FlowKey.parse(webAnswer[0].frame)?.arpSHA == F.web2MAC)
        // And VXLAN of the blue VNI never reaches a web port.
        let inner = FrameBuilder.ipv4(dstMAC: F.web1MAC, srcMAC: F.remoteMAC, src: F.remoteIP, dst: F.web1IP, proto: 6, srcPort: 50000, dstPort: 443)
        #expect(dp.send(F.fromComputeB(inner, vni: 2001), from: .uplink).isEmpty)
    }

    static let blue1MAC: UInt64 = 0x5254_0030_0001
    static let blue2MAC: UInt64 = 0x5254_0030_0002

    /// A second tenant network `blue` (VNI 2001) with web's subnet prefix and two local ports with
    /// web-1's and web-2's addresses, in a group that lets everything in.
    static func addBlueNetwork(_ state: inout NetworkState) {
        state.networks.append(Network(id: "blue", vni: VNI(rawValue: 2001)))
        state.subnets.append(Subnet(id: "blue-v4", network: "blue", cidr: CIDR("10.10.0.0/24")!))
        state.securityGroups.append(SecurityGroup(id: "open", stateful: false, rules: [SecurityGroupRule(direction: .ingress, ethertype: .ipv4)]))
        for (name, mac, ip) in [("blue-1", blue1MAC, "10.10.0.11"), ("blue-2", blue2MAC, "10.10.0.12")] {
            state.ports.append(Port(id: PortID(name), vm: VMID(name), network: "blue", node: "compute-a", mac: MACAddress(integer: mac),
                                    fixedIPs: [FixedIP(subnet: "blue-v4", ip: IPAddress(ip)!)], binding: .vf, securityGroups: ["open"]))
        }
    }
}
