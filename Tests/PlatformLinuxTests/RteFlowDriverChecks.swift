#if DPDK
import EswitchModel
import Platform
import PlatformLinux
import RteFlow
import Testing

/// rte_flow_validate on the EAL's null port. Called from the one test that owns the EAL's life
/// (DeviceProbeTests.dpdkEnvironment): DPDK starts once per process.
enum RteFlowDriverChecks {
    static func run(_ environment: DPDKEnvironment) throws {
        let port = try environment.ethernetPort(named: "net_null0")
        #expect(throws: PlatformError.self) { try environment.ethernetPort(named: "net_null_missing") }

        // net_null has no flow ops: ethdev answers ENOSYS for a port that exists. Every sample
        // (every item and action kind) goes through the same call with its real structures.
        for sample in RteFlowSamples.rules {
            var rule = sample
            rule.port = port
            let error = #expect(throws: RteFlowDriverError.self) { try environment.validate(rule) }
            #expect(error?.errno == .notImplemented, "\(error.map(String.init(describing:)) ?? "no error")")
            #expect(error?.function == "rte_flow_validate")
            #expect(error?.type == .unspecified)
        }

        // A port id no device has is ENODEV, not ENOSYS: the answer depends on the port passed.
        var elsewhere = RteFlowSamples.rules[0]
        elsewhere.port = RteFlowPortID(port.rawValue &+ 1000)
        let missing = #expect(throws: RteFlowDriverError.self) { try environment.validate(elsewhere) }
        #expect(missing?.errno == .noSuchDevice, "\(missing.map(String.init(describing:)) ?? "no error")")
    }
}
#endif
