@testable import Agent
import ControlAPI
import EswitchModel
import Foundation
import Netlink
import SimNIC
import TCBackend
import Testing

/// The reconciler against the emulated NIC: adoption on restart, own orphans only, drift repair,
/// NIC refusals to software with their extack, ENOBUFS resynchronisation, incremental intents.
@Suite("Reconciler")
struct ReconcilerTests {
    /// A started agent on `node` with p1 (vf) and p2 (`p2Binding`) plugged.
    static func plugged(_ node: SimNode, platform: AgentPlatform? = nil, p2Binding: String = "vf") async throws -> Agent {
        let agent = node.agent(platform: platform)
        _ = try await agent.start()
        var ports = TestIntent.ports(2)
        ports[1].binding = p2Binding
        _ = try await agent.applyIntent(TestIntent.document(ports))
        _ = try await agent.plug(PlugRequest(port: "p1", domain: "vm-p1", kind: .hostdev))
        _ = try await agent.plug(PlugRequest(port: "p2", domain: "vm-p2", kind: p2Binding == "vdpa" ? .vdpa : .hostdev))
        return agent
    }

    /// The snapshot as the daemon stores it: JSON bytes, read back.
    static func persisted(_ agent: Agent) async throws -> AgentSnapshot {
        try JSONDecoder().decode(AgentSnapshot.self, from: JSONEncoder().encode(await agent.snapshot()))
    }

    @Test("a second agent on an unchanged host adopts every filter: nothing deleted, added or replaced; counters keep counting")
    func adoptOnRestart() async throws {
        let node = SimNode()
        let first = try await Self.plugged(node, p2Binding: "vdpa")
        let snapshot = try await Self.persisted(first)
        let filters = node.filterIdentities
        let cookieCount = node.cookieFilters.count
        let vfs = node.host.physicalFunctions[0].vfs
        let vdpa = node.host.vdpaDevices
        #expect(cookieCount > 10)
        // Traffic on one filter while the daemon is down.
        let rep1 = try #require(node.host.physicalFunctions[0].vfs[0].representor)
        let busy = try #require(node.cookieFilters.first { $0.inHardware && $0.id.ifindex == rep1 && $0.id.chain == 0 })
        node.clock.advance(by: .seconds(5))
        try node.endpoint.withHost { host throws(SimNICError) in try host.recordTraffic(on: busy.id, packets: 7, bytes: 700) }

        let second = node.agent()
        let report = try await second.start(restoring: snapshot)
        #expect(report.problems.isEmpty)
        #expect(report.restoredPorts == 2)
        #expect(report.counters.adopted == cookieCount)
        #expect(report.counters.added == 0 && report.counters.deleted == 0 && report.counters.replaced == 0)
        #expect(report.nics.first?.setupSteps == [])
        #expect(node.filterIdentities == filters)
        #expect(node.host.physicalFunctions[0].vfs == vfs)
        #expect(node.host.vdpaDevices == vdpa)
        #expect(await second.snapshot() == snapshot)
        let status = try #require(await second.handle(.status).reportObject)
        let reconcile = try #require(status["reconcile"] as? [String: Any])
        #expect(reconcile["adopted"] as? Int == cookieCount && reconcile["added"] as? Int == 0 && reconcile["deleted"] as? Int == 0)
        let ports = try #require(status["ports"] as? [[String: Any]])
        let p1 = try #require(ports.first { $0["port"] as? String == "p1" })
        #expect((p1["packets"] as? [String: Any])?["hardware"] as? Int == 7)
    }

    @Test("on start-up only the agent's own orphans go; other programs' filters stay")
    func orphansOnly() async throws {
        let node = SimNode()
        let first = try await Self.plugged(node)
        var snapshot = try await Self.persisted(first)
        // The daemon went down after p2 left the intent, before its filters were deleted.
        snapshot.intent = TestIntent.document(TestIntent.ports(1))
        snapshot.ports.removeAll { $0.port == "p2" }
        let rep1 = try #require(node.host.physicalFunctions[0].vfs[0].representor)
        let rep2 = try #require(node.host.physicalFunctions[0].vfs[1].representor)
        let uplink = node.host.physicalFunctions[0].netdev
        let ownPriority = try #require(TCPriorities.priority(kind: .portAdmit, protocol: .all, inHardware: true))
        func filter(on device: IfIndex, priority: UInt16, mac: String, cookie: UInt64?) throws -> FilterMessage {
            try FilterMessage.flower(ifindex: device, priority: priority, protocol: .all, match: FlowerMatch(dstMAC: Masked(MACAddress(mac)!)),
                                     actions: [TCAction(order: 1, .gact(.drop), cookie: cookie.map(TCOwnershipCookie.bytes))])
        }
        let foreignAtOurPriority = try filter(on: rep1, priority: ownPriority, mac: "02:99:00:00:00:01", cookie: nil)
        let foreignElsewhere = try filter(on: uplink, priority: 900, mac: "02:99:00:00:00:02", cookie: nil)
        let ownStale = try filter(on: rep2, priority: ownPriority, mac: "02:99:00:00:00:03", cookie: 0xDEAD_BEEF_0000_0001)
        var foreign: [SimFilterID] = []
        try node.endpoint.withHost { host throws(SimNICError) in
            foreign.append(try host.addFilter(foreignAtOurPriority).id)
            foreign.append(try host.addFilter(foreignElsewhere).id)
            _ = try host.addFilter(ownStale)
        }
        let before = node.cookieFilters.count

        let second = node.agent()
        let report = try await second.start(restoring: snapshot)
        let after = node.cookieFilters
        #expect(report.counters.deleted > 1)
        #expect(report.counters.deleted == before - after.count)
        #expect(report.counters.added == 0)
        #expect(after.allSatisfy { $0.id.ifindex != rep2 })
        let remaining = Set(node.host.allFilters.map(\.id))
        for id in foreign { #expect(remaining.contains(id)) }
        // What is left with a cookie is exactly what the agent plans.
        let planned = Set(await second.rulesReport(RulesQuery()).rules.flatMap { rule in rule.filters.map { "\($0.device)/\($0.handle)" } })
        #expect(Set(after.map { "\($0.id.ifindex.rawValue)/0x\(String($0.id.handle, radix: 16))" }) == planned)
    }

    @Test("a filter deleted by hand comes back: at once through its notification, or on the next pass")
    func driftRepair() async throws {
        let node = SimNode()
        let events = SimNetlinkEventSource(endpoint: node.endpoint)
        let agent = try await Self.plugged(node, platform: node.platform(events: events))
        // The agent's own changes come back as notifications and change nothing.
        var quiet = false
        for _ in 0..<50 where !quiet {
            let outcome = await agent.pollEvents(timeout: .milliseconds(20))
            #expect(outcome != .resynchronised)
            if case .handled(_, true) = outcome { Issue.record("own changes taken for drift") }
            quiet = outcome == .quiet
        }
        let identities = node.filterIdentities
        let victim = try #require(node.cookieFilters.first)
        try node.endpoint.withHost { host throws(SimNICError) in
            try host.deleteFilters(ifindex: victim.id.ifindex, parent: .ingressHook, chain: victim.id.chain, priority: victim.id.priority,
                                   protocol: victim.protocol, handle: victim.id.handle, kind: "flower")
        }
        let outcome = await agent.pollEvents(timeout: .seconds(2))
        guard case .handled(_, true) = outcome else { Issue.record("no repair: \(outcome)"); return }
        #expect(Set(node.filterIdentities.map(\.id)) == Set(identities.map(\.id)))
        #expect(await agent.counters.repaired == 1)

        // Without a notification (events not polled), a full pass repairs it the same way.
        let second = try #require(node.cookieFilters.last)
        try node.endpoint.withHost { host throws(SimNICError) in
            try host.deleteFilters(ifindex: second.id.ifindex, parent: .ingressHook, chain: second.id.chain, priority: second.id.priority,
                                   protocol: second.protocol, handle: second.id.handle, kind: "flower")
        }
        let pass = await agent.reconcileNow()
        #expect(pass.repaired == 1 && pass.added == 1 && pass.deleted == 0)
        #expect(Set(node.filterIdentities.map(\.id)) == Set(identities.map(\.id)))
    }

    @Test("ENOBUFS on the event socket leads to a full resynchronisation, not an exit")
    func noBufferSpace() async throws {
        let node = SimNode()
        // Two datagrams of room: the plugs' own notifications overflow it.
        let events = SimNetlinkEventSource(endpoint: node.endpoint, capacity: 2)
        let agent = try await Self.plugged(node, platform: node.platform(events: events))
        let identities = node.filterIdentities
        let victim = try #require(node.cookieFilters.first)
        try node.endpoint.withHost { host throws(SimNICError) in
            try host.deleteFilters(ifindex: victim.id.ifindex, parent: .ingressHook, chain: victim.id.chain, priority: victim.id.priority,
                                   protocol: victim.protocol, handle: victim.id.handle, kind: "flower")
        }
        #expect(await agent.pollEvents(timeout: .seconds(1)) == .resynchronised)
        #expect(await agent.counters.resyncs == 1)
        #expect(Set(node.filterIdentities.map(\.id)) == Set(identities.map(\.id)))
        // Lost again, by a socket overrun: again a resynchronisation, and the agent goes on.
        events.injectOverflow()
        #expect(await agent.pollEvents(timeout: .seconds(1)) == .resynchronised)
        #expect(await agent.counters.resyncs == 2)
        #expect(await agent.handle(.verify("p1")).failure == nil)
    }

    @Test("a rule the NIC refuses runs in software with the NIC's extack in explain, and survives a restart unchanged")
    func refusalFallsBack() async throws {
        let node = SimNode()
        let agent = node.agent()
        _ = try await agent.start()
        _ = try await agent.applyIntent(TestIntent.document(TestIntent.ports(1)))
        let extack = "mlx5_core: simulated refusal of this rule"
        try node.endpoint.withHost { host throws(SimNICError) in host.faults.nextInsertion = SimNICError(.notSupported, extack) }
        let attachment = try await agent.plug(PlugRequest(port: "p1", domain: "vm-p1", kind: .hostdev))
        #expect(attachment.rulesInSoftware == 1)
        #expect(await agent.counters.fallbacks == [extack: 1])
        let refused = await agent.rulesReport(RulesQuery()).rules.filter { $0.nicRefusal != nil }
        let rule = try #require(refused.first)
        #expect(refused.count == 1)
        #expect(rule.nicRefusal == extack && rule.placement == .software && rule.compilerPlacement != .software)
        #expect(rule.state == "installed" && rule.filters.allSatisfy { $0.role == "software" && $0.inHardware == false })
        let installed = node.cookieFilters.filter { filter in rule.filters.contains { $0.handle == "0x" + String(filter.id.handle, radix: 16) && $0.device == filter.id.ifindex.rawValue } }
        #expect(installed.count == rule.filters.count && installed.allSatisfy { $0.requestedFlags.contains(.skipHardware) })

        let explained = try await agent.explainRule(rule.id)
        #expect(explained.text.contains(extack))
        #expect(explained.rule.reason?.contains(extack) == true)
        let port = try await agent.explainPort("p1")
        #expect(port.nicRefusals.map(\.reason) == [extack])
        #expect(port.text.contains { $0.contains("NIC refused") && $0.contains(extack) })
        // By cookie, too.
        #expect(try await agent.explainRule(rule.cookie).rule.id == rule.id)

        let snapshot = try await Self.persisted(agent)
        #expect(snapshot.fallbacks.map(\.reason) == [extack])
        let identities = node.filterIdentities
        let restarted = node.agent()
        let report = try await restarted.start(restoring: snapshot)
        #expect(report.counters.added == 0 && report.counters.deleted == 0 && report.counters.replaced == 0)
        #expect(node.filterIdentities == identities)
        #expect(try await restarted.explainRule(rule.id).rule.nicRefusal == extack)
    }

    @Test("a full hardware table sends the rules beyond it to software, each with the driver's reason")
    func tableFull() async throws {
        let node = SimNode(ruleCapacity: 6)
        let agent = node.agent()
        _ = try await agent.start()
        _ = try await agent.applyIntent(TestIntent.document(TestIntent.ports(1)))
        _ = try await agent.plug(PlugRequest(port: "p1", domain: "vm-p1", kind: .hostdev))
        #expect(node.host.hardwareRuleCount == 6)
        let counters = await agent.counters
        #expect(counters.fallbacks.keys.allSatisfy { $0.contains("table full") })
        #expect(counters.fallbacks.values.reduce(0, +) > 0)
        let rules = await agent.rulesReport(RulesQuery(port: "p1")).rules
        #expect(rules.allSatisfy { $0.state == "installed" || $0.detail != nil })
        #expect(await agent.rulesReport(RulesQuery(placement: .software)).rules.allSatisfy { $0.nicRefusal?.contains("table full") == true })
    }

    @Test("an intent change installs only its delta; every other filter stays as it was")
    func incrementalIntent() async throws {
        let node = SimNode()
        let agent = try await Self.plugged(node)
        let before = node.filterIdentities
        var ports = TestIntent.ports(2)
        ports[1].binding = "vf"
        let summary = try await agent.applyIntent(TestIntent.document(ports, sshOnly: false))
        #expect(summary.rulesAdded > 0 && summary.rulesDeleted == 0)
        let after = node.filterIdentities
        #expect(before.isSubset(of: after))
        #expect(after.count == before.count + summary.rulesAdded)
        // Back: exactly those filters go again.
        let back = try await agent.applyIntent(TestIntent.document(ports))
        #expect(back.rulesDeleted == summary.rulesAdded && back.rulesAdded == 0)
        #expect(node.filterIdentities == before)
    }

    @Test("an invalid intent is refused in one line and changes nothing")
    func invalidIntent() async throws {
        let node = SimNode()
        let agent = try await Self.plugged(node)
        let before = node.filterIdentities
        let bad = IntentDocument(format: .yaml, text: TestIntent.yaml(TestIntent.ports(2)).replacingOccurrences(of: "vni: 1001", with: "vni: 0"), source: "bad.yaml")
        let failure = await agent.handle(.applyIntent(bad)).failure
        #expect(failure?.code == .invalidIntent)
        #expect(failure?.message.hasPrefix("bad.yaml: ") == true)
        #expect(failure?.message.contains("\n") == false)
        #expect(node.filterIdentities == before)
        #expect(await agent.snapshot().intent?.source == "test-intent.yaml")
    }

    @Test("a restart whose NIC set-up fails leaves every filter in place")
    func restartWithBrokenNIC() async throws {
        let node = SimNode()
        let snapshot = try await Self.persisted(try await Self.plugged(node))
        let identities = node.filterIdentities
        let generic = FailingTransport(SimNetlinkTransport(endpoint: node.endpoint, protocol: .generic), errno: 5, extack: "firmware not responding")
        generic.refuse { message in
            if case .generic(let body) = message.body, body.devlink?.command == .eswitchGet { return true }
            return false
        }
        let platform = AgentPlatform(route: SimNetlinkTransport(endpoint: node.endpoint, protocol: .route), generic: generic, events: nil,
                                     pci: SimPCIDiscovery(endpoint: node.endpoint), sriov: SimSRIOVControl(endpoint: node.endpoint),
                                     drivers: SimVFDriverBinding(endpoint: node.endpoint))
        let agent = node.agent(platform: platform)
        let report = try await agent.start(restoring: snapshot)
        #expect(report.problems.contains { $0.contains("firmware not responding") })
        #expect(report.counters.deleted == 0 && report.counters.added == 0)
        #expect(await agent.reconcileNow().deleted == 0)
        #expect(node.filterIdentities == identities)
        // The bindings are kept for when the NIC comes back.
        #expect(await agent.snapshot() == snapshot)
    }

    @Test("the event loop repairs drift as it happens and stops when its task is cancelled")
    func eventLoop() async throws {
        let node = SimNode()
        let events = SimNetlinkEventSource(endpoint: node.endpoint)
        let agent = try await Self.plugged(node, platform: node.platform(events: events))
        let loop = Task { await agent.runEventLoop(resyncEvery: .seconds(3600)) }
        let expected = Set(node.filterIdentities.map(\.id))
        let victim = try #require(node.cookieFilters.first)
        try node.endpoint.withHost { host throws(SimNICError) in
            try host.deleteFilters(ifindex: victim.id.ifindex, parent: .ingressHook, chain: victim.id.chain, priority: victim.id.priority,
                                   protocol: victim.protocol, handle: victim.id.handle, kind: "flower")
        }
        var repaired = false
        for _ in 0..<200 where !repaired {
            try await Task.sleep(for: .milliseconds(25))
            repaired = Set(node.filterIdentities.map(\.id)) == expected
        }
        #expect(repaired)
        loop.cancel()
        await loop.value
        #expect(await agent.counters.repaired == 1)
    }
}
