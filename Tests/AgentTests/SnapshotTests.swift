@testable import Agent
import ControlAPI
import EswitchModel
import Foundation
import Netlink
import SimNIC
import Testing

/// The snapshot the daemon persists: its JSON form, and what a restart on a rebooted host (no VFs,
/// legacy mode) rebuilds from it.
@Suite("Snapshot")
struct SnapshotTests {
    static let sample = AgentSnapshot(
        intent: IntentDocument(format: .yaml, text: "node: {}", source: "/etc/eswitch/intent.yaml"),
        ports: [
            PortBindingRecord(port: "p1", domain: "vm-p1", domainUUID: "7c9e6679-7425-40de-944b-e07fc1f90ae7", kind: .hostdev,
                              device: .vf(pf: PCIAddress("0000:03:00.0")!, index: VFIndex(0), address: PCIAddress("0000:03:00.2")!)),
            PortBindingRecord(port: "p2", domain: "vm-p2", kind: .vdpa,
                              device: .vdpa(pf: PCIAddress("0000:03:00.0")!, index: VFIndex(1), address: PCIAddress("0000:03:00.3")!,
                                            name: VDPADeviceName(vf: PCIAddress("0000:03:00.3")!))),
            PortBindingRecord(port: "p3", domain: "vm-p3", kind: .ethernet, device: .software(device: "vnet3")),
        ],
        fallbacks: [RuleFallback(rule: "l2-local@port p1:52:54:00:00:01:02", reason: "mlx5_core: refused", errno: "EOPNOTSUPP")])

    @Test("JSON round trip, with the documented keys")
    func roundTrip() throws {
        let data = try JSONEncoder().encode(Self.sample)
        #expect(try JSONDecoder().decode(AgentSnapshot.self, from: data) == Self.sample)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["version", "intent", "ports", "fallbacks"])
        let port = try #require((object["ports"] as? [[String: Any]])?.first)
        #expect(Set(port.keys) == ["port", "domain", "domain_uuid", "kind", "device"])
        #expect((port["device"] as? [String: Any])?["vf"] != nil)
    }

    @Test("a snapshot from a newer format is refused")
    func newerVersion() throws {
        var newer = Self.sample
        newer.version = AgentSnapshot.currentVersion + 1
        let data = try JSONEncoder().encode(newer)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(AgentSnapshot.self, from: data) }
    }

    @Test("a snapshot whose intent no longer validates stops the start before the host is touched")
    func invalidRestoredIntent() async throws {
        let node = SimNode()
        var snapshot = Self.sample
        snapshot.intent = IntentDocument(format: .yaml, text: "node: {name: a}", source: "state.json")
        let agent = node.agent()
        await #expect(throws: ControlFailure.self) { try await agent.start(restoring: snapshot) }
        #expect(node.host.physicalFunctions[0].vfs.isEmpty)
        #expect(node.host.physicalFunctions[0].eswitchMode == .legacy)
    }

    @Test("after a host reboot the restart sets the NIC up again, re-applies each VF's MAC, recreates the vDPA device and the rules")
    func restoreAfterReboot() async throws {
        let before = SimNode()
        let first = try await ReconcilerTests.plugged(before, p2Binding: "vdpa")
        let snapshot = try await ReconcilerTests.persisted(first)
        let filterCount = before.cookieFilters.count

        let rebooted = SimNode()
        let agent = rebooted.agent()
        let report = try await agent.start(restoring: snapshot)
        #expect(report.problems.isEmpty)
        #expect(report.restoredPorts == 2)
        #expect(report.counters.added == filterCount)
        let vfs = rebooted.host.physicalFunctions[0].vfs
        #expect(vfs[0].config.mac == MACAddress("52:54:00:00:01:01"))
        #expect(vfs[1].config.mac == MACAddress("52:54:00:00:01:02"))
        #expect(rebooted.host.vdpaDevices.map(\.managementDevice) == [vfs[1].address])
        #expect(await agent.handle(.verify("p2")).failure == nil)
        #expect(await agent.snapshot() == snapshot)
        // The restored VFs stay taken.
        _ = try await agent.applyIntent(TestIntent.document(TestIntent.ports(3)))
        let third = try await agent.plug(PlugRequest(port: "p3", domain: "vm-p3", kind: .hostdev))
        guard case .vf(_, _, let index, _) = third.device else { Issue.record("not a VF"); return }
        #expect(index == VFIndex(2))
    }
}
