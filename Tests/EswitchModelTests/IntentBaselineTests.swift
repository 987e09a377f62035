import EswitchModel
import Testing

/// A small valid intent that the validation tests break one thing at a time.
///
/// Positions matter for expected paths:
/// subnets: [0] web-v4, [1] web-v6, [2] db-v4; ports: [0] p1, [1] p2 (local), [2] p3 (compute-b);
/// security_groups: [0] web, [1] db.
enum Baseline {
    static let gatewayMAC = MACAddress("fa:16:3e:00:00:01")!

    static var state: NetworkState {
        NetworkState(
            node: LocalNode(name: "compute-a", vtep: ip("192.0.2.11"), uplink: .pci(PCIAddress("0000:03:00.0")!)),
            nodes: [RemoteNode(name: "compute-b", vtep: ip("192.0.2.12"))],
            networks: [Network(id: "web", vni: VNI(rawValue: 1001), mtu: 1450), Network(id: "db", vni: VNI(rawValue: 1002))],
            subnets: [
                Subnet(id: "web-v4", network: "web", cidr: cidr("10.10.0.0/24"), gatewayIP: ip("10.10.0.1"), gatewayMAC: gatewayMAC),
                Subnet(id: "web-v6", network: "web", cidr: cidr("2001:db8:10::/64"), gatewayIP: ip("2001:db8:10::1"), gatewayMAC: gatewayMAC),
                Subnet(id: "db-v4", network: "db", cidr: cidr("10.20.0.0/24"), gatewayIP: ip("10.20.0.1"), gatewayMAC: gatewayMAC),
            ],
            ports: [
                Port(
                    id: "p1", vm: "web-1", network: "web", node: "compute-a", mac: mac("52:54:00:10:00:01"),
                    fixedIPs: [FixedIP(subnet: "web-v4", ip: ip("10.10.0.11")), FixedIP(subnet: "web-v6", ip: ip("2001:db8:10::11"))],
                    binding: .vf, securityGroups: ["web"], qosPolicy: "gold"),
                Port(
                    id: "p2", vm: "web-2", network: "web", node: "compute-a", mac: mac("52:54:00:10:00:02"),
                    fixedIPs: [FixedIP(subnet: "web-v4", ip: ip("10.10.0.12"))], binding: .vdpa, vlan: VLANID(100),
                    securityGroups: ["web"]),
                Port(
                    id: "p3", vm: "db-1", network: "db", node: "compute-b", mac: mac("52:54:00:20:00:01"),
                    fixedIPs: [FixedIP(subnet: "db-v4", ip: ip("10.20.0.11"))], securityGroups: ["db"]),
            ],
            remoteEndpoints: [RemoteEndpoint(network: "web", mac: mac("52:54:00:10:00:63"), ips: [ip("10.10.0.99")], vtep: ip("192.0.2.12"))],
            routers: [Router(id: "r1", interfaces: [RouterInterface(subnet: "web-v4"), RouterInterface(subnet: "web-v6"), RouterInterface(subnet: "db-v4")])],
            floatingIPs: [FloatingIP(externalIP: ip("203.0.113.10"), port: "p1", fixedIP: ip("10.10.0.11"))],
            snat: [SNATRule(router: "r1", gatewayNode: "compute-b", externalIP: ip("203.0.113.1"))],
            securityGroups: [
                SecurityGroup(id: "web", rules: [SecurityGroupRule(direction: .ingress, ethertype: .ipv4, protocol: .tcp, portRangeMin: 443, portRangeMax: 443)]),
                SecurityGroup(id: "db", rules: [
                    SecurityGroupRule(direction: .ingress, ethertype: .ipv4, protocol: .tcp, portRangeMin: 5432, portRangeMax: 5432, remoteCIDR: cidr("10.10.0.0/24")),
                ]),
            ],
            qosPolicies: [QoSPolicy(id: "gold", rateBps: 1_000_000_000, burstBytes: 1_250_000)])
    }

    /// The problems of the baseline after a change, as `path: message` lines.
    static func problems(_ change: (inout NetworkState) -> Void) -> [String] {
        var state = Baseline.state
        change(&state)
        return state.validate().map(\.description)
    }
}

func ip(_ text: String) -> IPAddress { IPAddress(text)! }
func mac(_ text: String) -> MACAddress { MACAddress(text)! }
func cidr(_ text: String) -> CIDR { CIDR(text)! }

@Suite struct IntentBaselineTests {
    @Test func baselineIsValid() throws {
        #expect(Baseline.state.validate() == [])
        let validated = try Baseline.state.validated()
        #expect(validated.state.ports.count == 3)
    }

    @Test func emptyStateWithOnlyTheNodeIsValid() {
        let state = NetworkState(node: LocalNode(name: "solo", vtep: ip("2001:db8::1"), uplink: .netdev("p0")))
        #expect(state.validate() == [])
    }

    @Test func ipv6UnderlayIsValid() {
        let problems = Baseline.problems {
            $0.node.vtep = ip("2001:db8:ffff::11")
            $0.nodes[0].vtep = ip("2001:db8:ffff::12")
            $0.remoteEndpoints[0].vtep = ip("2001:db8:ffff::12")
        }
        #expect(problems == [])
    }

    @Test func manyProblemsAreAllReportedInDocumentOrder() {
        let problems = Baseline.problems {
            $0.node.vtep = ip("0.0.0.0")
            $0.networks[0].vni = VNI(rawValue: 0)
            $0.ports[1].mac = mac("01:00:5e:00:00:01")
            $0.ports[2].qosPolicy = "silver"
            $0.securityGroups[1].rules[0].portRangeMin = 6000
            $0.qosPolicies[0].rateBps = 0
        }
        #expect(problems == [
            "node.vtep: VTEP 0.0.0.0 is in 0.0.0.0/8 (\"this network\")",
            "networks[0].vni: VNI 0 out of range 1...16777215",
            "ports[1].mac: multicast MAC not allowed",
            "ports[2].qos_policy: unknown QoS policy 'silver'",
            "security_groups[1].rules[0].port_range_min: port_range_min 6000 greater than port_range_max 5432",
            "qos_policies[0].rate_bps: rate must be greater than 0",
        ])
    }

    @Test func validatedThrowsEveryProblem() {
        var state = Baseline.state
        state.ports[0].mac = .zero
        state.ports[1].vlan = VLANID(4095)
        do {
            _ = try state.validated()
            Issue.record("an invalid state was accepted")
        } catch {
            #expect(error.problems.map(\.description) == [
                "ports[0].mac: zero MAC not allowed",
                "ports[1].vlan: VLAN 4095 out of range 1...4094",
            ])
            #expect(error.description == """
                invalid network state (2 problems):
                  ports[0].mac: zero MAC not allowed
                  ports[1].vlan: VLAN 4095 out of range 1...4094
                """)
        }
    }
}
