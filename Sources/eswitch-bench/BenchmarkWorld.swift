import EswitchModel

/// The cloud of the compiler benchmarks: 10,000 ports on 10 nodes, seen from one of them.
///
/// - 10 nodes (this one and 9 others), 1,000 networks of 10 ports each, one port of every network
///   on this node: 1,000 local ports, 9,000 remote ones, plus one remote endpoint per network
///   (an appliance announced by the control plane);
/// - every network dual stack (an IPv4 /24 and an IPv6 /64 with gateways on one distributed
///   router MAC); 250 routers, each connecting the subnets of 4 networks (a tenant), with SNAT
///   through a remote gateway node;
/// - one stateful security group per tenant (router), on every port of the tenant's 4 networks
///   (SSH from the cloud, HTTP/HTTPS, an 8000-8099 range, DNS, ping, and egress to anywhere), a
///   QoS policy on every local port, a floating IP on every fourth local port;
/// - ids shaped like a cloud's UUIDs (36 characters).
///
/// Each local port thus sends L2 to 10 destinations, routes to the 40 addresses of the 30 ports
/// and 3 endpoints of its 3 sibling networks (twice: IPv4 and IPv6) and delivers to 3 local ports
/// besides itself: about 130 rules per local port, 130,000 for the node.
enum BenchmarkWorld {
    static let nodeCount = 10
    static let networkCount = 1_000
    static let portsPerNetwork = 10
    static let networksPerRouter = 4
    static let localNode = NodeName("compute-000")
    static let gatewayMAC = MACAddress(integer: 0xfa16_3e00_0001)

    static func node(_ n: Int) -> NodeName { NodeName("compute-\(String(n).leftPadded(3, with: "0"))") }
    static func uuid(_ kind: UInt32, _ n: Int) -> String {
        let hex = String(n, radix: 16).leftPadded(12, with: "0")
        return "\(String(kind, radix: 16).leftPadded(8, with: "0"))-0000-4000-8000-\(hex)"
    }
    static func portID(network: Int, index: Int) -> PortID { PortID(uuid(0x9047, network * portsPerNetwork + index)) }
    static func networkID(_ i: Int) -> NetworkID { NetworkID(uuid(0x4e37, i)) }
    static func ipv4(network i: Int, host: UInt8) -> IPAddress { .v4(IPv4Address(10, UInt8(i / 256), UInt8(i % 256), host)) }
    static func ipv6(network i: Int, host: UInt64) -> IPAddress { .v6(IPv6Address(high: 0xfd00_0000_0000_0000 | UInt64(i) << 16, low: host)) }

    /// The node that hosts port `index` of network `i`: exactly one per network is local.
    static func nodeIndex(network i: Int, index: Int) -> Int { (i + index) % nodeCount }

    /// The intent, not yet validated.
    static func state() -> NetworkState {
        var s = NetworkState(node: LocalNode(name: localNode, vtep: .v4(IPv4Address(172, 16, 0, 1)), uplink: .netdev("p0")))
        s.nodes = (1..<nodeCount).map { RemoteNode(name: node($0), vtep: .v4(IPv4Address(172, 16, 0, UInt8(1 + $0)))) }
        s.qosPolicies = [QoSPolicy(id: "gold", rateBps: 1_000_000_000, burstBytes: 1_250_000)]
        s.securityGroups = (0..<(networkCount / networksPerRouter)).map { webGroup(securityGroupID(tenant: $0)) }
        s.networks.reserveCapacity(networkCount)
        s.subnets.reserveCapacity(2 * networkCount)
        s.ports.reserveCapacity(networkCount * portsPerNetwork)
        for i in 0..<networkCount {
            let network = networkID(i)
            s.networks.append(Network(id: network, vni: VNI(rawValue: UInt32(10_000 + i))))
            let v4 = SubnetID("\(network)-v4"), v6 = SubnetID("\(network)-v6")
            s.subnets.append(Subnet(id: v4, network: network, cidr: CIDR(address: ipv4(network: i, host: 0), prefixLength: 24)!,
                                    gatewayIP: ipv4(network: i, host: 1), gatewayMAC: gatewayMAC))
            s.subnets.append(Subnet(id: v6, network: network, cidr: CIDR(address: ipv6(network: i, host: 0), prefixLength: 64)!,
                                    gatewayIP: ipv6(network: i, host: 1), gatewayMAC: gatewayMAC))
            for k in 0..<portsPerNetwork {
                let n = nodeIndex(network: i, index: k)
                let host = UInt8(10 + k)
                var port = Port(id: portID(network: i, index: k), vm: VMID(uuid(0x7a11, i * portsPerNetwork + k)), network: network, node: node(n),
                                mac: MACAddress(integer: 0x5254_0000_0000 | UInt64(i) << 8 | UInt64(host)),
                                fixedIPs: [FixedIP(subnet: v4, ip: ipv4(network: i, host: host)), FixedIP(subnet: v6, ip: ipv6(network: i, host: UInt64(host)))],
                                securityGroups: [securityGroupID(tenant: i / networksPerRouter)])
                if n == 0 {
                    port.binding = .vf
                    port.qosPolicy = "gold"
                    if i % 4 == 0 {
                        s.floatingIPs.append(FloatingIP(externalIP: .v4(IPv4Address(rawValue: 0xcb00_7100 &+ UInt32(i) &* 7)), port: port.id, fixedIP: ipv4(network: i, host: host)))
                    }
                }
                s.ports.append(port)
            }
            s.remoteEndpoints.append(RemoteEndpoint(network: network, mac: MACAddress(integer: 0x0200_0000_0000 | UInt64(i)),
                                                    ips: [ipv4(network: i, host: 200)], vtep: .v4(IPv4Address(172, 16, 1, UInt8(i % 200)))))
        }
        for r in 0..<(networkCount / networksPerRouter) {
            let members = (0..<networksPerRouter).map { networkID(r * networksPerRouter + $0) }
            let router = RouterID(uuid(0x2047, r))
            s.routers.append(Router(id: router, interfaces: members.flatMap { [RouterInterface(subnet: SubnetID("\($0)-v4")), RouterInterface(subnet: SubnetID("\($0)-v6"))] }))
            s.snat.append(SNATRule(router: router, gatewayNode: node(1 + r % (nodeCount - 1)), externalIP: .v4(IPv4Address(rawValue: 0xc633_6400 | UInt32(r % 250 + 1)))))
        }
        return s
    }

    /// The security group of a tenant (the networks of one router).
    static func securityGroupID(tenant r: Int) -> SecurityGroupID { SecurityGroupID(uuid(0x5e6, r)) }

    /// SSH from inside the cloud, web, a service range, DNS and ping in; anything out.
    static func webGroup(_ id: SecurityGroupID) -> SecurityGroup {
        SecurityGroup(id: id, stateful: true, rules: [
            SecurityGroupRule(direction: .ingress, ethertype: .ipv4, protocol: .tcp, portRangeMin: 22, portRangeMax: 22, remoteCIDR: CIDR("10.0.0.0/8")),
            SecurityGroupRule(direction: .ingress, ethertype: .ipv4, protocol: .tcp, portRangeMin: 80, portRangeMax: 80),
            SecurityGroupRule(direction: .ingress, ethertype: .ipv4, protocol: .tcp, portRangeMin: 443, portRangeMax: 443),
            SecurityGroupRule(direction: .ingress, ethertype: .ipv6, protocol: .tcp, portRangeMin: 443, portRangeMax: 443),
            SecurityGroupRule(direction: .ingress, ethertype: .ipv4, protocol: .tcp, portRangeMin: 8000, portRangeMax: 8099),
            SecurityGroupRule(direction: .ingress, ethertype: .ipv4, protocol: .udp, portRangeMin: 53, portRangeMax: 53),
            SecurityGroupRule(direction: .ingress, ethertype: .ipv4, protocol: .icmp, icmpType: 8),
            SecurityGroupRule(direction: .egress, ethertype: .ipv4),
            SecurityGroupRule(direction: .egress, ethertype: .ipv6),
        ])
    }
}

extension String {
    func leftPadded(_ width: Int, with pad: Character) -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
