import EswitchModel
import Foundation
import Netlink
import Platform
import PlatformLinux
@testable import SimNIC
import Testing

/// sriov_numvfs semantics (drivers/pci/iov.c) on the emulated host, through SimSRIOVControl, and
/// the Linux implementation against a temporary directory.
@Suite("SR-IOV control")
struct SRIOVTests {
    static let pf0 = PCIAddress("0000:03:00.0")!

    @Test("N creates VFs with netdevs, N->M is EBUSY, above TotalVFs ERANGE, 0 removes them")
    func numVFsRules() throws {
        let endpoint = SimNICEndpoint(host: EmulatedHost(profile: Profiles.connectX6Dx))
        let control = SimSRIOVControl(endpoint: endpoint)
        #expect(try control.totalVFs(of: Self.pf0) == 127)
        #expect(try control.numVFs(of: Self.pf0) == 0)
        try control.setNumVFs(4, on: Self.pf0)
        #expect(try control.numVFs(of: Self.pf0) == 4)
        let host = endpoint.host
        #expect(host.physicalFunctions[0].vfs.map(\.address.description) == ["0000:03:00.2", "0000:03:00.3", "0000:03:00.4", "0000:03:00.5"])
        #expect(host.physicalFunctions[0].vfs.allSatisfy { $0.isBound && $0.netdev != nil })
        #expect(host.physicalFunctions[0].vfs.allSatisfy { $0.representor == nil })  // legacy mode
        #expect(host.link(named: "pf0v3")?.role == .virtualFunction(pf: 0, vf: 3))

        func errno(_ body: () throws -> Void) -> Errno? {
            do { try body() } catch let error as PlatformError {
                if case .systemCall(let e) = error { return e.errno }
            } catch {}
            return nil
        }
        #expect(errno { try control.setNumVFs(8, on: Self.pf0) } == .resourceBusy)
        #expect(errno { try control.setNumVFs(4, on: Self.pf0) } == nil)   // same count: no-op
        #expect(errno { try control.setNumVFs(128, on: Self.pf0) } == .outOfRange)
        #expect(errno { try control.setNumVFs(1, on: PCIAddress("0000:09:00.0")!) } == .noSuchFileOrDirectory)
        try control.setNumVFs(0, on: Self.pf0)
        #expect(endpoint.host.physicalFunctions[0].vfs.isEmpty)
        #expect(endpoint.host.link(named: "pf0v3") == nil)
        try control.setNumVFs(8, on: Self.pf0)
        #expect(try control.numVFs(of: Self.pf0) == 8)
        // The second PF's VFs sit after the first PF's 127.
        try control.setNumVFs(1, on: PCIAddress("0000:03:00.1")!)
        #expect(endpoint.host.physicalFunctions[1].vfs.first?.address.description == "0000:03:10.1")
    }

    @Test("removing VFs in switchdev mode takes representors, their filters and vDPA devices")
    func removalCascade() throws {
        let endpoint = SimNICEndpoint(host: EmulatedHost(profile: Profiles.connectX6Dx, configuration: EmulatedHostConfiguration(initialVFs: 2, eswitchMode: .switchdev)))
        let rep = try #require(endpoint.host.link(named: "pf0vf0")).ifindex
        let target = try #require(endpoint.host.link(named: "pf0vf1")).ifindex
        let filter = try FilterMessage.flower(ifindex: rep, priority: 1, protocol: .ipv4, match: FlowerMatch(dstMAC: Masked(MACAddress("02:00:00:00:00:01")!)),
                                             actions: [TCAction(order: 1, .mirred(.redirect(to: target)))], flags: .skipSoftware)
        try endpoint.withHost { host throws(SimNICError) in
            try host.addQdisc("ingress", on: rep)
            _ = try host.addFilter(filter)
            try host.addVDPADevice(name: "v0", on: PCIAddress("0000:03:00.2")!)
        }
        #expect(endpoint.host.hardwareRuleCount == 1)
        try SimSRIOVControl(endpoint: endpoint).setNumVFs(0, on: Self.pf0)
        let host = endpoint.host
        #expect(host.link(named: "pf0vf0") == nil)
        #expect(host.allFilters.isEmpty)
        #expect(host.hardwareRuleCount == 0)
        #expect(host.qdiscs.isEmpty)
        #expect(host.vdpaDevices.isEmpty)
    }

    @Test("an armed fault fails the next write with its errno")
    func fault() throws {
        let endpoint = SimNICEndpoint(host: EmulatedHost(profile: Profiles.e810))
        try endpoint.withHost { host throws(SimNICError) in host.faults.nextNumVFsChange = SimNICError(.ioError) }
        #expect(throws: PlatformError.systemCall(SystemCallError("write /sys/bus/pci/devices/0000:03:00.0/sriov_numvfs", errno: .ioError))) {
            try SimSRIOVControl(endpoint: endpoint).setNumVFs(2, on: Self.pf0)
        }
        try SimSRIOVControl(endpoint: endpoint).setNumVFs(2, on: Self.pf0)
        #expect(endpoint.host.physicalFunctions[0].vfs.count == 2)
        // E810 has four ports: VF 0 of PF 0 is function 4.
        #expect(endpoint.host.physicalFunctions[0].vfs.first?.address.description == "0000:03:00.4")
    }

    @Test("SysfsSRIOVControl reads and writes the sysfs attribute files")
    func linuxSysfs() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("eswitch-sriov-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let device = root.appendingPathComponent("0000:03:00.0")
        try FileManager.default.createDirectory(at: device, withIntermediateDirectories: true)
        try Data("127\n".utf8).write(to: device.appendingPathComponent("sriov_totalvfs"))
        try Data("0\n".utf8).write(to: device.appendingPathComponent("sriov_numvfs"))
        let control = SysfsSRIOVControl(devicesRoot: root.path)
        #expect(try control.totalVFs(of: Self.pf0) == 127)
        #expect(try control.numVFs(of: Self.pf0) == 0)
        try control.setNumVFs(8, on: Self.pf0)
        #expect(try String(contentsOf: device.appendingPathComponent("sriov_numvfs"), encoding: .utf8) == "8\n")
        #expect(try control.numVFs(of: Self.pf0) == 8)
        #expect(throws: PlatformError.self) { try control.totalVFs(of: PCIAddress("0000:09:00.0")!) }
        #expect(throws: PlatformError.self) { try control.setNumVFs(-1, on: Self.pf0) }
        try Data("many\n".utf8).write(to: device.appendingPathComponent("sriov_totalvfs"))
        #expect(throws: PlatformError.self) { try control.totalVFs(of: Self.pf0) }
    }

    @Test("the emulated sysfs tree is read back by libpci with the profile's ids and SR-IOV registers")
    func sysfsTreeThroughLibPCI() throws {
        let endpoint = SimNICEndpoint(host: EmulatedHost(profile: Profiles.connectX6Dx, configuration: EmulatedHostConfiguration(physicalFunctions: 1, initialVFs: 3)))
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("eswitch-simpci-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try endpoint.host.writeSysfsTree(to: root.path)
        let devices = try LibPCIDiscovery(sysfsRoot: root.path).devices()
        #expect(devices == endpoint.host.pciDevices)
        #expect(devices == (try SimPCIDiscovery(endpoint: endpoint).devices()))
        #expect(devices.map(\.address.description) == ["0000:03:00.0", "0000:03:00.2", "0000:03:00.3", "0000:03:00.4"])
        let pf = try #require(devices.first)
        #expect(pf.vendorID == 0x15B3)
        #expect(pf.deviceID == 0x101D)
        #expect(pf.isNetworkController)
        let sriov = try #require(pf.sriov)
        #expect(sriov.totalVFs == 127)
        #expect(sriov.numVFs == 3)
        #expect(sriov.firstVFOffset == 2)
        #expect(sriov.vfStride == 1)
        #expect(sriov.vfDeviceID == 0x101E)
        #expect(sriov.address(ofVF: VFIndex(2), on: pf.address)?.description == "0000:03:00.4")
        #expect(devices[1].deviceID == 0x101E)
        #expect(devices[1].sriov == nil)
        // After a sriov_numvfs change the tree is rewritten with the new count and functions.
        try SimSRIOVControl(endpoint: endpoint).setNumVFs(0, on: Self.pf0)
        try endpoint.host.writeSysfsTree(to: root.path)
        let after = try LibPCIDiscovery(sysfsRoot: root.path).devices()
        #expect(after.count == 1)
        #expect(after.first?.sriov?.numVFs == 0)
        // The software profile has no PCI function.
        try EmulatedHost(profile: Profiles.software).writeSysfsTree(to: root.path)
        #expect(try LibPCIDiscovery(sysfsRoot: root.path).devices().isEmpty)
    }
}
