import EswitchModel
import Testing

@Suite struct IntentNodeValidationTests {
    @Test func nodeNameMustNotBeEmpty() {
        // The local ports still name compute-a, which no longer exists.
        #expect(Baseline.problems { $0.node.name = "" } == [
            "node.name: must not be empty",
            "ports[0].node: unknown node 'compute-a' (neither node.name nor in nodes)",
            "ports[1].node: unknown node 'compute-a' (neither node.name nor in nodes)",
        ])
    }

    @Test func idsWithWhitespaceAreRejected() {
        #expect(Baseline.problems { $0.networks[1].id = "db net"; $0.subnets[2].network = "db net"; $0.ports[2].network = "db net" } == [
            "networks[1].id: 'db net' contains whitespace or control characters",
        ])
    }

    @Test func vtepMustBeUnicast() {
        #expect(Baseline.problems { $0.node.vtep = ip("224.0.0.5") } == ["node.vtep: VTEP 224.0.0.5 is a multicast address"])
        #expect(Baseline.problems { $0.nodes[0].vtep = ip("127.0.0.1"); $0.remoteEndpoints[0].vtep = ip("192.0.2.13") } == [
            "nodes[0].vtep: VTEP 127.0.0.1 is a loopback address",
        ])
        #expect(Baseline.problems { $0.node.vtep = ip("255.255.255.255") } == ["node.vtep: VTEP 255.255.255.255 is the limited broadcast address"])
        #expect(Baseline.problems { $0.node.vtep = ip("ff02::1") } == [
            "node.vtep: VTEP ff02::1 is a multicast address",
            "nodes[0].vtep: VTEP 192.0.2.12 is IPv4 but this node's VTEP is IPv6 (the underlay uses one family)",
            "remote_endpoints[0].vtep: VTEP 192.0.2.12 is IPv4 but this node's VTEP is IPv6 (the underlay uses one family)",
        ])
    }

    @Test func uplinkInterfaceNameFollowsKernelRules() {
        #expect(Baseline.problems { $0.node.uplink = .netdev("enp3s0f0np0") } == [])
        #expect(Baseline.problems { $0.node.uplink = .netdev("enp3s0f0np0vf123") } == [
            "node.uplink: interface name 'enp3s0f0np0vf123' longer than 15 bytes",
        ])
        #expect(Baseline.problems { $0.node.uplink = .netdev("p0 1") } == [
            "node.uplink: interface name 'p0 1' contains '/', ':' or whitespace",
        ])
        #expect(Baseline.problems { $0.node.uplink = .netdev("..") } == ["node.uplink: interface name '..' not allowed"])
    }

    @Test func otherNodesMustNotRepeatThisNode() {
        #expect(Baseline.problems { $0.nodes.append(RemoteNode(name: "compute-a", vtep: ip("192.0.2.13"))) } == [
            "nodes[1].name: node 'compute-a' is this node (node.name); list only other nodes here",
        ])
        #expect(Baseline.problems { $0.nodes.append(RemoteNode(name: "compute-c", vtep: ip("192.0.2.11"))) } == [
            "nodes[1].vtep: VTEP 192.0.2.11 is this node's VTEP (node.vtep)",
        ])
    }

    @Test func nodeNamesAndVTEPsAreUnique() {
        #expect(Baseline.problems { $0.nodes.append(RemoteNode(name: "compute-b", vtep: ip("192.0.2.13"))) } == [
            "nodes[1].name: duplicate node name 'compute-b' (also nodes[0].name)",
        ])
        #expect(Baseline.problems { $0.nodes.append(RemoteNode(name: "compute-c", vtep: ip("192.0.2.12"))) } == [
            "nodes[1].vtep: duplicate VTEP 192.0.2.12 (also nodes[0].vtep)",
        ])
    }

    @Test func underlayUsesOneFamily() {
        #expect(Baseline.problems { $0.nodes.append(RemoteNode(name: "compute-c", vtep: ip("2001:db8::c"))) } == [
            "nodes[1].vtep: VTEP 2001:db8::c is IPv6 but this node's VTEP is IPv4 (the underlay uses one family)",
        ])
    }
}
