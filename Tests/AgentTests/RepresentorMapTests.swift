@testable import Agent
import ControlAPI
import EswitchModel
import Netlink
import SimNIC
import Testing

/// Representors are found by devlink port identity (pfnum/vfnum) and netdev ifindex, never by
/// netdev name.
@Suite("Representor mapping")
struct RepresentorMapTests {
    @Test("devlink ports: the physical port's number selects its PF's pcivf ports; external ones are skipped")
    func fromDevlinkPorts() {
        let handle = DevlinkHandle(PCIAddress("0000:03:00.1")!).attributes
        func vfPort(pf: UInt16, vf: UInt16, ifindex: UInt32, external: Bool = false) -> DevlinkMessage {
            DevlinkMessage(.portNew, handle + [.portIndex(UInt32(vf) + 1), .netdevIfindex(IfIndex(ifindex)), .netdevName("pf\(pf)vf\(vf)"),
                                               .flavour(.pciVF), .controller(0), .pfNumber(pf), .vfNumber(vf), .external(external)])
        }
        let ports = [
            vfPort(pf: 1, vf: 1, ifindex: 31),
            DevlinkMessage(.portNew, handle + [.portIndex(0xFFFF), .netdevIfindex(IfIndex(20)), .netdevName("pf1"), .flavour(.physical), .portNumber(1)]),
            vfPort(pf: 1, vf: 0, ifindex: 30),
            vfPort(pf: 0, vf: 2, ifindex: 40),                  // another PF's VF
            vfPort(pf: 1, vf: 5, ifindex: 50, external: true),  // a host's VF seen from a DPU
            DevlinkMessage(.portNew, handle + [.portIndex(9), .flavour(.pciVF), .pfNumber(1), .vfNumber(3)]),  // no netdev yet
        ]
        let map = RepresentorMap(devlinkPorts: ports)
        #expect(map.uplink == IfIndex(20))
        #expect(map.vfs == [VFIndex(0): IfIndex(30), VFIndex(1): IfIndex(31)])
        #expect(map.vf(withRepresentor: IfIndex(31)) == VFIndex(1))
    }

    @Test("swapped representor names and renumbered ifindexes do not fool the mapping; rules land on VF 1's representor")
    func notByName() async throws {
        let node = SimNode(profile: TestProfiles.connectX6Dx, vfs: 3, mode: .switchdev)
        try node.endpoint.withHost { host throws(SimNICError) in
            try host.renumber(["pf0vf0": IfIndex(42), "pf0vf1": IfIndex(41), "pf0vf2": IfIndex(40)])
            // pf0vf1 is now called "pf0vf0" and the other way round.
            try host.renameLink(IfIndex(42), to: "tmp")
            try host.renameLink(IfIndex(41), to: "pf0vf0")
            try host.renameLink(IfIndex(42), to: "pf0vf1")
        }
        let agent = node.agent()
        let nic = try #require(try await agent.start().nics.first)
        let truth = node.host.physicalFunctions[0].vfs
        #expect(nic.representors.vfs == [VFIndex(0): IfIndex(42), VFIndex(1): IfIndex(41), VFIndex(2): IfIndex(40)])
        for vf in truth { #expect(nic.representors.vfs[VFIndex(vf.number)] == vf.representor) }

        _ = try await agent.applyIntent(TestIntent.document(TestIntent.ports(1)))
        let vf1 = try #require(truth.first { $0.number == 1 })
        let attachment = try await agent.plug(PlugRequest(port: "p1", domain: "vm-p1", kind: .hostdev, requestedVF: vf1.address))
        guard case .vf(let address, _, let index, let representorName) = attachment.device else { Issue.record("not a VF"); return }
        #expect(address == vf1.address && index == VFIndex(1))
        #expect(representorName == "pf0vf0")  // its name now, reported for people
        let onRepresentor = node.cookieFilters.filter { $0.id.ifindex == IfIndex(41) }
        #expect(!onRepresentor.isEmpty)
        #expect(node.cookieFilters.allSatisfy { $0.id.ifindex != IfIndex(42) && $0.id.ifindex != IfIndex(40) })
    }
}
