import EswitchModel
import Testing

@Suite struct IntentPortValidationTests {
    @Test func portIDIsUnique() {
        #expect(Baseline.problems { $0.ports[1].id = "p1"; $0.floatingIPs[0].port = "p1" } == [
            "ports[1].id: duplicate port id 'p1' (also ports[0].id)",
        ])
    }

    @Test func vmMustNotBeEmpty() {
        #expect(Baseline.problems { $0.ports[2].vm = "" } == ["ports[2].vm: must not be empty"])
    }

    @Test func networkAndNodeMustExist() {
        #expect(Baseline.problems { $0.ports[2].network = "nope"; $0.ports[2].fixedIPs = [] } == ["ports[2].network: unknown network 'nope'"])
        #expect(Baseline.problems { $0.ports[2].node = "compute-z" } == [
            "ports[2].node: unknown node 'compute-z' (neither node.name nor in nodes)",
        ])
    }

    @Test func macMustBeUnicast() {
        #expect(Baseline.problems { $0.ports[0].mac = .zero } == ["ports[0].mac: zero MAC not allowed"])
        #expect(Baseline.problems { $0.ports[1].mac = .broadcast } == ["ports[1].mac: multicast MAC not allowed"])
        #expect(Baseline.problems { $0.ports[1].mac = mac("01:00:5e:01:02:03") } == ["ports[1].mac: multicast MAC not allowed"])
        // The locally administered bit is fine (it is what clouds use).
        #expect(Baseline.problems { $0.ports[1].mac = mac("02:00:00:00:00:01") } == [])
    }

    @Test func macIsUniqueInItsNetwork() {
        #expect(Baseline.problems { $0.ports[1].mac = mac("52:54:00:10:00:01") } == [
            "ports[1].mac: duplicate MAC 52:54:00:10:00:01 in network 'web' (also ports[0].mac)",
        ])
        // The same MAC on another network is a different endpoint.
        #expect(Baseline.problems { $0.ports[2].mac = mac("52:54:00:10:00:01") } == [])
    }

    @Test func macMustNotBeTheGatewayMAC() {
        #expect(Baseline.problems { $0.ports[2].mac = Baseline.gatewayMAC } == [
            "ports[2].mac: MAC fa:16:3e:00:00:01 is the gateway MAC of subnet 'db-v4' (subnets[2].gateway_mac)",
        ])
    }

    @Test func localPortNeedsABinding() {
        #expect(Baseline.problems { $0.ports[0].binding = nil } == [
            "ports[0].binding: missing binding for a port on this node (expected one of: vf, vdpa, software)",
        ])
        #expect(Baseline.problems { $0.ports[0].binding = .software } == [])
        // Ports of other nodes are attached by their own node.
        #expect(Baseline.problems { $0.ports[2].binding = nil } == [])
    }

    @Test func vlanRange() {
        #expect(Baseline.problems { $0.ports[1].vlan = VLANID(0) } == ["ports[1].vlan: VLAN 0 out of range 1...4094"])
        #expect(Baseline.problems { $0.ports[1].vlan = VLANID(4095) } == ["ports[1].vlan: VLAN 4095 out of range 1...4094"])
        #expect(Baseline.problems { $0.ports[1].vlan = VLANID(4094) } == [])
    }

    @Test func fixedIPSubnetMustExistOnThePortsNetwork() {
        #expect(Baseline.problems { $0.ports[1].fixedIPs[0].subnet = "nope" } == ["ports[1].fixed_ips[0].subnet: unknown subnet 'nope'"])
        #expect(Baseline.problems { $0.ports[1].fixedIPs[0] = FixedIP(subnet: "db-v4", ip: ip("10.20.0.50")) } == [
            "ports[1].fixed_ips[0].subnet: subnet 'db-v4' is on network 'db', not on the port's network 'web'",
        ])
    }

    @Test func fixedIPMustBeInsideItsSubnet() {
        #expect(Baseline.problems { $0.ports[1].fixedIPs[0].ip = ip("10.10.1.12") } == [
            "ports[1].fixed_ips[0].ip: IP 10.10.1.12 outside subnet 'web-v4' (10.10.0.0/24)",
        ])
        #expect(Baseline.problems { $0.ports[0].fixedIPs[1].ip = ip("10.10.0.13") } == [
            "ports[0].fixed_ips[1].ip: IP 10.10.0.13 outside subnet 'web-v6' (2001:db8:10::/64)",
        ])
    }

    @Test func fixedIPMustNotBeTheBroadcastAddress() {
        #expect(Baseline.problems { $0.ports[1].fixedIPs[0].ip = ip("10.10.0.255") } == [
            "ports[1].fixed_ips[0].ip: IP 10.10.0.255 is the broadcast address of subnet 'web-v4' (10.10.0.0/24)",
        ])
    }

    @Test func fixedIPMustNotBeTheGateway() {
        #expect(Baseline.problems { $0.ports[1].fixedIPs[0].ip = ip("10.10.0.1") } == [
            "ports[1].fixed_ips[0].ip: IP 10.10.0.1 is the gateway IP of subnet 'web-v4' (subnets[0].gateway_ip)",
        ])
    }

    @Test func fixedIPIsUniqueInItsNetwork() {
        #expect(Baseline.problems { $0.ports[1].fixedIPs[0].ip = ip("10.10.0.11"); $0.floatingIPs = [] } == [
            "ports[1].fixed_ips[0].ip: duplicate IP 10.10.0.11 in network 'web' (also ports[0].fixed_ips[0].ip)",
        ])
        #expect(Baseline.problems { $0.ports[0].fixedIPs.append(FixedIP(subnet: "web-v6", ip: ip("2001:db8:10::11"))) } == [
            "ports[0].fixed_ips[2].ip: duplicate IP 2001:db8:10::11 in network 'web' (also ports[0].fixed_ips[1].ip)",
        ])
    }

    @Test func securityGroupsMustExistAndBeListedOnce() {
        #expect(Baseline.problems { $0.ports[0].securityGroups = ["web", "nope", "web"] } == [
            "ports[0].security_groups[1]: unknown security group 'nope'",
            "ports[0].security_groups[2]: security group 'web' listed twice (also ports[0].security_groups[0])",
        ])
    }

    @Test func qosPolicyMustExist() {
        #expect(Baseline.problems { $0.ports[0].qosPolicy = "platinum" } == ["ports[0].qos_policy: unknown QoS policy 'platinum'"])
    }
}

@Suite struct IntentRemoteEndpointValidationTests {
    @Test func networkMustExist() {
        #expect(Baseline.problems { $0.remoteEndpoints[0].network = "nope" } == ["remote_endpoints[0].network: unknown network 'nope'"])
    }

    @Test func macMustBeUnicast() {
        #expect(Baseline.problems { $0.remoteEndpoints[0].mac = mac("33:33:ff:00:00:01") } == [
            "remote_endpoints[0].mac: multicast MAC not allowed",
        ])
    }

    @Test func vtepIsNotThisNode() {
        #expect(Baseline.problems { $0.remoteEndpoints[0].vtep = ip("192.0.2.11") } == [
            "remote_endpoints[0].vtep: VTEP 192.0.2.11 is this node's own VTEP (node.vtep); remote endpoints live on other nodes",
        ])
        #expect(Baseline.problems { $0.remoteEndpoints[0].vtep = ip("2001:db8::12") } == [
            "remote_endpoints[0].vtep: VTEP 2001:db8::12 is IPv6 but this node's VTEP is IPv4 (the underlay uses one family)",
        ])
    }

    @Test func vtepOutsideTheNodeListIsAllowed() {
        // A control plane may know VTEPs (gateways, other clusters) that the intent does not list.
        #expect(Baseline.problems { $0.remoteEndpoints[0].vtep = ip("198.51.100.7") } == [])
    }

    @Test func macOfALocalPortCannotBeRemote() {
        #expect(Baseline.problems { $0.remoteEndpoints[0].mac = mac("52:54:00:10:00:02"); $0.remoteEndpoints[0].ips = [ip("10.10.0.12")] } == [
            "remote_endpoints[0].mac: MAC 52:54:00:10:00:02 belongs to port 'p2' on this node (ports[1].mac)",
        ])
    }

    @Test func announcedRemotePortMustAgreeOnItsVTEP() {
        let p3 = RemoteEndpoint(network: "db", mac: mac("52:54:00:20:00:01"), ips: [ip("10.20.0.11")], vtep: ip("192.0.2.12"))
        #expect(Baseline.problems { $0.remoteEndpoints.append(p3) } == [], "the same port announced by a control plane is consistent")
        var moved = p3
        moved.vtep = ip("192.0.2.99")
        #expect(Baseline.problems { $0.remoteEndpoints.append(moved) } == [
            "remote_endpoints[1].mac: MAC 52:54:00:20:00:01 is port 'p3' on node 'compute-b' (ports[2].mac) with VTEP 192.0.2.12, not 192.0.2.99",
        ])
        // IPs the port does not have are checked like any endpoint IP.
        var extraIP = p3
        extraIP.ips.append(ip("10.20.0.12"))
        #expect(Baseline.problems { $0.remoteEndpoints.append(extraIP) } == [])
        extraIP.ips[1] = ip("10.20.0.1")
        #expect(Baseline.problems { $0.remoteEndpoints.append(extraIP) } == [
            "remote_endpoints[1].ips[1]: IP 10.20.0.1 is the gateway IP of subnet 'db-v4' (subnets[2].gateway_ip)",
        ])
    }

    @Test func macIsUniqueAmongEndpoints() {
        let copy = RemoteEndpoint(network: "web", mac: mac("52:54:00:10:00:63"), vtep: ip("192.0.2.12"))
        #expect(Baseline.problems { $0.remoteEndpoints.append(copy) } == [
            "remote_endpoints[1].mac: duplicate MAC 52:54:00:10:00:63 in network 'web' (also remote_endpoints[0].mac)",
        ])
    }

    @Test func ipMustBeInsideASubnetAndUnique() {
        #expect(Baseline.problems { $0.remoteEndpoints[0].ips = [ip("10.99.0.1")] } == [
            "remote_endpoints[0].ips[0]: IP 10.99.0.1 outside every subnet of network 'web'",
        ])
        #expect(Baseline.problems { $0.remoteEndpoints[0].ips = [ip("10.10.0.12")] } == [
            "remote_endpoints[0].ips[0]: duplicate IP 10.10.0.12 in network 'web' (also ports[1].fixed_ips[0].ip)",
        ])
    }
}
