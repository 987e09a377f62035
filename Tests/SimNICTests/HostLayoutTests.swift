import EswitchModel
import Foundation
import Netlink
import Platform
@testable import SimNIC
import Testing

/// The emulated host's layout: PCI addresses, names, interface indexes, switch identity, setup
/// files.
@Suite("emulated host layout")
struct HostLayoutTests {
    @Test("deterministic layout: lo first, PF netdevs, then VF netdevs and representors")
    func layout() throws {
        let a = EmulatedHost(profile: Profiles.connectX6Dx, configuration: EmulatedHostConfiguration(initialVFs: 2, eswitchMode: .switchdev))
        let b = EmulatedHost(profile: Profiles.connectX6Dx, configuration: EmulatedHostConfiguration(initialVFs: 2, eswitchMode: .switchdev))
        #expect(a.orderedLinks.map(\.name) == b.orderedLinks.map(\.name))
        #expect(a.orderedLinks.map(\.mac) == b.orderedLinks.map(\.mac))
        #expect(a.orderedLinks.prefix(3).map(\.name) == ["lo", "pf0", "pf1"])
        #expect(a.orderedLinks.map(\.ifindex.rawValue) == Array(1...UInt32(a.links.count)))
        #expect(a.physicalFunctions.map(\.address.description) == ["0000:03:00.0", "0000:03:00.1"])
        #expect(a.physicalFunctions[0].encapMode == .basic)
        #expect(a.physicalFunctions.allSatisfy { $0.sriov.totalVFs == 127 && $0.sriov.numVFs == 2 })
        let reps = a.orderedLinks.filter { if case .representor = $0.role { true } else { false } }
        #expect(reps.map(\.name) == ["pf0vf0", "pf0vf1", "pf1vf0", "pf1vf1"])
        #expect(Set(reps.map { a.linkMessage($0).physSwitchID ?? [] }).count == 1)
    }

    @Test("predictable names follow systemd's scheme for PFs and VFs")
    func predictableNames() throws {
        let host = EmulatedHost(profile: Profiles.e810, configuration: EmulatedHostConfiguration(
            physicalFunctions: 2, bus: 0x18, naming: .predictable, initialVFs: 1, eswitchMode: .switchdev))
        #expect(host.link(named: "enp24s0f0np0")?.role == .physicalFunction(pf: 0))
        #expect(host.link(named: "enp24s0f1np1")?.role == .physicalFunction(pf: 1))
        #expect(host.link(named: "enp24s0f0v0")?.role == .virtualFunction(pf: 0, vf: 0))
        #expect(host.link(named: "pf1vf0")?.role == .representor(pf: 1, vf: 0))
        // E810: four ports, so VF 0 of PF 0 is function 4.
        #expect(host.physicalFunctions[0].vfs[0].address.description == "0000:18:00.4")
        #expect(host.physicalFunctions[0].encapMode == DevlinkEncapMode.none)
    }

    @Test("the software profile has no PCI function, only lo")
    func software() {
        let host = EmulatedHost(profile: Profiles.software, configuration: EmulatedHostConfiguration(initialVFs: 4, eswitchMode: .switchdev))
        #expect(host.physicalFunctions.isEmpty)
        #expect(host.pciDevices.isEmpty)
        #expect(host.orderedLinks.map(\.name) == ["lo"])
    }

    @Test("a setup file builds the host it describes; mistakes are named")
    func setupFile() throws {
        let json = """
        {"pfs": 1, "vfs": 2, "eswitch_mode": "switchdev", "rule_capacity": 10,
         "links": [{"name": "vx", "kind": "vxlan"}, {"name": "v0", "kind": "veth", "peer": "v1"}],
         "ifindexes": {"pf0vf1": 3}, "qdiscs": [{"dev": "pf0vf1", "kind": "clsact"}]}
        """
        let setup = try JSONDecoder().decode(SimNICSetup.self, from: Data(json.utf8))
        let host = try setup.host(profile: Profiles.connectX6Dx)
        #expect(host.physicalFunctions.count == 1)
        #expect(host.ruleCapacity == 10)
        #expect(host.link(named: "pf0vf1")?.ifindex == IfIndex(3))
        #expect(host.qdiscs[IfIndex(3)]?.kind == "clsact")
        #expect(host.link(named: "v1")?.peer == host.link(named: "v0")?.ifindex)
        #expect(host.link(named: "vx")?.linkInfo?.kind == "vxlan")
        #expect(throws: SimNICError.self) { try SimNICSetup(eswitchMode: "offloads").host(profile: Profiles.connectX6Dx) }
        #expect(throws: SimNICError.self) { try SimNICSetup(qdiscs: [.init(dev: "nope", kind: "ingress")]).host(profile: Profiles.connectX6Dx) }
        #expect(throws: SimNICError.self) { try SimNICSetup(links: [.init(name: "x", kind: "wireguard")]).host(profile: Profiles.connectX6Dx) }
    }
}
