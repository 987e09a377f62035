#if DPDK
#if canImport(Glibc)
import Glibc
#endif
import CDpdk
import CEswitchShim
import Platform
import Synchronization

/// The DPDK Environment Abstraction Layer (EAL) of this process.
///
/// DPDK allows one `rte_eal_init` per process: a second call fails, a failed first call cannot
/// be retried, and after `rte_eal_cleanup` DPDK cannot start again. So the EAL is a process-wide
/// once: ``start(arguments:)`` starts it on the first call, hands back the same environment to
/// later calls with the same arguments, and refuses everything else with the reason.
public final class DPDKEnvironment: Sendable {
    /// The EAL arguments it was started with (without the program name).
    public let arguments: [String]

    private init(arguments: [String]) { self.arguments = arguments }

    private enum Lifecycle {
        case notStarted
        case running(DPDKEnvironment)
        case failed(PlatformError)
        case cleanedUp
    }

    private static let lifecycle = Mutex<Lifecycle>(.notStarted)

    /// Arguments for an EAL that shares nothing with other DPDK processes: no huge pages, no PCI
    /// devices, no shared configuration (`--no-shconf`), a runtime directory of its own (removed
    /// by ``cleanUp()``), no telemetry socket, one lcore, quiet logs, plus the given virtual
    /// devices (for example `net_null0`).
    public static func isolatedArguments(virtualDevices: [String] = ["net_null0"], memoryMegabytes: Int = 256) -> [String] {
        ["-l", "0", "--no-huge", "--no-pci", "-m", String(memoryMegabytes), "--no-shconf",
         "--file-prefix=eswitch-\(getpid())", "--no-telemetry", "--log-level=error"]
            + virtualDevices.map { "--vdev=\($0)" }
    }

    /// Starts the EAL with `arguments`, or returns the running environment when it was started
    /// with the same arguments.
    ///
    /// `rte_eal_init` runs on a short-lived thread of its own: EAL pins the thread that calls it
    /// to the main lcore's CPUs, which must not happen to a thread of Swift's concurrency pool.
    /// - Throws: ``PlatformError/systemCall(_:)`` naming `rte_eal_init` and rte_errno when EAL
    ///   refuses to start (then also on every later call), ``PlatformError/unavailable(_:)`` when
    ///   it runs with other arguments or was cleaned up.
    public static func start(arguments: [String]) throws(PlatformError) -> DPDKEnvironment {
        try lifecycle.withLock { (state) throws(PlatformError) -> DPDKEnvironment in
            switch state {
            case .running(let environment):
                guard environment.arguments == arguments else {
                    throw .unavailable("DPDK EAL already runs with arguments \(environment.arguments); it starts once per process")
                }
                return environment
            case .failed(let error):
                throw error
            case .cleanedUp:
                throw .unavailable("DPDK EAL was cleaned up; DPDK cannot start again in the same process")
            case .notStarted:
                let outcome: Result<Void, PlatformError>
                do throws(SystemCallError) {
                    outcome = try DedicatedThread.run { initialise(arguments) }
                } catch {
                    outcome = .failure(.systemCall(error))
                }
                switch outcome {
                case .success:
                    let environment = DPDKEnvironment(arguments: arguments)
                    state = .running(environment)
                    return environment
                case .failure(let error):
                    state = .failed(error)
                    throw error
                }
            }
        }
    }

    /// Calls rte_eal_init with a C argv. The strings are left allocated on purpose: EAL may keep
    /// pointers into argv for the life of the process.
    private static func initialise(_ arguments: [String]) -> Result<Void, PlatformError> {
        let all = ["eswitch"] + arguments
        let argv = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: all.count + 1)
        for (index, argument) in all.enumerated() { argv[index] = strdup(argument) }
        argv[all.count] = nil
        if rte_eal_init(Int32(all.count), argv) < 0 {
            return .failure(.systemCall(SystemCallError("rte_eal_init", errno: Errno(eswitch_rte_errno()))))
        }
        return .success(())
    }

    /// The number of Ethernet ports DPDK can use (rte_eth_dev_count_avail).
    public var availableEthernetPortCount: Int { Int(rte_eth_dev_count_avail()) }

    /// Releases the EAL's resources (rte_eal_cleanup) and removes its runtime directory when
    /// empty. DPDK cannot start again in this process.
    public func cleanUp() throws(PlatformError) {
        try Self.lifecycle.withLock { (state) throws(PlatformError) in
            guard case .running(let environment) = state, environment === self else {
                throw .unavailable("DPDK EAL is not running")
            }
            // EAL leaves its per-prefix runtime directory behind; rmdir removes it only if empty,
            // so files another process still shares are never touched.
            let runtimeDirectory = rte_eal_get_runtime_dir().map { String(cString: $0) }
            let result = rte_eal_cleanup()
            state = .cleanedUp
            if let runtimeDirectory { _ = rmdir(runtimeDirectory) }
            if result < 0 {
                throw .systemCall(SystemCallError("rte_eal_cleanup", errno: Errno(-result)))
            }
        }
    }
}
#endif
