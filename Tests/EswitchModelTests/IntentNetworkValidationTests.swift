import EswitchModel
import Testing

@Suite struct IntentNetworkValidationTests {
    @Test func vniMustBeInRange() {
        #expect(Baseline.problems { $0.networks[1].vni = VNI(rawValue: 0) } == ["networks[1].vni: VNI 0 out of range 1...16777215"])
        #expect(Baseline.problems { $0.networks[1].vni = VNI(rawValue: 16_777_216) } == [
            "networks[1].vni: VNI 16777216 out of range 1...16777215",
        ])
        #expect(Baseline.problems { $0.networks[1].vni = VNI(rawValue: 16_777_215) } == [])
        #expect(Baseline.problems { $0.networks[1].vni = VNI(rawValue: 1) } == [])
    }

    @Test func vniIsUnique() {
        #expect(Baseline.problems { $0.networks[1].vni = VNI(rawValue: 1001) } == ["networks[1].vni: duplicate VNI 1001 (also networks[0].vni)"])
    }

    @Test func networkIDIsUnique() {
        #expect(Baseline.problems { $0.networks.append(Network(id: "db", vni: VNI(rawValue: 5))) } == [
            "networks[2].id: duplicate network id 'db' (also networks[1].id)",
        ])
    }

    @Test func mtuRange() {
        #expect(Baseline.problems { $0.networks[1].mtu = 67 } == ["networks[1].mtu: MTU 67 out of range 68...65535"])
        #expect(Baseline.problems { $0.networks[1].mtu = 65536 } == ["networks[1].mtu: MTU 65536 out of range 68...65535"])
        #expect(Baseline.problems { $0.networks[1].mtu = 576 } == [], "an IPv4-only network may use a small MTU")
    }

    @Test func mtuBelowIPv6MinimumOnNetworkWithIPv6Subnet() {
        #expect(Baseline.problems { $0.networks[0].mtu = 1279 } == [
            "networks[0].mtu: MTU 1279 below 1280, the IPv6 minimum (subnet 'web-v6' is IPv6)",
        ])
        #expect(Baseline.problems { $0.networks[0].mtu = 1280 } == [])
    }

    @Test func subnetNetworkMustExist() {
        #expect(Baseline.problems { $0.subnets.append(Subnet(id: "x", network: "nope", cidr: cidr("10.99.0.0/24"))) } == [
            "subnets[3].network: unknown network 'nope'",
        ])
    }

    @Test func subnetIDIsUnique() {
        #expect(Baseline.problems { $0.subnets.append(Subnet(id: "db-v4", network: "db", cidr: cidr("10.21.0.0/24"))) } == [
            "subnets[3].id: duplicate subnet id 'db-v4' (also subnets[2].id)",
        ])
    }

    @Test func cidrHostBitsMustBeClear() {
        #expect(Baseline.problems { $0.subnets[2].cidr = cidr("10.20.0.5/24") } == [
            "subnets[2].cidr: host bits set in 10.20.0.5/24 (the prefix is 10.20.0.0/24)",
        ])
    }

    @Test func gatewayIPMustBeInsideSubnet() {
        #expect(Baseline.problems { $0.subnets[2].gatewayIP = ip("10.21.0.1") } == [
            "subnets[2].gateway_ip: gateway IP 10.21.0.1 outside 10.20.0.0/24",
        ])
        #expect(Baseline.problems { $0.subnets[1].gatewayIP = ip("10.10.0.1") } == [
            "subnets[1].gateway_ip: gateway IP 10.10.0.1 outside 2001:db8:10::/64",
        ], "an IPv4 gateway on an IPv6 subnet is outside it")
    }

    @Test func gatewayIPIsNotTheNetworkOrBroadcastAddress() {
        #expect(Baseline.problems { $0.subnets[2].gatewayIP = ip("10.20.0.0") } == [
            "subnets[2].gateway_ip: gateway IP 10.20.0.0 is the network address of 10.20.0.0/24",
        ])
        #expect(Baseline.problems { $0.subnets[2].gatewayIP = ip("10.20.0.255") } == [
            "subnets[2].gateway_ip: gateway IP 10.20.0.255 is the broadcast address of 10.20.0.0/24",
        ])
    }

    @Test func pointToPointSubnetsUseBothAddresses() {
        // RFC 3021: a /31 has no network or broadcast address.
        #expect(Baseline.problems {
            $0.subnets.append(Subnet(id: "p2p", network: "db", cidr: cidr("10.30.0.0/31"), gatewayIP: ip("10.30.0.0"), gatewayMAC: Baseline.gatewayMAC))
            $0.ports[2].fixedIPs.append(FixedIP(subnet: "p2p", ip: ip("10.30.0.1")))
        } == [])
    }

    @Test func gatewayIPAndMACGoTogether() {
        #expect(Baseline.problems {
            $0.subnets.append(Subnet(id: "a", network: "db", cidr: cidr("10.21.0.0/24"), gatewayIP: ip("10.21.0.1")))
            $0.subnets.append(Subnet(id: "b", network: "db", cidr: cidr("10.22.0.0/24"), gatewayMAC: Baseline.gatewayMAC))
        } == [
            "subnets[3].gateway_mac: missing gateway_mac (required with gateway_ip)",
            "subnets[4].gateway_mac: gateway_mac given without gateway_ip",
        ])
    }

    @Test func gatewayMACMustBeUnicast() {
        #expect(Baseline.problems { $0.subnets[2].gatewayMAC = mac("33:33:00:00:00:01") } == [
            "subnets[2].gateway_mac: multicast MAC not allowed",
        ])
    }

    @Test func overlappingSubnetsInOneNetwork() {
        #expect(Baseline.problems { $0.subnets.append(Subnet(id: "web-half", network: "web", cidr: cidr("10.10.0.128/25"))) } == [
            "subnets[3].cidr: subnet 'web-half' (10.10.0.128/25) overlaps subnet 'web-v4' (10.10.0.0/24) in network 'web'",
        ])
        // The earlier subnet is named even when the later one is the wider prefix.
        #expect(Baseline.problems { $0.subnets.append(Subnet(id: "web-wide", network: "web", cidr: cidr("10.0.0.0/8"))) } == [
            "subnets[3].cidr: subnet 'web-wide' (10.0.0.0/8) overlaps subnet 'web-v4' (10.10.0.0/24) in network 'web'",
        ])
        #expect(Baseline.problems { $0.subnets.append(Subnet(id: "web-v6b", network: "web", cidr: cidr("2001:db8:10::/48"))) } == [
            "subnets[3].cidr: subnet 'web-v6b' (2001:db8:10::/48) overlaps subnet 'web-v6' (2001:db8:10::/64) in network 'web'",
        ])
    }

    @Test func nestedOverlapsAreEachReportedOnce() {
        let problems = Baseline.problems {
            $0.subnets.append(Subnet(id: "a", network: "db", cidr: cidr("10.40.0.0/16")))
            $0.subnets.append(Subnet(id: "b", network: "db", cidr: cidr("10.40.1.0/24")))
            $0.subnets.append(Subnet(id: "c", network: "db", cidr: cidr("10.40.2.0/24")))
            $0.subnets.append(Subnet(id: "d", network: "db", cidr: cidr("10.40.1.0/24")))
        }
        #expect(problems == [
            "subnets[4].cidr: subnet 'b' (10.40.1.0/24) overlaps subnet 'a' (10.40.0.0/16) in network 'db'",
            "subnets[5].cidr: subnet 'c' (10.40.2.0/24) overlaps subnet 'a' (10.40.0.0/16) in network 'db'",
            "subnets[6].cidr: subnet 'd' (10.40.1.0/24) overlaps subnet 'b' (10.40.1.0/24) in network 'db'",
        ])
    }

    @Test func sameSubnetInAnotherNetworkIsAllowed() {
        #expect(Baseline.problems { $0.subnets.append(Subnet(id: "db-overlap", network: "db", cidr: cidr("10.10.0.0/24"))) } == [])
    }
}
