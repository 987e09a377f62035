import EswitchModel
import Platform

extension EmulatedHost {
    /// The PCI functions of the emulated NIC, ordered by address: each PF with its SR-IOV
    /// capability, then the VFs that exist (class 0x0200, the profile's VF device id).
    public var pciDevices: [PCIDevice] {
        guard let pci = profile.pci else { return [] }
        var out: [PCIDevice] = []
        for pf in physicalFunctions {
            out.append(PCIDevice(address: pf.address, vendorID: pci.vendorID.rawValue, deviceID: pf.deviceID.rawValue,
                                 classCode: 0x0200, sriov: pf.sriov))
            for vf in pf.vfs {
                out.append(PCIDevice(address: vf.address, vendorID: pci.vendorID.rawValue, deviceID: pf.sriov.vfDeviceID, classCode: 0x0200))
            }
        }
        return out.sorted { $0.address < $1.address }
    }

    /// The files of a sysfs PCI tree for the emulated functions, as paths relative to the tree's
    /// root (`devices/<BDF>/config`, `vendor`, `device`, `class`, `irq`, `resource`, and for PFs
    /// `sriov_totalvfs`, `sriov_numvfs`, `sriov_offset`, `sriov_stride`, `sriov_vf_device`).
    ///
    /// `config` is 4096 bytes of configuration space with a capability list holding a PCI Express
    /// capability (libpci walks extended capabilities of PCIe functions only) and, for PFs, the
    /// SR-IOV extended capability at 0x100 (PCI_EXT_CAP_ID_SRIOV, /usr/include/linux/pci_regs.h:
    /// InitialVFs +0x0c, TotalVFs +0x0e, NumVFs +0x10, VF offset +0x14, stride +0x16, VF device
    /// id +0x1a). `lspci -A linux-sysfs -O sysfs.path=ROOT` and LibPCIDiscovery(sysfsRoot:) read it.
    public var sysfsTree: [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for device in pciDevices {
            let directory = "devices/\(device.address)"
            files[directory + "/config"] = Self.configSpace(device)
            files[directory + "/vendor"] = Array("\(hex(device.vendorID, 4))\n".utf8)
            files[directory + "/device"] = Array("\(hex(device.deviceID, 4))\n".utf8)
            files[directory + "/class"] = Array("\(hex(UInt32(device.classCode) << 8, 6))\n".utf8)
            files[directory + "/irq"] = Array("0\n".utf8)
            files[directory + "/resource"] = Array(String(repeating: "0x0000000000000000 0x0000000000000000 0x0000000000000000\n", count: 13).utf8)
            if let sriov = device.sriov {
                files[directory + "/sriov_totalvfs"] = Array("\(sriov.totalVFs)\n".utf8)
                files[directory + "/sriov_numvfs"] = Array("\(sriov.numVFs)\n".utf8)
                files[directory + "/sriov_offset"] = Array("\(sriov.firstVFOffset)\n".utf8)
                files[directory + "/sriov_stride"] = Array("\(sriov.vfStride)\n".utf8)
                files[directory + "/sriov_vf_device"] = Array("\(String(sriov.vfDeviceID, radix: 16))\n".utf8)
            }
        }
        return files
    }

    /// 4096 bytes of configuration space for one function.
    static func configSpace(_ device: PCIDevice) -> [UInt8] {
        var config = [UInt8](repeating: 0, count: 4096)
        func put16(_ offset: Int, _ value: UInt16) {
            config[offset] = UInt8(value & 0xFF)
            config[offset + 1] = UInt8(value >> 8)
        }
        func put32(_ offset: Int, _ value: UInt32) {
            put16(offset, UInt16(value & 0xFFFF))
            put16(offset + 2, UInt16(value >> 16))
        }
        put16(0x00, device.vendorID)                 // PCI_VENDOR_ID
        put16(0x02, device.deviceID)                 // PCI_DEVICE_ID
        put16(0x06, 0x0010)                          // PCI_STATUS: PCI_STATUS_CAP_LIST
        config[0x0A] = UInt8(device.classCode & 0xFF) // PCI_CLASS_DEVICE (subclass)
        config[0x0B] = UInt8(device.classCode >> 8)   // base class
        config[0x34] = 0x40                          // PCI_CAPABILITY_LIST
        config[0x40] = 0x10                          // PCI_CAP_ID_EXP, next 0
        put16(0x42, 0x0002)                          // PCIe capability version 2, endpoint
        if let sriov = device.sriov {
            put32(0x100, 0x0001_0010)                // PCI_EXT_CAP_ID_SRIOV (0x10), version 1, next 0
            put16(0x100 + 0x0C, sriov.initialVFs)
            put16(0x100 + 0x0E, sriov.totalVFs)
            put16(0x100 + 0x10, sriov.numVFs)
            put16(0x100 + 0x14, sriov.firstVFOffset)
            put16(0x100 + 0x16, sriov.vfStride)
            put16(0x100 + 0x1A, sriov.vfDeviceID)
        }
        return config
    }
}

private func hex(_ value: some BinaryInteger, _ digits: Int) -> String {
    let text = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, digits - text.count)) + text
}
