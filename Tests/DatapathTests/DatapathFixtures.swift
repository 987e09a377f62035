import Datapath
import EswitchCompiler
import EswitchConfig
import EswitchModel
import Foundation
import Packet

/// The repository's example intent (examples/two-node.yaml, node compute-a) compiled and placed
/// for the ConnectX-6 Dx profile, run by a software datapath; and the addresses it uses.
enum DatapathFixtures {
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The example, changed by `change` before validation.
    static func example(_ change: (inout NetworkState) -> Void = { _ in }) throws -> ValidatedNetworkState {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("examples/two-node.yaml"), encoding: .utf8)
        var state = try NetworkState.fromYAML(text)
        change(&state)
        return try state.validated()
    }

    static func profile() throws -> HardwareProfile {
        try HardwareProfile(text: String(contentsOf: repositoryRoot.appendingPathComponent("HardwareProfiles/connectx-6dx.yaml"), encoding: .utf8))
    }

    static func plan(_ state: ValidatedNetworkState) throws -> Plan {
        PlacementPlanner(profile: try profile()).plan(state)
    }

    /// The underlay: this node's uplink MAC, compute-b's VTEP next hop, the external router.
    static let underlayMAC: UInt64 = 0x0200_0000_AA01
    static let computeBNextHop: UInt64 = 0x0200_0000_BB02
    static let externalRouter: UInt64 = 0x0200_0000_EE01
    static let tunnels = TunnelFacts(underlayMAC: MACAddress(integer: underlayMAC),
                                     nextHops: [IPv4Address(192, 0, 2, 12): MACAddress(integer: computeBNextHop)],
                                     externalNextHop: MACAddress(integer: externalRouter))

    /// A datapath running every rule of the plan of `state`.
    static func datapath(_ state: ValidatedNetworkState, configuration: DatapathConfiguration = DatapathConfiguration()) throws -> SoftwareDatapath {
        try SoftwareDatapath(plan: plan(state), state: state, tunnels: tunnels, configuration: configuration)
    }

    // Addresses of the example.
    static let web1MAC: UInt64 = 0x5254_0010_0001
    static let web2MAC: UInt64 = 0x5254_0010_0002
    static let toolsMAC: UInt64 = 0x5254_0020_0003
    static let db1MAC: UInt64 = 0x5254_0020_0001
    static let remoteMAC: UInt64 = 0x5254_0010_0063
    static let gatewayMAC: UInt64 = 0xFA16_3E00_0001
    static let web1IP: UInt32 = 0x0A0A_000B
    static let web2IP: UInt32 = 0x0A0A_000C
    static let toolsIP: UInt32 = 0x0A14_000D
    static let db1IP: UInt32 = 0x0A14_000B
    static let remoteIP: UInt32 = 0x0A0A_0063
    static let internetIP: UInt32 = 0x0808_0808
    static let floatingIP: UInt32 = 0xCB00_710A
    static let snatIP: UInt32 = 0xCB00_7101
    static let localVTEP: UInt32 = 0xC000_020B
    static let computeBVTEP: UInt32 = 0xC000_020C
    static let web2VLAN: UInt16 = 100

    /// A VXLAN frame from compute-b's VTEP carrying `inner` in `vni`.
    static func fromComputeB(_ inner: [UInt8], vni: UInt32) -> [UInt8] {
        let key = FlowKey.parse(inner, vxlanPort: nil)!
        return VXLANEncapsulation(sourceMAC: computeBNextHop, destinationMAC: underlayMAC, sourceIP: computeBVTEP, destinationIP: localVTEP, vni: vni)
            .encapsulate(inner, innerKey: key)
    }

    /// `frame` with an 802.1Q tag.
    static func tagged(_ frame: [UInt8], vlan: UInt16) -> [UInt8] {
        var copy = frame
        var key = FlowKey.parse(copy, vxlanPort: nil)!
        _ = FrameEditor.pushVLAN(&copy, id: vlan, key: &key)
        return copy
    }
}

extension SoftwareDatapath {
    /// Runs one frame at `seconds` and returns every output with a copy of its bytes.
    func send(_ frame: [UInt8], from ingress: DatapathIngress, at seconds: Double = 0) -> [(egress: DatapathEgress, frame: [UInt8])] {
        process(frame, from: ingress, now: DatapathInstant(seconds: seconds))
        return outputs.indices.map { (outputs[$0].egress, outputFrame($0)) }
    }

    /// The ingress of a port of the example.
    func from(_ port: String) -> DatapathIngress { .port(handle(of: PortID(port))!) }

    /// The egress to a port of the example.
    func to(_ port: String) -> DatapathEgress { .port(handle(of: PortID(port))!) }
}
