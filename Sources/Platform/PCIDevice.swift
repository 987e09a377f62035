import EswitchModel

/// A PCI function as discovery reports it: identity, class and, for physical functions that
/// can host virtual functions, the SR-IOV capability.
public struct PCIDevice: Hashable, Sendable, Codable {
    /// Domain:bus:device.function, the function's stable identity.
    public var address: PCIAddress
    /// Vendor id (0x15b3 Mellanox/NVIDIA, 0x8086 Intel, 0x1af4 virtio...).
    public var vendorID: UInt16
    /// Device id.
    public var deviceID: UInt16
    /// Base class and subclass, as lspci shows in brackets (0x0200 Ethernet controller).
    public var classCode: UInt16
    /// The SR-IOV extended capability, when the function has one.
    public var sriov: SRIOVCapability?

    public init(address: PCIAddress, vendorID: UInt16, deviceID: UInt16, classCode: UInt16, sriov: SRIOVCapability? = nil) {
        self.address = address
        self.vendorID = vendorID
        self.deviceID = deviceID
        self.classCode = classCode
        self.sriov = sriov
    }

    /// True for network controllers (base class 0x02).
    public var isNetworkController: Bool { classCode >> 8 == 0x02 }
}

/// The registers of a PCIe SR-IOV extended capability (PCI_EXT_CAP_ID_SRIOV, see
/// /usr/include/linux/pci_regs.h PCI_SRIOV_*): how many VFs the function can have and where
/// they appear in routing-ID space.
public struct SRIOVCapability: Hashable, Sendable, Codable {
    /// Position of the capability in extended configuration space (0x100 and up).
    public var offset: UInt16
    /// InitialVFs (PCI_SRIOV_INITIAL_VF, +0x0c).
    public var initialVFs: UInt16
    /// TotalVFs (PCI_SRIOV_TOTAL_VF, +0x0e): the most VFs the function supports.
    public var totalVFs: UInt16
    /// NumVFs (PCI_SRIOV_NUM_VF, +0x10): VFs currently configured.
    public var numVFs: UInt16
    /// First VF Offset (PCI_SRIOV_VF_OFFSET, +0x14): routing-ID distance from the PF to VF 0.
    public var firstVFOffset: UInt16
    /// VF Stride (PCI_SRIOV_VF_STRIDE, +0x16): routing-ID distance between consecutive VFs.
    public var vfStride: UInt16
    /// VF Device ID (PCI_SRIOV_VF_DID, +0x1a).
    public var vfDeviceID: UInt16

    public init(offset: UInt16, initialVFs: UInt16, totalVFs: UInt16, numVFs: UInt16, firstVFOffset: UInt16, vfStride: UInt16, vfDeviceID: UInt16) {
        self.offset = offset
        self.initialVFs = initialVFs
        self.totalVFs = totalVFs
        self.numVFs = numVFs
        self.firstVFOffset = firstVFOffset
        self.vfStride = vfStride
        self.vfDeviceID = vfDeviceID
    }

    /// The PCI address of virtual function `vf` (0-based) of the physical function at `pf`:
    /// routing ID = PF routing ID + First VF Offset + vf * VF Stride (PCIe SR-IOV 1.1, 3.3.10).
    ///
    /// - Returns: nil when `vf` is not below TotalVFs or the routing ID leaves the domain's range.
    public func address(ofVF vf: VFIndex, on pf: PCIAddress) -> PCIAddress? {
        guard vf.rawValue < UInt32(totalVFs) else { return nil }
        let pfRoutingID = Int(pf.bus) << 8 | Int(pf.device) << 3 | Int(pf.function)
        let routingID = pfRoutingID + Int(firstVFOffset) + Int(vf.rawValue) * Int(vfStride)
        guard routingID <= 0xFFFF else { return nil }
        return PCIAddress(domain: pf.domain, bus: UInt8(routingID >> 8), device: UInt8(routingID >> 3 & 0x1F), function: UInt8(routingID & 0x7))
    }
}
