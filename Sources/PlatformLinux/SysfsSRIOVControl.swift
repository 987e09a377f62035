#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import EswitchModel
import Platform

/// SR-IOV control through sysfs: reads `sriov_totalvfs` / `sriov_numvfs` and writes
/// `sriov_numvfs` of `<devicesRoot>/<BDF>/`, the Linux ``SRIOVControl``.
///
/// The kernel enforces the rules (drivers/pci/iov.c): the failure comes back as the errno of the
/// `write`, e.g. EBUSY when VFs exist and another non-zero count is written. The root is a
/// parameter so that tests can point it at a temporary directory.
public struct SysfsSRIOVControl: SRIOVControl {
    /// The directory holding one entry per PCI function (`/sys/bus/pci/devices` on a host).
    public var devicesRoot: String

    /// - Parameter devicesRoot: `/sys/bus/pci/devices`, or a directory shaped like it.
    public init(devicesRoot: String = "/sys/bus/pci/devices") {
        self.devicesRoot = devicesRoot
    }

    public func totalVFs(of pf: PCIAddress) throws(PlatformError) -> Int {
        try readNumber(path(pf, "sriov_totalvfs"))
    }

    public func numVFs(of pf: PCIAddress) throws(PlatformError) -> Int {
        try readNumber(path(pf, "sriov_numvfs"))
    }

    public func setNumVFs(_ count: Int, on pf: PCIAddress) throws(PlatformError) {
        // The kernel parses a u16 (kstrtou16): a negative or larger number is EINVAL before any
        // other check; refuse it here with the same errno instead of writing it.
        guard (0...Int(UInt16.max)).contains(count) else {
            throw .systemCall(SystemCallError("write \(path(pf, "sriov_numvfs"))", errno: .invalidArgument))
        }
        let file = path(pf, "sriov_numvfs")
        let fd: Int32
        do {
            fd = try SystemCall.run("open \(file)") { open(file, O_WRONLY | O_CLOEXEC) }
        } catch {
            throw .systemCall(error)
        }
        defer { close(fd) }
        var text = Array("\(count)\n".utf8)
        let result: Result<Int, SystemCallError> = text.withUnsafeMutableBytes { raw in
            Result { () throws(SystemCallError) in try SystemCall.run("write \(file)") { write(fd, raw.baseAddress, raw.count) } }
        }
        if case .failure(let error) = result { throw .systemCall(error) }
    }

    private func path(_ pf: PCIAddress, _ name: String) -> String {
        "\(devicesRoot)/\(pf.description)/\(name)"
    }

    /// Reads a small decimal attribute file.
    private func readNumber(_ file: String) throws(PlatformError) -> Int {
        let fd: Int32
        do {
            fd = try SystemCall.run("open \(file)") { open(file, O_RDONLY | O_CLOEXEC) }
        } catch {
            throw .systemCall(error)
        }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 64)
        let result: Result<Int, SystemCallError> = buffer.withUnsafeMutableBytes { raw in
            Result { () throws(SystemCallError) in try SystemCall.run("read \(file)") { read(fd, raw.baseAddress, raw.count) } }
        }
        let count: Int
        switch result {
        case .success(let n): count = n
        case .failure(let error): throw .systemCall(error)
        }
        let text = String(decoding: buffer[0..<count], as: UTF8.self).filter { !$0.isWhitespace }
        guard let value = Int(text), value >= 0 else {
            throw .invalidSysfsTree(path: file, reason: "expected a decimal number, found '\(text)'")
        }
        return value
    }
}
