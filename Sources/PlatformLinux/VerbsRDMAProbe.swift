#if canImport(Glibc)
import Glibc
#endif
import CIbverbs
import Platform

/// Lists RDMA devices through libibverbs: the Linux ``RDMAProbe``.
public struct VerbsRDMAProbe: RDMAProbe {
    public init() {}

    /// The devices ibv_get_device_list reports. A kernel without RDMA support (ENOSYS) has no
    /// devices, which is an empty list, not an error.
    public func devices() throws(PlatformError) -> [RDMADevice] {
        var count: Int32 = 0
        guard let list = ibv_get_device_list(&count) else {
            let code = errno
            if code == ENOSYS { return [] }
            throw .systemCall(SystemCallError("ibv_get_device_list", errno: Errno(code)))
        }
        defer { ibv_free_device_list(list) }
        var devices: [RDMADevice] = []
        for index in 0..<Int(max(count, 0)) {
            guard let device = list[index] else { break }
            let name = ibv_get_device_name(device).map { String(cString: $0) } ?? ""
            // The GUID comes in network byte order (__be64).
            devices.append(RDMADevice(name: name, nodeGUID: UInt64(bigEndian: ibv_get_device_guid(device))))
        }
        return devices
    }
}
