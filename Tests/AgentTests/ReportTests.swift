@testable import Agent
import ControlAPI
import EswitchModel
import Foundation
import Netlink
import SimNIC
import Testing

/// The local API's answers: status, rules and explain as JSON with their documented keys, figures
/// read from the kernel, and the requests' failures.
@Suite("Reports and requests")
struct ReportTests {
    @Test("status: NICs, ports with their devices, rule placement and packets from the dumps, coverage, reconcile counters")
    func status() async throws {
        let node = SimNode()
        let agent = try await ReconcilerTests.plugged(node, p2Binding: "vdpa")
        let rep1 = try #require(node.host.physicalFunctions[0].vfs[0].representor)
        let counted = try #require(node.cookieFilters.first { $0.id.ifindex == rep1 && $0.id.chain == 0 })
        try node.endpoint.withHost { host throws(SimNICError) in try host.recordTraffic(on: counted.id, packets: 11, bytes: 1100) }

        let status = try #require(await agent.handle(.status).reportObject)
        #expect(Set(status.keys) == ["node", "nics", "ports", "coverage", "offload_coverage_percent", "reconcile"])
        #expect(status["node"] as? String == "node-a")
        let nic = try #require((status["nics"] as? [[String: Any]])?.first)
        #expect(nic["pci"] as? String == "0000:03:00.0")
        #expect(nic["profile"] as? String == "connectx-6dx")
        #expect(nic["eswitch_mode"] as? String == "switchdev")
        #expect(nic["vfs"] as? [String: Int] == ["used": 2, "total": 4, "max": 127])
        #expect(nic["vdpa_devices"] as? [String] == ["vdpa-0000:03:00.3"])
        #expect(nic["setup"] as? [String] == ["create_vfs 4", "unbind_vfs", "switchdev", "bind_vfs"])

        let ports = try #require(status["ports"] as? [[String: Any]])
        #expect(ports.map { $0["port"] as? String } == ["p1", "p2"])
        let p1 = ports[0], p2 = ports[1]
        #expect(p1["state"] as? String == "plugged" && p1["vm"] as? String == "vm-p1" && p1["domain"] as? String == "vm-p1")
        #expect((p1["device"] as? [String: Any])?["pci"] as? String == "0000:03:00.2")
        #expect((p1["representor"] as? [String: Any])?["ifindex"] as? Int == Int(rep1.rawValue))
        #expect((p2["device"] as? [String: Any])?["vdpa"] as? String == "vdpa-0000:03:00.3")
        // Rules in hardware as the dump says: every rule p1 owns with a filter in the NIC.
        let rules = try #require(p1["rules"] as? [String: Int])
        let ownedInHardware = await agent.rulesReport(RulesQuery(port: "p1")).rules
            .filter { $0.owner == "p1" && $0.filters.contains { $0.inHardware == true } }.count
        #expect(rules["hardware"] == ownedInHardware && ownedInHardware > 0)
        #expect(p1["packets"] as? [String: Int] == ["hardware": 11, "software": 0])
        #expect(status["offload_coverage_percent"] as? Double == 100)
        let reconcile = try #require(status["reconcile"] as? [String: Any])
        #expect(Set(["adopted", "added", "deleted", "replaced", "repaired", "fallbacks", "netlink_errors", "resyncs", "passes"]).isSubset(of: Set(reconcile.keys)))
        #expect(reconcile["added"] as? Int == node.cookieFilters.count)
    }

    @Test("E810 keeps encapsulation in software: status and rules --type sw show it, with the compiler's reason")
    func softwareRulesOnE810() async throws {
        let node = SimNode(profile: TestProfiles.e810)
        let agent = node.agent()
        _ = try await agent.start()
        _ = try await agent.applyIntent(TestIntent.document(TestIntent.ports(1)))
        let attachment = try await agent.plug(PlugRequest(port: "p1", domain: "vm-p1", kind: .hostdev))
        #expect(attachment.rulesInSoftware > 0)
        let software = await agent.rulesReport(RulesQuery(placement: .software)).rules
        #expect(!software.isEmpty)
        #expect(software.allSatisfy { $0.placement == .software && $0.state == "installed" && $0.reason != nil })
        #expect(software.allSatisfy { $0.filters.allSatisfy { $0.role == "software" && $0.inHardware == false } })
        #expect(software.contains { $0.reason?.contains("tunnel_key set") == true })
        let hardware = await agent.rulesReport(RulesQuery(placement: .hardware)).rules
        #expect(hardware.allSatisfy { $0.placement.usesHardware })
        let status = try #require(await agent.handle(.status).reportObject)
        let p1 = try #require((status["ports"] as? [[String: Any]])?.first)
        #expect(((p1["rules"] as? [String: Int])?["software"] ?? 0) > 0)
        #expect((status["offload_coverage_percent"] as? Double ?? 100) < 100)
    }

    @Test("explain: a port's reasons and rules not installed; a rule by id; unknown names are not found")
    func explain() async throws {
        let node = SimNode()
        let agent = node.agent()
        _ = try await agent.start()
        _ = try await agent.applyIntent(TestIntent.document(TestIntent.ports(2)))
        _ = try await agent.plug(PlugRequest(port: "p1", domain: "vm-p1", kind: .hostdev))
        let port = try await agent.explainPort("p2")
        #expect(port.status.state == "unplugged")
        #expect(!port.notInstalled.isEmpty)
        #expect(port.notInstalled.allSatisfy { $0.reason == "port p2 is not plugged" })
        #expect(port.compiler?.rules.count == port.notInstalled.count)
        let object = try #require(await agent.handle(.explain(.port("p2"))).reportObject)
        #expect(Set(object.keys) == ["port", "status", "compiler", "nic_refusals", "not_installed", "text"])

        let rule = try #require(await agent.rulesReport(RulesQuery(port: "p1")).rules.first { $0.owner == "p1" })
        let explained = try #require(await agent.handle(.explain(.rule(rule.id))).reportObject)
        #expect((explained["rule"] as? [String: Any])?["id"] as? String == rule.id)
        #expect(explained["text"] as? String != nil)

        #expect(await agent.handle(.explain(.port("ghost"))).failure?.code == .notFound)
        #expect(await agent.handle(.explain(.rule("no-such-rule"))).failure?.code == .notFound)
    }

    @Test("ping answers with the daemon's identity; requests before the start are refused")
    func lifecycle() async throws {
        let node = SimNode()
        let agent = node.agent()
        #expect(await agent.handle(.status).failure?.code == .unavailable)
        #expect(await agent.handle(.plug(PlugRequest(port: "p1", domain: "d", kind: .hostdev))).failure?.code == .unavailable)
        #expect(await agent.handle(.ping) == .pong(DaemonIdentity(version: "0", pid: 0, platform: "unknown")))
        _ = try await agent.start()
        await #expect(throws: ControlFailure.self) { try await agent.start() }
        // Without an intent nothing is known and nothing is touched.
        #expect(await agent.handle(.plug(PlugRequest(port: "p1", domain: "d", kind: .hostdev))).failure?.message == "plug p1: no intent is loaded")
        #expect(await agent.handle(.applyIntent(TestIntent.document(TestIntent.ports(1)))) == .applied(ApplySummary(rulesAdded: 0, rulesDeleted: 0, rulesInHardware: 0, rulesInSoftware: 0)))
    }
}
