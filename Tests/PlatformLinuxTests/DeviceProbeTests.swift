import Foundation
import Platform
import PlatformLinux
import Testing

@Suite("RDMA and DPDK probes")
struct DeviceProbeTests {
    @Test("libibverbs lists RDMA devices; none here is an empty list, not an error")
    func rdmaDevices() throws {
        let devices = try VerbsRDMAProbe().devices()
        let hostHasRDMA = FileManager.default.fileExists(atPath: "/sys/class/infiniband")
        if hostHasRDMA {
            #expect(!devices.isEmpty)
        } else {
            #expect(devices.isEmpty)
        }
    }

    #if DPDK
    /// One test for the whole EAL life: DPDK starts once per process. It runs in a child process
    /// (an exit test): EAL's start-up maps memory at fixed addresses and starts pinned threads,
    /// which must not happen inside the test runner while other suites use the same address space.
    @Test("DPDK EAL starts once with a null vdev, counts its port and cleans up")
    func dpdkEnvironment() async {
        await #expect(processExitsWith: .success) {
            try DeviceProbeTests.dpdkLifecycle()
        }
    }

    static func dpdkLifecycle() throws {
        let arguments = DPDKEnvironment.isolatedArguments(virtualDevices: ["net_null0"])
        #expect(arguments.contains("--no-huge") && arguments.contains("--no-pci") && arguments.contains("--vdev=net_null0"))
        let environment = try DPDKEnvironment.start(arguments: arguments)
        #expect(environment.availableEthernetPortCount >= 1)
        #expect(try DPDKEnvironment.start(arguments: arguments) === environment)

        let other = #expect(throws: PlatformError.self) {
            try DPDKEnvironment.start(arguments: arguments + ["--vdev=net_null1"])
        }
        guard case .unavailable? = other else { Issue.record("got \(String(describing: other))"); return }

        // rte_flow on the null port needs the running EAL, so it is checked here, before clean-up.
        try RteFlowDriverChecks.run(environment)

        try environment.cleanUp()
        #expect(throws: PlatformError.self) { try DPDKEnvironment.start(arguments: arguments) }
        #expect(throws: PlatformError.self) { try environment.cleanUp() }
    }
    #endif
}
