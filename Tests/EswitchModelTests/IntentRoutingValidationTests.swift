import EswitchModel
import Testing

@Suite struct IntentRouterValidationTests {
    @Test func routerIDIsUnique() {
        #expect(Baseline.problems { $0.routers.append(Router(id: "r1")) } == ["routers[1].id: duplicate router id 'r1' (also routers[0].id)"])
    }

    @Test func interfaceSubnetMustExist() {
        #expect(Baseline.problems { $0.routers[0].interfaces.append(RouterInterface(subnet: "nope")) } == [
            "routers[0].interfaces[3].subnet: unknown subnet 'nope'",
        ])
    }

    @Test func interfaceSubnetNeedsAGateway() {
        #expect(Baseline.problems {
            $0.subnets.append(Subnet(id: "bare", network: "db", cidr: cidr("10.21.0.0/24")))
            $0.routers[0].interfaces.append(RouterInterface(subnet: "bare"))
        } == [
            "routers[0].interfaces[3].subnet: subnet 'bare' has no gateway_ip; a router interface answers on it",
        ])
    }

    @Test func subnetIsAttachedOnce() {
        #expect(Baseline.problems { $0.routers.append(Router(id: "r2", interfaces: [RouterInterface(subnet: "db-v4")])) } == [
            "routers[1].interfaces[0].subnet: subnet 'db-v4' already attached to router 'r1' (routers[0].interfaces[2].subnet)",
        ])
        #expect(Baseline.problems { $0.routers[0].interfaces.append(RouterInterface(subnet: "web-v4")) } == [
            "routers[0].interfaces[3].subnet: subnet 'web-v4' already attached to router 'r1' (routers[0].interfaces[0].subnet)",
        ])
    }

    @Test func overlappingSubnetsOnOneRouter() {
        // Overlapping prefixes in different networks are fine until one router must route both.
        #expect(Baseline.problems {
            $0.subnets.append(Subnet(id: "db-wide", network: "db", cidr: cidr("10.10.0.0/16"), gatewayIP: ip("10.10.5.1"), gatewayMAC: Baseline.gatewayMAC))
            $0.routers[0].interfaces.append(RouterInterface(subnet: "db-wide"))
        } == [
            "routers[0].interfaces[3].subnet: subnet 'db-wide' (10.10.0.0/16) overlaps subnet 'web-v4' (10.10.0.0/24) on the same router",
        ])
    }
}

@Suite struct IntentFloatingIPValidationTests {
    @Test func externalIPIsUnique() {
        #expect(Baseline.problems {
            $0.floatingIPs.append(FloatingIP(externalIP: ip("203.0.113.10"), port: "p2", fixedIP: ip("10.10.0.12")))
        } == [
            "floating_ips[1].external_ip: duplicate floating IP 203.0.113.10 (also floating_ips[0].external_ip)",
        ])
    }

    @Test func externalIPIsNotAnSNATAddress() {
        #expect(Baseline.problems { $0.floatingIPs[0].externalIP = ip("203.0.113.1") } == [
            "floating_ips[0].external_ip: external IP 203.0.113.1 is also an SNAT address (snat[0].external_ip)",
        ])
    }

    @Test func externalIPMustBeUnicast() {
        #expect(Baseline.problems { $0.floatingIPs[0].externalIP = ip("239.1.1.1") } == [
            "floating_ips[0].external_ip: external IP 239.1.1.1 is a multicast address",
        ])
    }

    @Test func portMustExist() {
        #expect(Baseline.problems { $0.floatingIPs[0].port = "p9" } == ["floating_ips[0].port: unknown port 'p9'"])
    }

    @Test func fixedIPMustBeThePorts() {
        #expect(Baseline.problems { $0.floatingIPs[0].fixedIP = ip("10.10.0.12") } == [
            "floating_ips[0].fixed_ip: port 'p1' has no fixed IP 10.10.0.12",
        ])
    }

    @Test func familiesMustMatch() {
        #expect(Baseline.problems { $0.floatingIPs[0].fixedIP = ip("2001:db8:10::11") } == [
            "floating_ips[0].fixed_ip: fixed IP 2001:db8:10::11 is IPv6 but external IP 203.0.113.10 is IPv4",
        ])
    }

    @Test func fixedIPGetsOneFloatingIP() {
        #expect(Baseline.problems {
            $0.floatingIPs.append(FloatingIP(externalIP: ip("203.0.113.11"), port: "p1", fixedIP: ip("10.10.0.11")))
        } == [
            "floating_ips[1].fixed_ip: IP 10.10.0.11 of port 'p1' already has a floating IP (floating_ips[0])",
        ])
        // The other address of the same port may have its own.
        #expect(Baseline.problems {
            $0.floatingIPs.append(FloatingIP(externalIP: ip("2001:db8:ffff::11"), port: "p1", fixedIP: ip("2001:db8:10::11")))
        } == [])
    }
}

@Suite struct IntentSNATValidationTests {
    @Test func exactlyOneOfNetworkOrRouter() {
        #expect(Baseline.problems { $0.snat[0].router = nil } == ["snat[0]: neither network nor router given; give exactly one"])
        #expect(Baseline.problems { $0.snat[0].network = "web" } == ["snat[0]: both network and router given; give exactly one"])
    }

    @Test func networkMustExistAndBeRouted() {
        #expect(Baseline.problems { $0.snat[0] = SNATRule(network: "nope", gatewayNode: "compute-b", externalIP: ip("203.0.113.1")) } == [
            "snat[0].network: unknown network 'nope'",
        ])
        #expect(Baseline.problems {
            $0.routers[0].interfaces.removeLast()
            $0.snat[0] = SNATRule(network: "db", gatewayNode: "compute-b", externalIP: ip("203.0.113.1"))
        } == [
            "snat[0].network: network 'db' has no subnet attached to a router; SNAT needs a router interface",
        ])
        #expect(Baseline.problems { $0.snat[0] = SNATRule(network: "db", gatewayNode: "compute-b", externalIP: ip("203.0.113.1")) } == [])
    }

    @Test func routerMustExistAndHaveInterfaces() {
        #expect(Baseline.problems { $0.snat[0].router = "r9" } == ["snat[0].router: unknown router 'r9'"])
        #expect(Baseline.problems { $0.routers.append(Router(id: "r2")); $0.snat[0].router = "r2" } == [
            "snat[0].router: router 'r2' has no interfaces",
        ])
    }

    @Test func networkIsCoveredOnce() {
        #expect(Baseline.problems { $0.snat.append(SNATRule(network: "web", gatewayNode: "compute-b", externalIP: ip("203.0.113.1"))) } == [
            "snat[1].network: network 'web' already has SNAT (snat[0])",
        ])
    }

    @Test func gatewayNodeMustExist() {
        #expect(Baseline.problems { $0.snat[0].gatewayNode = "gw-9" } == [
            "snat[0].gateway_node: unknown node 'gw-9' (neither node.name nor in nodes)",
        ])
        #expect(Baseline.problems { $0.snat[0].gatewayNode = "compute-a" } == [], "this node can be the gateway")
    }

    @Test func sharedExternalIPNeedsOneGatewayNode() {
        #expect(Baseline.problems {
            $0.routers[0].interfaces.removeLast()
            $0.routers.append(Router(id: "r2", interfaces: [RouterInterface(subnet: "db-v4")]))
            $0.snat.append(SNATRule(router: "r2", gatewayNode: "compute-a", externalIP: ip("203.0.113.1")))
        } == [
            "snat[1].external_ip: external IP 203.0.113.1 is translated on node 'compute-b' (snat[0]); one address cannot be on two gateway nodes",
        ])
        // Port address translation: several networks share one address on one gateway.
        #expect(Baseline.problems {
            $0.routers[0].interfaces.removeLast()
            $0.routers.append(Router(id: "r2", interfaces: [RouterInterface(subnet: "db-v4")]))
            $0.snat.append(SNATRule(router: "r2", gatewayNode: "compute-b", externalIP: ip("203.0.113.1")))
        } == [])
    }

    @Test func externalIPFamilyMustExistInEachNetwork() {
        #expect(Baseline.problems { $0.snat[0].externalIP = ip("2001:db8:ffff::1") } == [
            "snat[0].external_ip: external IP 2001:db8:ffff::1 is IPv6 but network 'db' has no IPv6 subnet",
        ])
    }

    @Test func externalIPMustBeUnicast() {
        #expect(Baseline.problems { $0.snat[0].externalIP = ip("0.0.0.0") } == [
            "snat[0].external_ip: external IP 0.0.0.0 is in 0.0.0.0/8 (\"this network\")",
        ])
    }
}
