extension HardwareProfile {
    /// The PCI ids under which the model's functions enumerate.
    public struct PCIIdentity: Hashable, Sendable, Codable {
        /// The vendor id of both the PF and its VFs.
        public var vendorID: PCIVendorID
        /// Device ids of the physical function (several for variants of one model).
        public var pfDeviceIDs: [PCIDeviceID]
        /// Device ids of the virtual functions (the SR-IOV capability's VF Device ID).
        public var vfDeviceIDs: [PCIDeviceID]

        public init(vendorID: PCIVendorID, pfDeviceIDs: [PCIDeviceID], vfDeviceIDs: [PCIDeviceID]) {
            self.vendorID = vendorID
            self.pfDeviceIDs = pfDeviceIDs
            self.vfDeviceIDs = vfDeviceIDs
        }

        enum CodingKeys: String, CodingKey {
            case vendorID = "vendor_id"
            case pfDeviceIDs = "pf_device_ids"
            case vfDeviceIDs = "vf_device_ids"
        }
    }

    /// True when a PCI function with these ids is this model's PF.
    public func matchesPF(vendor: PCIVendorID, device: PCIDeviceID) -> Bool {
        guard let pci else { return false }
        return pci.vendorID == vendor && pci.pfDeviceIDs.contains(device)
    }

    /// True when a PCI function with these ids is one of this model's VFs.
    public func matchesVF(vendor: PCIVendorID, device: PCIDeviceID) -> Bool {
        guard let pci else { return false }
        return pci.vendorID == vendor && pci.vfDeviceIDs.contains(device)
    }
}
