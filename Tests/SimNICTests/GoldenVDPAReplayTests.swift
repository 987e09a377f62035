import EswitchModel
import Netlink
import Platform
@testable import SimNIC
import Testing

/// The golden vdpa requests: management devices per VF where the profile has vDPA, device
/// add/del/show, and refusals where it has none.
@Suite("golden vdpa requests replayed")
struct GoldenVDPAReplayTests {
    static let families: [UInt16: GenericFamily] = [0x20: .vdpa]

    func send(_ endpoint: SimNICEndpoint, _ command: String) throws -> Answer {
        // The capture used id 0x20 for vdpa too: replay it as the vdpa family whatever its id.
        try Answer(endpoint.handle(Golden.shared.bytes(command), protocol: .generic, family: .vdpa), protocol: .generic, families: Self.families)
    }

    func endpoint(_ profile: HardwareProfile, vfs: Int = 3) -> SimNICEndpoint {
        let endpoint = SimNICEndpoint(host: EmulatedHost(profile: profile, configuration: EmulatedHostConfiguration(physicalFunctions: 1, initialVFs: vfs, eswitchMode: .switchdev)))
        endpoint.setFamilyID(0x20, for: .vdpa)
        return endpoint
    }

    func vdpaMessages(_ answer: Answer) -> [VDPAMessage] {
        answer.parts.compactMap { m in
            if case .generic(let g) = m.body { return g.vdpa }
            return nil
        }
    }

    @Test("ConnectX-6 Dx: one management device per VF; add, add with mtu/max_vqp, del, show")
    func connectX() throws {
        let endpoint = endpoint(Profiles.connectX6Dx)
        let managers = vdpaMessages(try send(endpoint, "vdpa mgmtdev show"))
        #expect(managers.map { $0.managementDevice?.description } == ["pci/0000:03:00.2", "pci/0000:03:00.3", "pci/0000:03:00.4"])
        #expect(managers.first?.supportedClasses == 1 << 1)
        #expect(managers.first?.managementMaxVirtqueues == 256)
        #expect(try send(endpoint, "vdpa dev add name vdpa0 mgmtdev pci/0000:03:00.2 mac 00:11:22:33:44:55").isAck)
        #expect(try send(endpoint, "vdpa dev add name vdpa1 mgmtdev pci/0000:03:00.3 mac 02:00:00:00:00:31 mtu 9000 max_vqp 4").isAck)
        let vdpa1 = try #require(endpoint.host.vdpaDevices.first { $0.name == "vdpa1" })
        #expect(vdpa1.mtu == 9000)
        #expect(vdpa1.maxVirtqueuePairs == 4)
        #expect(vdpa1.virtqueues == 9)
        // The same name again: EEXIST; a second device on one VF: ENOSPC (mlx5_vdpa).
        #expect(try send(endpoint, "vdpa dev add name vdpa0 mgmtdev pci/0000:03:00.2 mac 00:11:22:33:44:55").errno == Errno.fileExists.rawValue)
        let second = VDPAMessage.add(name: "vdpa9", on: VDPAManagementDevice(bus: "pci", device: "0000:03:00.3"))
        let full = try Answer(endpoint.handle(NetlinkMessage(type: 0x20, flags: [.request, .ack], body: .generic(GenericMessage(.vdpa(second)))).encoded(), protocol: .generic))
        #expect(full.errno == Errno.noSpace.rawValue)
        #expect(try send(endpoint, "vdpa dev del vdpa0").isAck)
        let del = try send(endpoint, "vdpa dev del vdpa0")
        #expect(del.errno == Errno.noSuchDevice.rawValue)
        #expect(del.extack == "vdpa: device not found")
        let shown = vdpaMessages(try send(endpoint, "vdpa dev show"))
        #expect(shown.map(\.name) == ["vdpa1"])
        #expect(shown.first?.deviceID == 1)
        #expect(shown.first?.vendorID == 0x15B3)
        #expect(shown.first?.managementDevice?.description == "pci/0000:03:00.3")
        // Unbinding the VF takes its management device and its vDPA device away.
        try endpoint.withHost { host throws(SimNICError) in try host.unbindVF(at: PCIAddress("0000:03:00.3")!) }
        #expect(endpoint.host.vdpaDevices.isEmpty)
        #expect(vdpaMessages(try send(endpoint, "vdpa mgmtdev show")).count == 2)
    }

    @Test("E810 (no vDPA in the profile): no management device, add refused with vdpa's extack")
    func e810() throws {
        let endpoint = endpoint(Profiles.e810)
        let managers = try send(endpoint, "vdpa mgmtdev show")
        #expect(managers.endsWithDone)
        #expect(managers.parts.isEmpty)
        let add = try send(endpoint, "vdpa dev add name vdpa0 mgmtdev pci/0000:03:00.2 mac 00:11:22:33:44:55")
        #expect(add.errno == Errno.noSuchDevice.rawValue)
        #expect(add.extack == "vdpa: Fail to find the specified management device")
        #expect(endpoint.host.vdpaDevices.isEmpty)
    }

    @Test("latencies from the profile pass on the host clock")
    func latency() throws {
        let clock = ManualClock()
        var profile = Profiles.connectX6Dx
        profile.latencies = HardwareProfile.Latencies(vfCreateMS: 530, vdpaCreateMS: 250)
        let endpoint = SimNICEndpoint(host: EmulatedHost(profile: profile, configuration: EmulatedHostConfiguration(physicalFunctions: 1, applyLatencies: true), clock: clock))
        try SimSRIOVControl(endpoint: endpoint).setNumVFs(4, on: PCIAddress("0000:03:00.0")!)
        #expect(clock.now() == .milliseconds(4 * 530))
        try endpoint.withHost { host throws(SimNICError) in try host.addVDPADevice(name: "v0", on: PCIAddress("0000:03:00.2")!) }
        #expect(clock.now() == .milliseconds(4 * 530 + 250))
    }
}
