import EswitchModel
import Foundation
import Platform
import PlatformLinux
import Testing

/// An emulated sysfs PCI tree as SimNIC will present it: DIR/devices/<BDF>/{config, vendor,
/// device, class, irq, resource}.
struct SyntheticPCITree {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("eswitch-pci-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("devices"), withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// Writes one function. With `sriov`, the config space has a capability list holding a PCI
    /// Express capability (libpci only walks extended capabilities of PCIe functions) and an
    /// SR-IOV extended capability at 0x100.
    func addFunction(_ address: String, vendor: UInt16, device: UInt16, classCode: UInt32, sriov: SRIOVCapability? = nil, files: [String] = ["config", "vendor", "device", "class", "irq", "resource"]) throws {
        let directory = root.appendingPathComponent("devices").appendingPathComponent(address)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var config = [UInt8](repeating: 0, count: 4096)
        func put16(_ offset: Int, _ value: UInt16) { config[offset] = UInt8(value & 0xFF); config[offset + 1] = UInt8(value >> 8) }
        func put32(_ offset: Int, _ value: UInt32) { put16(offset, UInt16(value & 0xFFFF)); put16(offset + 2, UInt16(value >> 16)) }
        put16(0x00, vendor)
        put16(0x02, device)
        config[0x09] = UInt8(classCode & 0xFF)
        config[0x0A] = UInt8(classCode >> 8 & 0xFF)
        config[0x0B] = UInt8(classCode >> 16 & 0xFF)
        if let sriov {
            put16(0x06, 0x0010)           // PCI_STATUS_CAP_LIST
            config[0x34] = 0x40           // PCI_CAPABILITY_LIST
            config[0x40] = 0x10           // PCI_CAP_ID_EXP, next 0
            put16(0x42, 0x0002)           // PCIe capability version 2, endpoint
            put32(0x100, 0x0001_0010)     // PCI_EXT_CAP_ID_SRIOV, version 1, next 0
            put16(0x100 + 0x0C, sriov.initialVFs)
            put16(0x100 + 0x0E, sriov.totalVFs)
            put16(0x100 + 0x10, sriov.numVFs)
            put16(0x100 + 0x14, sriov.firstVFOffset)
            put16(0x100 + 0x16, sriov.vfStride)
            put16(0x100 + 0x1A, sriov.vfDeviceID)
        }
        let hex4 = { (v: UInt16) in "0x" + String(format: "%04x", v) + "\n" }
        let contents: [String: Data] = [
            "config": Data(config),
            "vendor": Data(hex4(vendor).utf8),
            "device": Data(hex4(device).utf8),
            "class": Data(("0x" + String(format: "%06x", classCode) + "\n").utf8),
            "irq": Data("0\n".utf8),
            "resource": Data(String(repeating: "0x0000000000000000 0x0000000000000000 0x0000000000000000\n", count: 13).utf8),
        ]
        for name in files {
            try contents[name]?.write(to: directory.appendingPathComponent(name))
        }
    }
}

@Suite("PCI discovery through libpci")
struct PCIDiscoveryTests {
    static let connectX = SRIOVCapability(offset: 0x100, initialVFs: 8, totalVFs: 8, numVFs: 4, firstVFOffset: 2, vfStride: 1, vfDeviceID: 0x101E)

    @Test("an emulated tree's SR-IOV capability is read back register by register")
    func syntheticTree() throws {
        let tree = try SyntheticPCITree()
        defer { tree.remove() }
        try tree.addFunction("0000:03:00.0", vendor: 0x15B3, device: 0x101D, classCode: 0x020000, sriov: Self.connectX)
        try tree.addFunction("0000:00:03.0", vendor: 0x1AF4, device: 0x1041, classCode: 0x020000)

        let devices = try LibPCIDiscovery(sysfsRoot: tree.root.path).devices()
        #expect(devices.map(\.address.description) == ["0000:00:03.0", "0000:03:00.0"])
        let nic = try #require(devices.last)
        #expect(nic.vendorID == 0x15B3)
        #expect(nic.deviceID == 0x101D)
        #expect(nic.classCode == 0x0200)
        #expect(nic.isNetworkController)
        #expect(nic.sriov == Self.connectX)
        #expect(devices.first?.sriov == nil)

        let vf0 = nic.sriov?.address(ofVF: VFIndex(0), on: nic.address)
        let vf6 = nic.sriov?.address(ofVF: VFIndex(6), on: nic.address)
        #expect(vf0?.description == "0000:03:00.2")
        #expect(vf6?.description == "0000:03:01.0")
        #expect(nic.sriov?.address(ofVF: VFIndex(8), on: nic.address) == nil)

        let report = PCIDevice.sriovReport(devices)
        #expect(report == "0000:03:00.0 [15b3:101d] class 0200: SR-IOV TotalVFs 8 NumVFs 4 VF device 101e offset 2 stride 1")
    }

    @Test("a tree without SR-IOV says so")
    func noSRIOV() throws {
        let tree = try SyntheticPCITree()
        defer { tree.remove() }
        try tree.addFunction("0000:00:03.0", vendor: 0x1AF4, device: 0x1041, classCode: 0x020000)
        #expect(try LibPCIDiscovery(sysfsRoot: tree.root.path).sriovReport() == "no SR-IOV capable device found (1 PCI function scanned)")
    }

    @Test("a broken tree is a typed error naming the file, not the end of the process")
    func brokenTree() throws {
        let missing = #expect(throws: PlatformError.self) {
            try LibPCIDiscovery(sysfsRoot: "/nonexistent/eswitch").devices()
        }
        guard case .invalidSysfsTree(let path, _)? = missing else { Issue.record("got \(String(describing: missing))"); return }
        #expect(path == "/nonexistent/eswitch/devices")

        let tree = try SyntheticPCITree()
        defer { tree.remove() }
        try tree.addFunction("0000:00:03.0", vendor: 0x1AF4, device: 0x1041, classCode: 0x020000, files: ["config", "vendor", "device"])
        let noClass = #expect(throws: PlatformError.self) {
            try LibPCIDiscovery(sysfsRoot: tree.root.path).devices()
        }
        guard case .invalidSysfsTree(let classPath, _)? = noClass else { Issue.record("got \(String(describing: noClass))"); return }
        #expect(classPath.hasSuffix("/devices/0000:00:03.0/class"))

        try FileManager.default.createDirectory(at: tree.root.appendingPathComponent("devices/not-a-device"), withIntermediateDirectories: true)
        #expect(throws: PlatformError.self) { try LibPCIDiscovery(sysfsRoot: tree.root.path).devices() }
    }

    @Test("the host's bus is enumerated and its SR-IOV functions reported")
    func hostBus() throws {
        let discovery = LibPCIDiscovery()
        let devices = try discovery.devices()
        #expect(!devices.isEmpty)
        #expect(devices == devices.sorted { $0.address < $1.address })
        #expect(devices.allSatisfy { $0.vendorID != 0 && $0.vendorID != 0xFFFF })
        let report = try discovery.sriovReport()
        let capable = devices.filter { $0.sriov != nil }
        if capable.isEmpty {
            // This VM: virtio devices only.
            #expect(report == "no SR-IOV capable device found (\(devices.count) PCI functions scanned)")
        } else {
            #expect(report.split(separator: "\n").count == capable.count)
        }
    }
}
