import EswitchCompiler
import EswitchConfig
import EswitchModel
import Foundation
import RteFlow
import RteFlowBackend

/// examples/two-node.yaml compiled, and a device map for its node (compute-a) as the agent would
/// probe it: uplink on ethdev 0, web-1-eth0's VF representor on 1, web-2-eth0's (vDPA) on 2;
/// tools-eth0 is software-bound and has no representor.
enum ExampleFixture {
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func rules() throws -> [Rule] {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("examples/two-node.yaml"), encoding: .utf8)
        return Compiler().compile(try NetworkState.fromYAML(text).validated())
    }

    static let uplink = RteFlowPortID(0)
    static let web1 = RteFlowPortID(1)
    static let web2 = RteFlowPortID(2)
    static let localVTEP = IPAddress.v4(IPv4Address(192, 0, 2, 11))
    static let remoteVTEP = IPAddress.v4(IPv4Address(192, 0, 2, 12))
    static let uplinkMAC = MACAddress(0x02, 0x00, 0x00, 0x00, 0x02, 0x0B)
    static let nextHopMAC = MACAddress(0x02, 0x00, 0x00, 0x00, 0x02, 0x0C)

    static var devices: RteFlowDeviceMap {
        RteFlowDeviceMap(
            uplinkPort: uplink,
            representors: [PortID("web-1-eth0"): web1, PortID("web-2-eth0"): web2],
            meters: [PortID("web-1-eth0"): RteFlowMeterID(1)],
            underlay: RteFlowUnderlay(localVTEP: localVTEP, uplinkMAC: uplinkMAC, nextHops: [remoteVTEP: nextHopMAC]))
    }

    static func plan() throws -> RteFlowPlan {
        RteFlowBackend(devices: devices).plan(try rules())
    }
}
