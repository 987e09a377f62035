import EswitchModel
import Platform

/// ``SRIOVControl`` on a ``SimNICEndpoint``: `sriov_numvfs` writes change the emulated host with
/// Linux's rules, and failures come back as the errno a sysfs write would give.
public struct SimSRIOVControl: SRIOVControl {
    public let endpoint: SimNICEndpoint

    public init(endpoint: SimNICEndpoint) { self.endpoint = endpoint }

    public func totalVFs(of pf: PCIAddress) throws(PlatformError) -> Int {
        guard let function = endpoint.host.physicalFunction(at: pf) else { throw Self.missing(pf, "sriov_totalvfs") }
        return Int(function.sriov.totalVFs)
    }

    public func numVFs(of pf: PCIAddress) throws(PlatformError) -> Int {
        guard let count = endpoint.host.numVFs(of: pf) else { throw Self.missing(pf, "sriov_numvfs") }
        return count
    }

    public func setNumVFs(_ count: Int, on pf: PCIAddress) throws(PlatformError) {
        guard endpoint.host.physicalFunction(at: pf) != nil else { throw Self.missing(pf, "sriov_numvfs") }
        do throws(SimNICError) {
            try endpoint.withHost { host throws(SimNICError) in try host.setNumVFs(count, on: pf) }
        } catch {
            throw .systemCall(SystemCallError("write /sys/bus/pci/devices/\(pf)/sriov_numvfs", errno: error.errno))
        }
    }

    /// The error opening a sysfs attribute of a function that does not exist gives.
    static func missing(_ pf: PCIAddress, _ attribute: String) -> PlatformError {
        .systemCall(SystemCallError("open /sys/bus/pci/devices/\(pf)/\(attribute)", errno: .noSuchFileOrDirectory))
    }
}

/// ``PCIDiscovery`` of the emulated host's functions, in process (the sysfs-tree route through
/// libpci is ``EmulatedHost/writeSysfsTree(to:)``).
public struct SimPCIDiscovery: PCIDiscovery {
    public let endpoint: SimNICEndpoint

    public init(endpoint: SimNICEndpoint) { self.endpoint = endpoint }

    public func devices() throws(PlatformError) -> [PCIDevice] { endpoint.host.pciDevices }
}
