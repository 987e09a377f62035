import EswitchConfig
import EswitchModel
import Foundation
import Testing

/// The problems reported for a YAML text, as `path: message` lines.
func yamlProblems(_ text: String) -> [String] {
    do {
        _ = try NetworkState.fromYAML(text)
        return []
    } catch {
        return error.problems.map(\.description)
    }
}

/// The problems reported for a JSON text, as `path: message` lines.
func jsonProblems(_ text: String) -> [String] {
    do {
        _ = try NetworkState.fromJSON(text)
        return []
    } catch {
        return error.problems.map(\.description)
    }
}

let minimalNode = """
    node:
      name: a
      vtep: 192.0.2.1
      uplink: p0

    """

@Suite struct NetworkStateDecodingTests {
    @Test func minimalDocument() throws {
        let state = try NetworkState.fromYAML(minimalNode)
        #expect(state.node == LocalNode(name: "a", vtep: IPAddress("192.0.2.1")!, uplink: .netdev("p0")))
        #expect(state.ports.isEmpty && state.networks.isEmpty)
    }

    @Test func unknownKeysAreRejectedWithTheirPath() {
        let text = minimalNode + """
            networks:
              - id: n1
                vni: 10
                mut: 1500
            ports:
              - id: p1
                vm: v
                network: n1
                node: a
                mac: 52:54:00:00:00:01
                fixed_ips:
                  - subnet: s1
                    ip: 10.0.0.2
                    primary: true
            colour: blue
            """
        #expect(yamlProblems(text) == [
            "networks[0].mut: unknown key (did you mean 'mtu'?) (line 8)",
            "ports[0].fixed_ips[0].primary: unknown key (expected one of: subnet, ip) (line 18)",
            "colour: unknown key (expected one of: node, nodes, networks, subnets, ports, remote_endpoints, routers, floating_ips, snat, security_groups, qos_policies) (line 19)",
        ])
    }

    @Test func misspeltSectionGetsASuggestion() {
        #expect(yamlProblems(minimalNode + "security_group: []\n") == [
            "security_group: unknown key (did you mean 'security_groups'?) (line 5)",
        ])
    }

    @Test func wrongTypesNameThePathAndWhatWasFound() {
        let text = minimalNode + """
            networks:
              - id: n1
                vni: 10
              - id: n2
                vni: abc
              - id: n3
                vni: "12"
              - id: n4
                vni: -1
              - id: n5
                vni: 1.5
              - id: n6
                vni: 7
                mtu: [1500]
            """
        #expect(yamlProblems(text) == [
            "networks[1].vni: expected integer, found string 'abc' (line 9)",
            "networks[2].vni: expected integer, found string '12' (line 11)",
            "networks[3].vni: integer -1 out of range 0...4294967295 (line 13)",
            "networks[4].vni: expected integer, found number 1.5 (line 15)",
            "networks[5].mtu: expected integer, found sequence (line 18)",
        ])
    }

    @Test func invalidValuesOfModelTypes() {
        let text = minimalNode + """
            subnets:
              - id: s1
                network: n1
                cidr: 10.0.0.0/33
                gateway_ip: 10.0.0.256
            ports:
              - id: p1
                vm: v
                network: n1
                node: a
                mac: 52:54:00:00:00:zz
                binding: sriov
                vlan: 70000
            security_groups:
              - id: g
                rules:
                  - direction: inbound
                    ethertype: ipv4
                    protocol: gre
            """
        #expect(yamlProblems(text) == [
            "subnets[0].cidr: invalid CIDR '10.0.0.0/33': prefix length 33 exceeds 32 for IPv4 (line 8)",
            "subnets[0].gateway_ip: invalid IP address '10.0.0.256' (line 9)",
            "ports[0].mac: invalid MAC address '52:54:00:00:00:zz' (line 15)",
            "ports[0].binding: invalid value 'sriov' (expected one of: vf, vdpa, software) (line 16)",
            "ports[0].vlan: integer 70000 out of range 0...65535 (line 17)",
            "security_groups[0].rules[0].direction: invalid value 'inbound' (expected one of: ingress, egress) (line 21)",
            "security_groups[0].rules[0].ethertype: invalid value 'ipv4' (expected one of: IPv4, IPv6) (line 22)",
            "security_groups[0].rules[0].protocol: invalid protocol 'gre' (expected any, tcp, udp, icmp, icmpv6, sctp or a number 0...255) (line 23)",
        ])
    }

    @Test func missingAndNullRequiredKeys() {
        let text = """
            networks:
              - id: n1
              - vni: 5
            ports:
              - id: p1
                vm: ~
                network: n1
                node: a
                mac: 52:54:00:00:00:01
            """
        #expect(yamlProblems(text) == [
            "node: missing required key (line 1)",
            "networks[0].vni: missing required key (line 2)",
            "networks[1].id: missing required key (line 3)",
            "ports[0].vm: required value is null (line 6)",
        ])
    }

    @Test func everyKeyOfOneObjectIsChecked() {
        let text = minimalNode + """
            networks:
              - mtu: big
                colour: red
            """
        #expect(yamlProblems(text) == [
            "networks[0].id: missing required key (line 6)",
            "networks[0].vni: missing required key (line 6)",
            "networks[0].mtu: expected integer, found string 'big' (line 6)",
            "networks[0].colour: unknown key (expected one of: id, vni, mtu) (line 7)",
        ])
    }

    @Test func sectionShapes() {
        #expect(yamlProblems(minimalNode + "ports: {}\n") == ["ports: expected sequence, found mapping (line 5)"])
        #expect(yamlProblems(minimalNode + "ports:\n  - ~\n") == ["ports[0]: null element not allowed (line 6)"])
        #expect(yamlProblems("node: compute-a\n") == ["node: expected mapping, found string 'compute-a' (line 1)"])
        #expect(yamlProblems("- a\n") == ["expected mapping, found sequence (line 1)"])
    }

    @Test func optionalSectionsMayBeNullOrEmpty() throws {
        let state = try NetworkState.fromYAML(minimalNode + "ports:\nnetworks: []\n")
        #expect(state.ports.isEmpty && state.networks.isEmpty)
    }

    @Test func everyBadElementIsReportedAndGoodOnesDoNotHideThem() {
        let text = minimalNode + """
            nodes:
              - name: b
                vtep: 192.0.2.2
              - name: c
                vtep: nope
              - name: d
                vtep: 192.0.2.4
              - name: e
            qos_policies:
              - id: q
                rate_bps: lots
                burst_bytes: 1
            """
        #expect(yamlProblems(text) == [
            "nodes[1].vtep: invalid IP address 'nope' (line 9)",
            "nodes[3].vtep: missing required key (line 12)",
            "qos_policies[0].rate_bps: expected integer, found string 'lots' (line 15)",
        ])
    }

    @Test func problemsInNodeDoNotHideOtherSections() {
        let text = """
            node:
              name: a
              vtep: 192.0.2.1
              uplink: 03:00.x
            networks:
              - id: n
                vni: x
            """
        #expect(yamlProblems(text) == [
            "node.uplink: invalid PCI address '03:00.x' (expected dddd:bb:dd.f; interface names cannot contain ':') (line 4)",
            "networks[0].vni: expected integer, found string 'x' (line 7)",
        ])
    }

    @Test func yaml12CoreSchemaKeepsStringsStrings() throws {
        let text = """
            node:
              name: no
              vtep: 192.0.2.1
              uplink: 0000:03:00.1
            networks:
              - id: 42
                vni: 0x10
            ports:
              - id: on
                vm: 1e3
                network: 42
                node: no
                mac: 52:54:00:00:00:01
                binding: vf
            """
        let state = try NetworkState.fromYAML(text)
        #expect(state.node.name == "no")
        #expect(state.node.uplink == .pci(PCIAddress("0000:03:00.1")!))
        #expect(state.networks[0].id == "42")
        #expect(state.networks[0].vni == VNI(rawValue: 16))
        #expect(state.ports[0].id == "on")
        #expect(state.ports[0].vm == "1e3")
        #expect(state.validate() == [])
    }

    @Test func booleansAreNotStrings() {
        #expect(yamlProblems(minimalNode + "security_groups:\n  - id: true\n") == [
            "security_groups[0].id: expected string, found boolean true (line 6)",
        ])
        #expect(yamlProblems(minimalNode + "security_groups:\n  - id: g\n    stateful: yes\n") == [
            "security_groups[0].stateful: expected boolean, found string 'yes' (line 7)",
        ])
    }

    @Test func syntaxErrorsAndEmptyDocuments() {
        let broken = yamlProblems("node:\n  name: a\n   vtep: [\n")
        #expect(broken.count == 1)
        #expect(broken.first?.hasPrefix("YAML syntax error: ") == true)
        #expect(yamlProblems("") == ["empty document (expected a mapping with at least 'node')"])
        #expect(yamlProblems("# only a comment\n") == ["empty document (expected a mapping with at least 'node')"])
    }

    @Test func duplicateKeysAreRejected() {
        let problems = yamlProblems(minimalNode + "networks:\n  - id: n\n    vni: 1\n    vni: 2\n")
        #expect(problems == ["duplicate key 'vni' in a mapping (line 7)"])
    }

    @Test func multipleDocumentsAreRejected() {
        let problems = yamlProblems(minimalNode + "---\n" + minimalNode)
        #expect(problems.count == 1)
        #expect(problems.first?.contains("expected a single document") == true)
    }

    @Test func errorDescriptionListsEveryProblem() {
        do {
            _ = try NetworkState.fromYAML(minimalNode + "networks:\n  - id: n\n    vni: x\n    tag: 1\n")
            Issue.record("accepted a bad document")
        } catch {
            #expect(error.description == """
                cannot read network state (2 problems):
                  networks[0].vni: expected integer, found string 'x' (line 7)
                  networks[0].tag: unknown key (expected one of: id, vni, mtu) (line 8)
                """)
        }
    }
}

@Suite struct NetworkStateJSONDecodingTests {
    @Test func unknownKeysAndTypes() {
        let text = """
            {"node": {"name": "a", "vtep": "192.0.2.1", "uplink": "p0"},
             "networks": [{"id": "n1", "vni": "7"}, {"id": "n2", "vni": 8, "vlan": 3}],
             "ports": [{"id": "p", "vm": "v", "network": "n1", "node": "a", "mac": "52:54:00:00:00:01", "binding": true}]}
            """
        #expect(jsonProblems(text) == [
            "networks[0].vni: expected integer, found string '7'",
            "networks[1].vlan: unknown key (expected one of: id, vni, mtu)",
            "ports[0].binding: expected string, found boolean true",
        ])
    }

    @Test func numbersKeepTheirKind() throws {
        #expect(jsonProblems(#"{"node": {"name": "a", "vtep": "192.0.2.1", "uplink": "p0"}, "networks": [{"id": "n", "vni": 1.0}]}"#) == [
            "networks[0].vni: expected integer, found number 1.0",
        ])
        let state = try NetworkState.fromJSON(#"{"node": {"name": 7, "vtep": "192.0.2.1", "uplink": "p0"}, "qos_policies": [{"id": "q", "rate_bps": 18446744073709551615, "burst_bytes": 64}]}"#)
        #expect(state.node.name == "7")
        #expect(state.qosPolicies[0].rateBps == .max)
    }

    @Test func syntaxError() {
        let problems = jsonProblems(#"{"node": {"name": "a",}"#)
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("JSON syntax error: ") == true)
    }

    @Test func topLevelMustBeAnObject() {
        #expect(jsonProblems("[]") == ["expected mapping, found sequence"])
    }
}
