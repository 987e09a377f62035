import EswitchModel
import Netlink
import Platform
@testable import SimNIC
import Testing

/// The golden devlink requests (captured under family id 0x20) against emulated NICs: the mode
/// change follows each driver's ordering rules, with its errno and extack.
@Suite("golden devlink requests replayed")
struct GoldenDevlinkReplayTests {
    static let switchdev = "devlink dev eswitch set pci/0000:03:00.0 mode switchdev"
    static let encapBasic = "devlink dev eswitch set pci/0000:03:00.0 encap-mode basic"
    static let eswitchShow = "devlink dev eswitch show pci/0000:03:00.0"
    static let families: [UInt16: GenericFamily] = [0x20: .devlink]

    func send(_ endpoint: SimNICEndpoint, _ command: String) throws -> Answer {
        try Answer(endpoint.handle(Golden.shared.bytes(command), protocol: .generic), protocol: .generic, families: Self.families)
    }

    func legacyHost(_ profile: HardwareProfile, vfs: Int) -> SimNICEndpoint {
        let endpoint = SimNICEndpoint(host: EmulatedHost(profile: profile, configuration: EmulatedHostConfiguration(initialVFs: vfs)))
        endpoint.setFamilyID(0x20, for: .devlink)
        return endpoint
    }

    @Test("ConnectX-6 Dx: switchdev is refused while VFs are bound, accepted once they are unbound")
    func mlx5Ordering() throws {
        let endpoint = legacyHost(Profiles.connectX6Dx, vfs: 2)
        let refused = try send(endpoint, Self.switchdev)
        #expect(refused.errno == Errno.invalidArgument.rawValue)
        #expect(refused.extack == "mlx5_core: Failed setting eswitch to offloads")
        #expect(endpoint.host.physicalFunctions[0].eswitchMode == .legacy)

        // The NVIDIA sequence: unbind the VFs, change the mode, bind them again.
        let vfs = endpoint.host.physicalFunctions[0].vfs.map(\.address)
        #expect(vfs.map(\.description) == ["0000:03:00.2", "0000:03:00.3"])
        try endpoint.withHost { host throws(SimNICError) in for vf in vfs { try host.unbindVF(at: vf) } }
        let accepted = try send(endpoint, Self.switchdev)
        #expect(accepted.isAck)
        #expect(accepted.extack == nil)
        try endpoint.withHost { host throws(SimNICError) in for vf in vfs { try host.bindVF(at: vf) } }
        let host = endpoint.host
        #expect(host.physicalFunctions[0].eswitchMode == .switchdev)
        #expect(host.link(named: "pf0vf0")?.role == .representor(pf: 0, vf: 0))
        #expect(host.link(named: "pf0vf1") != nil)
        #expect(host.link(named: "pf0v0")?.role == .virtualFunction(pf: 0, vf: 0))

        // Same mode again is a no-op; encap basic is accepted; show reports all three settings.
        #expect(try send(endpoint, Self.switchdev).isAck)
        #expect(try send(endpoint, Self.encapBasic).isAck)
        let show = try send(endpoint, Self.eswitchShow)
        let reply = try #require(show.parts.first.flatMap { m -> DevlinkMessage? in
            if case .generic(let g) = m.body { return g.devlink }
            return nil
        })
        #expect(reply.command == .eswitchGet)
        #expect(reply.eswitchMode == .switchdev)
        #expect(reply.inlineMode == DevlinkInlineMode.none)
        #expect(reply.encapMode == .basic)
        #expect(reply.handle == DevlinkHandle(bus: "pci", device: "0000:03:00.0"))
    }

    @Test("ConnectX-6 Dx: offloaded flows hold the eswitch (EBUSY) and its encap mode")
    func mlx5Busy() throws {
        let endpoint = SimNICEndpoint(host: try GoldenNamespace.host(Profiles.connectX6Dx))
        endpoint.setFamilyID(0x20, for: .devlink)
        _ = endpoint.handle(Golden.shared.bytes("tc qdisc add dev X ingress"), protocol: .route)
        let add = try Answer(endpoint.handle(Golden.shared.bytes(
            "tc filter add dev X ingress protocol ip prio 6 flower ip_proto tcp dst_port 22 action drop"), protocol: .route))
        #expect(add.isAck)
        #expect(endpoint.host.hardwareRuleCount == 1)
        let encapNone = DevlinkMessage.eswitchSet(DevlinkHandle(bus: "pci", device: "0000:03:00.0"), encapMode: DevlinkEncapMode.none)
        let encap = try Answer(endpoint.handle(NetlinkMessage(type: 0x20, flags: [.request, .ack], body: .generic(GenericMessage(.devlink(encapNone)))).encoded(), protocol: .generic))
        #expect(encap.errno == Errno.notSupported.rawValue)
        #expect(encap.extack == "mlx5_core: Can't set encapsulation when flows are configured")
        let legacy = DevlinkMessage.eswitchSet(DevlinkHandle(bus: "pci", device: "0000:03:00.0"), mode: .legacy)
        let busy = try Answer(endpoint.handle(NetlinkMessage(type: 0x20, flags: [.request, .ack], body: .generic(GenericMessage(.devlink(legacy)))).encoded(), protocol: .generic))
        #expect(busy.errno == Errno.resourceBusy.rawValue)
        #expect(busy.extack == "mlx5_core: Can't change mode, E-Switch is busy")
    }

    @Test("E810: the mode changes only without VFs; ice leaves a warning in the ACK")
    func iceOrdering() throws {
        let endpoint = legacyHost(Profiles.e810, vfs: 2)
        let refused = try send(endpoint, Self.switchdev)
        #expect(refused.errno == Errno.notSupported.rawValue)
        #expect(refused.extack == "ice: Changing eswitch mode is allowed only if there is no VFs created")
        // Unbinding is not enough for ice: the VFs must not exist.
        let vf = endpoint.host.physicalFunctions[0].vfs[0].address
        try endpoint.withHost { host throws(SimNICError) in try host.unbindVF(at: vf) }
        #expect(try send(endpoint, Self.switchdev).errno == Errno.notSupported.rawValue)
        try SimSRIOVControl(endpoint: endpoint).setNumVFs(0, on: PCIAddress("0000:03:00.0")!)
        let accepted = try send(endpoint, Self.switchdev)
        #expect(accepted.isAck)
        #expect(accepted.extack == "ice: Changed eswitch mode to switchdev")
        // VFs created after the change get representors.
        try SimSRIOVControl(endpoint: endpoint).setNumVFs(2, on: PCIAddress("0000:03:00.0")!)
        #expect(endpoint.host.physicalFunctions[0].vfs.allSatisfy { $0.representor != nil })
        // ice has no encap-mode operation; its eswitch show reports the mode only.
        #expect(try send(endpoint, Self.encapBasic).errno == Errno.notSupported.rawValue)
        let show = try send(endpoint, Self.eswitchShow)
        guard case .generic(let g)? = show.parts.first?.body, let reply = g.devlink else { Issue.record("no eswitch reply"); return }
        #expect(reply.eswitchMode == .switchdev)
        #expect(reply.inlineMode == nil)
        #expect(reply.encapMode == nil)
    }

    @Test("BlueField-2 host side: the eswitch belongs to the card's CPU (EPERM); software: no such device")
    func noHostEswitch() throws {
        let dpu = legacyHost(Profiles.blueField2, vfs: 0)
        #expect(try send(dpu, Self.switchdev).errno == Errno.notPermitted.rawValue)
        let software = legacyHost(Profiles.software, vfs: 0)
        #expect(try send(software, Self.switchdev).errno == Errno.noSuchDevice.rawValue)
        let dump = try send(software, "devlink dev show")
        #expect(dump.endsWithDone)
        #expect(dump.parts.isEmpty)
    }

    @Test("a firmware failure armed as a fault fails the change after the driver's checks")
    func firmwareFault() throws {
        let endpoint = legacyHost(Profiles.connectX6Dx, vfs: 0)
        try endpoint.withHost { host throws(SimNICError) in host.faults.nextModeChange = host.dialect.modeChangeFailed(to: .switchdev) }
        let failed = try send(endpoint, Self.switchdev)
        #expect(failed.errno == Errno.invalidArgument.rawValue)
        #expect(failed.extack == "mlx5_core: Failed setting eswitch to offloads")
        #expect(try send(endpoint, Self.switchdev).isAck)
    }

    @Test("port and dev dumps: physical ports, pcivf ports with pfnum/vfnum and representor netdevs")
    func portDump() throws {
        let endpoint = SimNICEndpoint(host: EmulatedHost(profile: Profiles.connectX6Dx, configuration: EmulatedHostConfiguration(initialVFs: 2, eswitchMode: .switchdev)))
        endpoint.setFamilyID(0x20, for: .devlink)
        let ports = try send(endpoint, "devlink port show").parts.compactMap { m -> DevlinkMessage? in
            if case .generic(let g) = m.body { return g.devlink }
            return nil
        }
        // Two PFs (the profile's two ports), each with a physical port and two pcivf ports.
        #expect(ports.count == 6)
        let physical = ports.filter { $0.flavour == .physical }
        #expect(physical.map(\.netdevName) == ["pf0", "pf1"])
        #expect(physical.map(\.portIndex) == [0xFFFF, 0x1FFFF])
        let vf1 = try #require(ports.first { $0.flavour == .pciVF && $0.pfNumber == 0 && $0.vfNumber == 1 })
        #expect(vf1.netdevName == "pf0vf1")
        #expect(vf1.netdevIfindex == endpoint.host.link(named: "pf0vf1")?.ifindex)
        #expect(vf1.portIndex == 2)
        #expect(vf1.controller == 0)
        #expect(vf1.isExternal == false)
        #expect(vf1.functionHardwareAddress == .zero)
        let devices = try send(endpoint, "devlink dev show").parts
        #expect(devices.count == 2)
        // The representors carry the PF's switch id and their port name.
        let rep = try #require(endpoint.host.link(named: "pf0vf1"))
        let link = endpoint.host.linkMessage(rep)
        #expect(link.physPortName == "pf0vf1")
        #expect(link.physSwitchID == endpoint.host.linkMessage(endpoint.host.link(named: "pf0")!).physSwitchID)
        #expect(endpoint.host.linkMessage(endpoint.host.link(named: "pf0")!).physPortName == "p0")
    }

    @Test("an eswitch mode out of the attribute's range fails policy validation with its offset")
    func policy() throws {
        let endpoint = legacyHost(Profiles.connectX6Dx, vfs: 0)
        let request = NetlinkMessage(type: 0x20, flags: [.request, .ack], body: .generic(GenericMessage(.devlink(
            DevlinkMessage.eswitchSet(DevlinkHandle(bus: "pci", device: "0000:03:00.0"), mode: DevlinkEswitchMode(rawValue: 7))))))
        let answer = try Answer(endpoint.handle(request.encoded(), protocol: .generic))
        #expect(answer.errno == Errno.invalidArgument.rawValue)
        #expect(answer.extack == "integer out of range")
        // bus (4 + "pci\0") 8 bytes, dev (4 + "0000:03:00.0\0" -> 20) 20 bytes after nlmsghdr + genlmsghdr.
        #expect(answer.error?.offset.map(Int.init) == 16 + 4 + 8 + 20)
    }

    @Test("controller: family resolution by name and id, with version, maxattr and groups")
    func controller() throws {
        let endpoint = legacyHost(Profiles.connectX6Dx, vfs: 0)
        let transport = SimNetlinkTransport(endpoint: endpoint, protocol: .generic)
        let devlink = try transport.resolve(.devlink)
        #expect(devlink.id == 0x20)
        #expect(devlink.multicastGroups["config"] != nil)
        let vdpa = try transport.resolve(.vdpa)
        #expect(vdpa.id == SimNICEndpoint.defaultFamilyIDs[.vdpa])
        let reply = try transport.request(NetlinkMessage(type: GENL.idCtrl, flags: [], body: .generic(GenericMessage(version: 1, .control(.getFamily("devlink"))))))
        guard case .generic(let g)? = reply.messages.first?.body, let control = g.control else { Issue.record("no reply"); return }
        #expect(control.version == 1)
        #expect(control.headerSize == 0)
        #expect(control.maxAttribute == UInt32(DEVLINK_ATTR.selftests))
        #expect(control.operations.contains { $0.id == UInt32(DEVLINK_CMD.eswitchSet) })
        #expect(throws: NetlinkTransportError.self) { try transport.resolveFamily(named: "ovs_datapath") }
        // A devlink message on the id the transport resolved decodes typed.
        let ports = try transport.dump(NetlinkMessage(type: devlink.id, flags: [], body: .generic(GenericMessage(.devlink(.ports())))))
        #expect(ports.count == 2)
        guard case .generic(let first)? = ports.first?.body else { Issue.record("no port"); return }
        #expect(first.devlink?.flavour == .physical)
    }
}
