import CPci
import EswitchModel
import Platform

/// PCI discovery through libpci's sysfs back-end: the Linux ``PCIDiscovery``.
///
/// The sysfs root is a parameter so that SimNIC can present an emulated tree
/// (`ROOT/devices/<BDF>/{config,vendor,device,class,...}`) to exactly the code that reads a real
/// host. `lspci -A linux-sysfs -O sysfs.path=ROOT` shows the same tree.
public struct LibPCIDiscovery: PCIDiscovery {
    /// The directory libpci reads (its `sysfs.path` parameter).
    public var sysfsRoot: String

    /// - Parameter sysfsRoot: `/sys/bus/pci` on a host, or the root of an emulated tree.
    public init(sysfsRoot: String = "/sys/bus/pci") {
        self.sysfsRoot = sysfsRoot
    }

    /// Every PCI function under the root, ordered by address, with its SR-IOV capability.
    ///
    /// Functions in a PCI domain above 0xffff (Intel VMD) are left out: ``PCIAddress`` has a
    /// 16-bit domain.
    public func devices() throws(PlatformError) -> [PCIDevice] {
        _ = try SysfsPCITree.validate(root: sysfsRoot)
        guard let access = pci_alloc() else {
            throw .systemCall(SystemCallError("pci_alloc", errno: .noMemory))
        }
        defer { pci_cleanup(access) }
        access.pointee.method = PCI_ACCESS_SYS_BUS_PCI.rawValue
        // libpci copies the value (pci_set_param keeps its own string) and never writes to either.
        let set = "sysfs.path".withCString { name in
            sysfsRoot.withCString { value in
                pci_set_param(access, UnsafeMutablePointer(mutating: name), UnsafeMutablePointer(mutating: value))
            }
        }
        guard set == 0 else { throw .unavailable("this libpci has no sysfs.path parameter") }
        pci_init(access)
        pci_scan_bus(access)

        var found: [PCIDevice] = []
        var next = access.pointee.devices
        while let device = next {
            next = device.pointee.next
            _ = pci_fill_info(device, PCI_FILL_IDENT | PCI_FILL_CLASS | PCI_FILL_EXT_CAPS)
            let d = device.pointee
            guard d.domain >= 0, d.domain <= 0xFFFF else { continue }
            found.append(PCIDevice(
                address: PCIAddress(domain: UInt16(d.domain), bus: d.bus, device: d.dev, function: d.func),
                vendorID: d.vendor_id, deviceID: d.device_id, classCode: d.device_class,
                sriov: Self.sriovCapability(of: device)))
        }
        return found.sorted { $0.address < $1.address }
    }

    /// Reads the SR-IOV extended capability registers, if the function has the capability.
    private static func sriovCapability(of device: UnsafeMutablePointer<pci_dev>) -> SRIOVCapability? {
        guard let capability = pci_find_cap(device, UInt32(PCI_EXT_CAP_ID_SRIOV), UInt32(PCI_CAP_EXTENDED)) else { return nil }
        let base = Int32(capability.pointee.addr)
        func word(_ register: Int32) -> UInt16 { pci_read_word(device, base + register) }
        return SRIOVCapability(
            offset: UInt16(truncatingIfNeeded: base),
            initialVFs: word(PCI_IOV_INITIALVF), totalVFs: word(PCI_IOV_TOTALVF), numVFs: word(PCI_IOV_NUMVF),
            firstVFOffset: word(PCI_IOV_OFFSET), vfStride: word(PCI_IOV_STRIDE), vfDeviceID: word(PCI_IOV_DID))
    }
}
