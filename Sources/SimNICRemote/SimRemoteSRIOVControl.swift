#if canImport(Glibc)
import Glibc
#endif
import EswitchModel
import Platform
import SimNIC

/// ``SRIOVControl`` of an emulator process: the PF's `sriov_totalvfs` and `sriov_numvfs` files of
/// its emulated sysfs, read and written through the ``SimRemoteChannel/sysfs`` channel as
/// `SysfsSRIOVControl` reads and writes them on a host, with the same errnos (EBUSY, ERANGE,
/// ENOENT for a PF that does not exist).
public struct SimRemoteSRIOVControl: SRIOVControl {
    public let connection: SimRemoteConnection

    /// - Parameter connection: a connection to the emulator (only this control uses it).
    public init(connection: SimRemoteConnection) { self.connection = connection }

    public func totalVFs(of pf: PCIAddress) throws(PlatformError) -> Int {
        try readNumber(Self.path(pf, "sriov_totalvfs"))
    }

    public func numVFs(of pf: PCIAddress) throws(PlatformError) -> Int {
        try readNumber(Self.path(pf, "sriov_numvfs"))
    }

    public func setNumVFs(_ count: Int, on pf: PCIAddress) throws(PlatformError) {
        let file = Self.path(pf, "sriov_numvfs")
        // The kernel parses a u16 (kstrtou16): anything else is EINVAL before any other check.
        guard (0...Int(UInt16.max)).contains(count) else { throw .systemCall(SystemCallError("write \(file)", errno: .invalidArgument)) }
        _ = try exchange(file, value: "\(count)\n", verb: "write")
    }

    static func path(_ pf: PCIAddress, _ attribute: String) -> String {
        "/sys/bus/pci/devices/\(pf)/\(attribute)"
    }

    private func readNumber(_ file: String) throws(PlatformError) -> Int {
        let text = try exchange(file, value: nil, verb: "read").filter { !$0.isWhitespace }
        guard let value = Int(text), value >= 0 else {
            throw .invalidSysfsTree(path: file, reason: "expected a decimal number, found '\(text)'")
        }
        return value
    }

    /// One sysfs access; the emulator's errno comes back as the system call's.
    private func exchange(_ file: String, value: String?, verb: String) throws(PlatformError) -> String {
        let datagrams: [[UInt8]]
        do throws(SimRemoteError) {
            datagrams = try connection.exchange(.sysfs, port: 0, payload: SimSysfsExchange.request(path: file, value: value))
        } catch {
            throw error.platformError
        }
        guard datagrams.count == 1 else { throw .systemCall(SystemCallError("\(verb) \(file): emulator answered \(datagrams.count) datagrams", errno: Errno(EPROTO))) }
        switch SimSysfsExchange.decode(datagrams[0]) {
        case .success(let text): return text
        case .failure(let error): throw .systemCall(SystemCallError("\(verb) \(file)", errno: error.errno))
        }
    }
}
