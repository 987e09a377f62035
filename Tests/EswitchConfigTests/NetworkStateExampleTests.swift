import EswitchConfig
import EswitchModel
import Foundation
import Testing

/// The example intent in examples/ must stay loadable, valid, and identical in both formats.
@Suite struct NetworkStateExampleTests {
    static let examples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples")

    static func yaml() throws -> NetworkState {
        try NetworkState.fromYAML(String(contentsOf: examples.appendingPathComponent("two-node.yaml"), encoding: .utf8))
    }

    static func json() throws -> NetworkState {
        try NetworkState.fromJSON(Data(contentsOf: examples.appendingPathComponent("two-node.json")))
    }

    @Test func yamlExampleLoadsAndValidates() throws {
        let state = try Self.yaml()
        #expect(state.validate() == [])
        #expect(state.node.uplink == .pci(PCIAddress("0000:03:00.0")!))
        #expect(state.ports.map(\.binding) == [.vf, .vdpa, .software, nil])
        #expect(state.ports[1].vm == "7c9e6679-7425-40de-944b-e07fc1f90ae7")
        #expect(state.securityGroups[1].rules[1].protocol == IPProtocolMatch(number: 112))
        #expect(state.securityGroups[0].stateful, "stateful defaults to true")
        #expect(state.subnets[1].cidr == CIDR("2001:db8:10::/64"))
    }

    @Test func jsonExampleLoadsAndValidates() throws {
        #expect(try Self.json().validate() == [])
    }

    @Test func yamlAndJSONExamplesAreTheSameIntent() throws {
        #expect(try Self.yaml() == Self.json())
    }

    @Test func foundationJSONDecoderReadsTheSameIntent() throws {
        // The model's Codable conformance works with any decoder, not only the strict one.
        let data = try Data(contentsOf: Self.examples.appendingPathComponent("two-node.json"))
        #expect(try JSONDecoder().decode(NetworkState.self, from: data) == Self.yaml())
    }

    @Test func exampleUsesEverySection() throws {
        let state = try Self.yaml()
        #expect(!state.nodes.isEmpty && !state.networks.isEmpty && !state.subnets.isEmpty && !state.ports.isEmpty)
        #expect(!state.remoteEndpoints.isEmpty && !state.routers.isEmpty && !state.floatingIPs.isEmpty && !state.snat.isEmpty)
        #expect(!state.securityGroups.isEmpty && !state.qosPolicies.isEmpty)
        #expect(state.ports.contains { $0.vlan != nil && $0.qosPolicy == nil } && state.ports.contains { $0.qosPolicy != nil })
        #expect(state.networks.contains { $0.mtu != nil })
    }

    @Test func encodedJSONReadsBackEqual() throws {
        let state = try Self.yaml()
        let data = try state.jsonData()
        #expect(try NetworkState.fromJSON(data) == state)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"remote_endpoints\""))
        #expect(text.contains("\"gateway_mac\" : \"fa:16:3e:00:00:01\""))
        #expect(text.contains("\"protocol\" : 112"))
        #expect(text.contains("\"protocol\" : \"tcp\""))
    }
}
