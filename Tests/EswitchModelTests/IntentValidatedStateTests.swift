import EswitchModel
import Testing

@Suite struct IntentValidatedStateTests {
    @Test func lookupsByIdentity() throws {
        let v = try Baseline.state.validated()
        #expect(v.port("p2")?.mac == mac("52:54:00:10:00:02"))
        #expect(v.port("nope") == nil)
        #expect(v.network(vni: VNI(rawValue: 1002))?.id == "db")
        #expect(v.network("web")?.mtu == 1450)
        #expect(v.subnets(of: "web").map(\.id) == ["web-v4", "web-v6"])
        #expect(v.subnet(containing: ip("2001:db8:10::99"), in: "web")?.id == "web-v6")
        #expect(v.subnet(containing: ip("10.20.0.5"), in: "web") == nil)
        #expect(v.ports(of: "web").map(\.id) == ["p1", "p2"])
        #expect(v.localPorts.map(\.id) == ["p1", "p2"])
        #expect(v.ports(on: "compute-b").map(\.id) == ["p3"])
        #expect(v.port(mac: mac("52:54:00:20:00:01"), in: "db")?.id == "p3")
        #expect(v.port(mac: mac("52:54:00:20:00:01"), in: "web") == nil)
        #expect(v.remoteEndpoints(of: "web").map(\.mac) == [mac("52:54:00:10:00:63")])
        #expect(v.vtep(of: "compute-a") == ip("192.0.2.11"))
        #expect(v.vtep(of: "compute-b") == ip("192.0.2.12"))
        #expect(v.vtep(of: "compute-z") == nil)
        #expect(v.router(attachedTo: "db-v4")?.id == "r1")
        #expect(v.floatingIPs(of: "p1").map(\.externalIP) == [ip("203.0.113.10")])
        #expect(v.floatingIPs(of: "p2").isEmpty)
        #expect(v.securityGroups(of: v.port("p3")!).map(\.id) == ["db"])
        #expect(v.qosPolicy("gold")?.rateBps == 1_000_000_000)
    }

    @Test func snatCoversNetworksThroughTheirRouter() throws {
        let v = try Baseline.state.validated()
        #expect(v.snat(for: "web")?.externalIP == ip("203.0.113.1"))
        #expect(v.snat(for: "db")?.gatewayNode == "compute-b")
        var direct = Baseline.state
        direct.routers[0].interfaces.removeLast()
        direct.snat = [SNATRule(network: "web", gatewayNode: "compute-a", externalIP: ip("203.0.113.2"))]
        let w = try direct.validated()
        #expect(w.snat(for: "web")?.gatewayNode == "compute-a")
        #expect(w.snat(for: "db") == nil)
    }

    @Test func orderOfTheInputDoesNotMatter() throws {
        var shuffled = Baseline.state
        shuffled.ports.reverse()
        shuffled.subnets.reverse()
        shuffled.networks.reverse()
        shuffled.ports[0].fixedIPs.reverse()
        shuffled.securityGroups.reverse()
        shuffled.routers[0].interfaces.reverse()
        #expect(shuffled != Baseline.state)
        #expect(try shuffled.validated() == Baseline.state.validated())
        #expect(try shuffled.validated().state.ports.map(\.id) == ["p1", "p2", "p3"])
    }

    @Test func canonicalRuleOrder() {
        var state = Baseline.state
        state.securityGroups[0].rules = [
            SecurityGroupRule(direction: .egress, ethertype: .ipv4),
            SecurityGroupRule(direction: .ingress, ethertype: .ipv6, protocol: .tcp, portRangeMin: 22, portRangeMax: 22),
            SecurityGroupRule(direction: .ingress, ethertype: .ipv4, protocol: .udp, portRangeMin: 53, portRangeMax: 53),
            SecurityGroupRule(direction: .ingress, ethertype: .ipv4, protocol: .tcp, portRangeMin: 22, portRangeMax: 22, remoteCIDR: cidr("10.0.0.0/8")),
            SecurityGroupRule(direction: .ingress, ethertype: .ipv4, protocol: .tcp, portRangeMin: 22, portRangeMax: 22),
        ]
        let rules = state.canonicalized().securityGroups.first { $0.id == "web" }!.rules
        #expect(rules == [
            SecurityGroupRule(direction: .ingress, ethertype: .ipv4, protocol: .tcp, portRangeMin: 22, portRangeMax: 22),
            SecurityGroupRule(direction: .ingress, ethertype: .ipv4, protocol: .tcp, portRangeMin: 22, portRangeMax: 22, remoteCIDR: cidr("10.0.0.0/8")),
            SecurityGroupRule(direction: .ingress, ethertype: .ipv4, protocol: .udp, portRangeMin: 53, portRangeMax: 53),
            SecurityGroupRule(direction: .ingress, ethertype: .ipv6, protocol: .tcp, portRangeMin: 22, portRangeMax: 22),
            SecurityGroupRule(direction: .egress, ethertype: .ipv4),
        ])
    }

    /// 10,000 ports in 100 networks on 10 nodes, 100,000 rules: validation and indexing stay
    /// linear. No timing assertion (the machine is shared); the figures are printed.
    @Test func largeWorldValidates() throws {
        var state = NetworkState(node: LocalNode(name: "n0", vtep: ip("10.255.0.1"), uplink: .netdev("p0")))
        for n in 1...9 { state.nodes.append(RemoteNode(name: NodeName("n\(n)"), vtep: ip("10.255.0.\(n + 1)"))) }
        var rules: [SecurityGroupRule] = []
        for r in 0..<100_000 {
            let port = UInt16(1 + r % 60_000)
            rules.append(SecurityGroupRule(
                direction: r % 2 == 0 ? .ingress : .egress, ethertype: .ipv4, protocol: .tcp, portRangeMin: port, portRangeMax: port,
                remoteCIDR: CIDR(address: .v4(IPv4Address(rawValue: UInt32(r / 60_000) << 24)), prefixLength: 8)!))
        }
        state.securityGroups = (0..<10).map { g in SecurityGroup(id: SecurityGroupID("sg\(g)"), rules: Array(rules[(g * 10_000)..<((g + 1) * 10_000)])) }
        for net in 0..<100 {
            let networkID = NetworkID("net\(net)"), subnetID = SubnetID("sub\(net)")
            state.networks.append(Network(id: networkID, vni: VNI(rawValue: UInt32(1000 + net))))
            state.subnets.append(Subnet(
                id: subnetID, network: networkID, cidr: CIDR(address: .v4(IPv4Address(10, UInt8(net), 0, 0)), prefixLength: 16)!,
                gatewayIP: .v4(IPv4Address(10, UInt8(net), 0, 1)), gatewayMAC: mac("fa:16:3e:00:00:01")))
            for p in 0..<100 {
                let index = net * 100 + p
                state.ports.append(Port(
                    id: PortID("port\(index)"), vm: VMID("vm\(index)"), network: networkID, node: NodeName("n\(index % 10)"),
                    mac: MACAddress(integer: 0x5254_0000_0000 + UInt64(index)),
                    fixedIPs: [FixedIP(subnet: subnetID, ip: .v4(IPv4Address(10, UInt8(net), UInt8(p / 200 + 1), UInt8(p % 200 + 2))))],
                    binding: .vf, securityGroups: [SecurityGroupID("sg\(index % 10)")]))
            }
        }
        let clock = ContinuousClock()
        var validated: ValidatedNetworkState?
        let elapsed = try clock.measure { validated = try state.validated() }
        #expect(validated?.ports(of: "net7").count == 100)
        #expect(validated?.localPorts.count == 1000)
        print("validated 10,000 ports and 100,000 rules in \(elapsed)")
    }
}
