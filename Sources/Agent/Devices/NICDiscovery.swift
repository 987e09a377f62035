import EswitchModel
import Platform

/// A physical function found on the PCI bus that a hardware profile recognises.
struct DiscoveredPF: Hashable, Sendable {
    var device: PCIDevice
    var profile: HardwareProfile
    /// The SR-IOV capability (where its VFs appear, how many it can have).
    var sriov: SRIOVCapability
}

/// Finds the NICs the agent manages: SR-IOV capable network controllers whose PCI vendor and
/// device ids a profile lists as a PF (`HardwareProfile.matchesPF`).
enum NICDiscovery {
    /// The managed PFs among `devices`, ordered by address.
    /// - Parameters:
    ///   - profiles: tried in id order, so a device two profiles claim always gets the same one.
    ///   - only: when given, PFs outside it are left alone.
    static func physicalFunctions(in devices: [PCIDevice], profiles: [HardwareProfile], only: Set<PCIAddress>?) -> [DiscoveredPF] {
        let ordered = profiles.sorted { $0.id < $1.id }
        var out: [DiscoveredPF] = []
        for device in devices.sorted(by: { $0.address < $1.address }) where device.isNetworkController {
            guard let sriov = device.sriov, only?.contains(device.address) ?? true else { continue }
            let vendor = PCIVendorID(device.vendorID), id = PCIDeviceID(device.deviceID)
            guard let profile = ordered.first(where: { $0.matchesPF(vendor: vendor, device: id) }) else { continue }
            out.append(DiscoveredPF(device: device, profile: profile, sriov: sriov))
        }
        return out
    }
}
