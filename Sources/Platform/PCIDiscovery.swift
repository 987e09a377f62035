/// Enumerates the PCI functions of a host (or of an emulated PCI tree), with their SR-IOV
/// capabilities: the first step in finding the NICs eswitch can manage.
public protocol PCIDiscovery: Sendable {
    /// Every PCI function found, ordered by address.
    func devices() throws(PlatformError) -> [PCIDevice]
}

extension PCIDiscovery {
    /// A human-readable summary of the SR-IOV capable functions, one line each, or a line saying
    /// that none was found.
    public func sriovReport() throws(PlatformError) -> String {
        PCIDevice.sriovReport(try devices())
    }
}

extension PCIDevice {
    /// The summary ``PCIDiscovery/sriovReport()`` prints for `devices`.
    public static func sriovReport(_ devices: [PCIDevice]) -> String {
        let capable = devices.compactMap { device in device.sriov.map { (device, $0) } }
        guard !capable.isEmpty else {
            return "no SR-IOV capable device found (\(devices.count) PCI function\(devices.count == 1 ? "" : "s") scanned)"
        }
        return capable.map { device, c in
             "\(device.address) [\(hex(device.vendorID)):\(hex(device.deviceID))] class \(hex(device.classCode)): "
                + "SR-IOV TotalVFs \(c.totalVFs) NumVFs \(c.numVFs) VF device \(hex(c.vfDeviceID)) "
                + "offset \(c.firstVFOffset) stride \(c.vfStride)"
        }.joined(separator: "\n")
    }
}

private func hex(_ value: UInt16) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 4 - digits.count) + digits
}
