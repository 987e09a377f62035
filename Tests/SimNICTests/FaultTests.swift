import EswitchModel
import Foundation
import Netlink
import Platform
@testable import SimNIC
import Testing

/// Faults and timing injected into an emulated host, and the notifications a real kernel sends
/// for them: PF link down/up, VF unbind/rebind through the emulated sysfs, set-up latencies on
/// a manual clock.
@Suite("faults and timing")
struct FaultTests {
    static let pf0 = PCIAddress("0000:03:00.0")!

    /// A host, an endpoint and an event source listening to RTNLGRP_LINK.
    struct Rig {
        let endpoint: SimNICEndpoint
        let source: SimNetlinkEventSource

        init(_ mode: DevlinkEswitchMode, vfs: Int = 2, profile: HardwareProfile = Profiles.connectX6Dx) throws {
            endpoint = SimNICEndpoint(host: EmulatedHost(profile: profile, configuration: EmulatedHostConfiguration(
                physicalFunctions: 1, initialVFs: vfs, eswitchMode: mode)))
            source = SimNetlinkEventSource(endpoint: endpoint)
            try source.join(group: RTNLGRP.link)
        }

        /// Every notification waiting, in order.
        func drain() throws -> [NetlinkMessage] {
            var out: [NetlinkMessage] = []
            while case let batch = try source.receive(timeout: .milliseconds(20)), !batch.isEmpty { out += batch }
            return out
        }

        func links(_ messages: [NetlinkMessage]) -> [LinkMessage] {
            messages.compactMap { if case .link(let l) = $0.body { l } else { nil } }
        }

        func host(_ body: (inout EmulatedHost) throws(SimNICError) -> Void) throws {
            try endpoint.withHost(body)
        }
    }

    @Test("PF link down and up in legacy mode: RTM_NEWLINK with operstate, carrier and counters; auto VFs follow")
    func uplinkLegacy() throws {
        let rig = try Rig(.legacy)
        try rig.host { host throws(SimNICError) in
            for name in ["pf0", "pf0v0", "pf0v1"] { try host.setLinkUp(host.link(named: name)!.ifindex, true) }
            // VF 1 has its link forced up: it does not follow the port.
            try host.configureVF(onPF: host.link(named: "pf0")!.ifindex, VFInfo(vf: VFIndex(1), attributes: [.linkState(.enable)]))
        }
        _ = try rig.drain()
        try rig.host { host throws(SimNICError) in try host.setPhysicalLink(false, on: Self.pf0) }
        let down = rig.links(try rig.drain())
        #expect(down.map(\.name) == ["pf0", "pf0v0"])
        for link in down {
            #expect(link.attributes.contains(.operstate(.down)), "\(link.name ?? "")")
            #expect(link.attributes.contains(.carrier(false)))
            #expect(link.attributes.contains(.carrierChanges(1)))
            #expect(link.attributes.contains(.carrierDownCount(1)))
            #expect(link.flags.contains(.up) && !link.flags.contains(.running) && !link.flags.contains(.lowerUp))
        }
        #expect(try rig.endpoint.host.readSysfs("/sys/class/net/pf0/operstate") == "down\n")
        #expect(try rig.endpoint.host.readSysfs("/sys/class/net/pf0/carrier") == "0\n")
        // The same state again sends nothing.
        try rig.host { host throws(SimNICError) in try host.setPhysicalLink(false, on: Self.pf0) }
        #expect(try rig.drain().isEmpty)
        try rig.host { host throws(SimNICError) in try host.setPhysicalLink(true, on: Self.pf0) }
        let up = rig.links(try rig.drain())
        #expect(up.map(\.name) == ["pf0", "pf0v0"])
        #expect(up.allSatisfy { $0.attributes.contains(.operstate(.up)) && $0.attributes.contains(.carrierChanges(2)) && $0.flags.contains(.lowerUp) })
        #expect(throws: SimNICError(.noSuchDevice)) { try rig.host { host throws(SimNICError) in try host.setPhysicalLink(false, on: PCIAddress("0000:09:00.0")!) } }
    }

    @Test("switchdev: the uplink going down leaves VFs and representors; a representor taken down takes its VF's link")
    func uplinkSwitchdev() throws {
        let rig = try Rig(.switchdev)
        try rig.host { host throws(SimNICError) in
            for name in ["pf0", "pf0v0", "pf0vf0"] { try host.setLinkUp(host.link(named: name)!.ifindex, true) }
        }
        _ = try rig.drain()
        try rig.host { host throws(SimNICError) in try host.setPhysicalLink(false, on: Self.pf0) }
        #expect(rig.links(try rig.drain()).map(\.name) == ["pf0"])
        #expect(rig.endpoint.host.link(named: "pf0vf0")?.operState == .up)
        #expect(rig.endpoint.host.link(named: "pf0v0")?.operState == .up)
        // ip link set pf0vf0 down: the representor, then its VF (carrier off).
        let route = SimNetlinkTransport(endpoint: rig.endpoint, protocol: .route)
        let rep = rig.endpoint.host.link(named: "pf0vf0")!.ifindex
        try route.request(LinkMessage.setDown(rep))
        let changed = rig.links(try rig.drain())
        #expect(changed.map(\.name) == ["pf0vf0", "pf0v0"])
        #expect(changed.last?.attributes.contains(.carrier(false)) == true)
        #expect(rig.endpoint.host.link(named: "pf0v0")?.operState == .down)
        try route.request(LinkMessage.setUp(rep))
        #expect(rig.links(try rig.drain()).map(\.name) == ["pf0vf0", "pf0v0"])
        #expect(rig.endpoint.host.link(named: "pf0v0")?.operState == .up)
    }

    @Test("the mlx5 order through the emulated sysfs: unbind the VFs, switchdev, bind them again")
    func unbindSwitchdevRebind() throws {
        let rig = try Rig(.legacy, vfs: 2)
        rig.endpoint.setFamilyID(0x20, for: .devlink)
        func switchdev() throws -> Answer {
            try Answer(rig.endpoint.handle(Golden.shared.bytes("devlink dev eswitch set pci/0000:03:00.0 mode switchdev"), protocol: .generic),
                       protocol: .generic, families: [0x20: .devlink])
        }
        func write(_ path: String, _ value: String) throws(SimNICError) {
            try rig.endpoint.withHost { host throws(SimNICError) in try host.writeSysfs(path, value + "\n") }
        }
        // Bound VFs: mlx5 refuses.
        #expect(try switchdev().extack == "mlx5_core: Failed setting eswitch to offloads")
        // ip link set pf0 vf 0 mac ...: the MAC comes back with the VF's netdev after the rebind.
        try rig.host { host throws(SimNICError) in
            try host.configureVF(onPF: host.link(named: "pf0")!.ifindex, VFInfo(vf: VFIndex(0), attributes: [.mac(MACAddress("02:00:00:00:00:11")!)]))
        }
        _ = try rig.drain()
        try write("/sys/bus/pci/drivers/mlx5_core/unbind", "0000:03:00.2")
        try write("/sys/class/net/pf0v1/device/driver/unbind", "0000:03:00.3")
        let removed = try rig.drain()
        #expect(removed.map(\.type) == [RTM.delLink, RTM.delLink])
        #expect(rig.links(removed).map(\.name) == ["pf0v0", "pf0v1"])
        // Unbinding again: the driver has no such bound device (drivers/base/bus.c unbind_store).
        #expect(throws: SimNICError.self) { try write("/sys/bus/pci/drivers/mlx5_core/unbind", "0000:03:00.2") }
        #expect(try switchdev().isAck)
        #expect(rig.endpoint.host.physicalFunctions[0].eswitchMode == .switchdev)
        _ = try rig.drain()
        try write("/sys/bus/pci/drivers/mlx5_core/bind", "0000:03:00.2")
        let added = rig.links(try rig.drain())
        #expect(added.map(\.name) == ["pf0v0"])
        #expect(added.first?.attributes.contains(.address(MACAddress("02:00:00:00:00:11")!)) == true)
        // Binding a bound VF is EBUSY; a device the driver does not have is ENODEV.
        do {
            try write("/sys/bus/pci/drivers/mlx5_core/bind", "0000:03:00.2")
            Issue.record("bound twice")
        } catch {
            #expect(error.errno == .resourceBusy)
        }
        do {
            try write("/sys/bus/pci/drivers/mlx5_core/bind", "0000:09:00.2")
            Issue.record("bound a device that does not exist")
        } catch {
            #expect(error.errno == .noSuchDevice)
        }
    }

    @Test("sysfs attributes: sriov files, drivers autoprobe, read-only and unknown paths")
    func sysfsAttributes() throws {
        var host = EmulatedHost(profile: Profiles.e810, configuration: EmulatedHostConfiguration(physicalFunctions: 1))
        #expect(try host.readSysfs("/sys/bus/pci/devices/0000:03:00.0/sriov_totalvfs") == "\(host.physicalFunctions[0].sriov.totalVFs)\n")
        #expect(try host.readSysfs("/sys/bus/pci/devices/0000:03:00.0/vendor") == "0x8086\n")
        #expect(try host.readSysfs("/sys/class/net/pf0/device/sriov_drivers_autoprobe") == "1\n")
        try host.writeSysfs("/sys/class/net/pf0/device/sriov_drivers_autoprobe", "0\n")
        try host.writeSysfs("/sys/bus/pci/devices/0000:03:00.0/sriov_numvfs", "2\n")
        #expect(try host.readSysfs("/sys/bus/pci/devices/0000:03:00.0/sriov_numvfs") == "2\n")
        #expect(host.physicalFunctions[0].vfs.allSatisfy { !$0.isBound })
        #expect(host.link(named: "pf0v0") == nil)
        // E810 VFs are iavf's: ice does not have them.
        let vf = host.physicalFunctions[0].vfs[0].address.description
        #expect(throws: SimNICError.self) { try host.writeSysfs("/sys/bus/pci/drivers/ice/bind", vf) }
        try host.writeSysfs("/sys/bus/pci/drivers/iavf/bind", vf)
        #expect(host.link(named: "pf0v0") != nil)
        func errno(_ body: () throws -> Void) -> Errno? {
            do { try body() } catch let error as SimNICError { return error.errno } catch { return nil }
            return nil
        }
        #expect(errno { try host.writeSysfs("/sys/bus/pci/devices/0000:03:00.0/sriov_numvfs", "4") } == .resourceBusy)
        #expect(errno { try host.writeSysfs("/sys/bus/pci/devices/0000:03:00.0/sriov_numvfs", "many") } == .invalidArgument)
        #expect(errno { try host.writeSysfs("/sys/bus/pci/devices/0000:03:00.0/sriov_totalvfs", "4") } == .permissionDenied)
        #expect(errno { _ = try host.readSysfs("/sys/bus/pci/drivers/iavf/bind") } == .permissionDenied)
        #expect(errno { _ = try host.readSysfs("/sys/bus/pci/devices/0000:03:00.0/no_such_file") } == .noSuchFileOrDirectory)
        #expect(errno { try host.writeSysfs("/sys/bus/pci/drivers/mlx5_core/unbind", vf) } == .noSuchFileOrDirectory)
    }

    @Test("latencies from the profile pass on the host's clock: VF creation and vDPA devices")
    func latencies() throws {
        var profile = Profiles.connectX6Dx
        profile.latencies = HardwareProfile.Latencies(vfCreateMS: 500, vdpaCreateMS: 220)
        let clock = ManualClock()
        var host = EmulatedHost(profile: profile, configuration: EmulatedHostConfiguration(physicalFunctions: 1, applyLatencies: true), clock: clock)
        try host.setNumVFs(4, on: Self.pf0)
        #expect(clock.now() == .milliseconds(2000))
        try host.addVDPADevice(name: "v0", on: PCIAddress("0000:03:00.2")!)
        #expect(clock.now() == .milliseconds(2220))
        // Without the setting the profile's figures are not applied.
        let quiet = ManualClock()
        var fast = EmulatedHost(profile: profile, configuration: EmulatedHostConfiguration(physicalFunctions: 1), clock: quiet)
        try fast.setNumVFs(4, on: Self.pf0)
        #expect(quiet.now() == .zero)
    }

    @Test("a setup file arms one-shot faults and the profile's latencies; unknown keys and errno names are refused")
    func setupFaults() throws {
        let json = """
        {"pfs": 1, "vfs": 2, "eswitch_mode": "switchdev", "unbound_vfs": true, "latencies": true,
         "qdiscs": [{"dev": "pf0vf0", "kind": "ingress"}], "faults": {"insertion": "EIO", "numvfs_change": "EBUSY"}}
        """
        let clock = ManualClock()
        var host = try JSONDecoder().decode(SimNICSetup.self, from: Data(json.utf8)).host(profile: Profiles.connectX6Dx, clock: clock)
        #expect(host.physicalFunctions[0].vfs.allSatisfy { !$0.isBound })
        #expect(host.physicalFunctions[0].driversAutoprobe == false)
        let rep = try #require(host.link(named: "pf0vf0")).ifindex
        let filter = try FilterMessage.flower(ifindex: rep, priority: 1, protocol: .ipv4, match: FlowerMatch(ipProto: .udp),
                                             actions: [TCAction(order: 1, .mirred(.redirect(to: rep)))], flags: .skipSoftware)
        #expect(throws: SimNICError(.ioError, "injected fault")) { _ = try host.addFilter(filter) }
        #expect(try host.addFilter(filter).inHardware)
        #expect(throws: SimNICError(.resourceBusy, "injected fault")) { try host.setNumVFs(0, on: Self.pf0) }
        try host.setNumVFs(0, on: Self.pf0)
        try host.setNumVFs(3, on: Self.pf0)
        // connectx-6dx.yaml: vf_create_ms 530, applied per VF on the host's clock.
        #expect(clock.now() == .milliseconds(3 * 530))
        for (text, words) in [(#"{"faults": {"insertions": "EIO"}}"#, "unknown key 'insertions'"),
                              (#"{"pfs": 1, "unbound": true}"#, "unknown key 'unbound'")] {
            do {
                _ = try JSONDecoder().decode(SimNICSetup.self, from: Data(text.utf8))
                Issue.record("accepted \(text)")
            } catch {
                #expect("\(error)".contains(words), "\(error)")
            }
        }
        #expect(throws: SimNICError.self) { try SimNICSetup(faults: .init(insertion: "EPLENTY")).host(profile: Profiles.connectX6Dx) }
    }
}
