import EswitchModel
import Netlink
import TCBackend
import Testing

/// Handles and priorities stay put across recompiles; changes between plans are minimal; a
/// restarted daemon adopts the filters it finds.
@Suite struct TCBackendStabilityTests {
    let backend = TCBackend(devices: TCBackendFixtures.devices)

    /// The example with one more remote endpoint, a slower QoS policy and no floating IP.
    static func changedText() throws -> String {
        var text = try TCBackendFixtures.exampleText()
        let endpoint = "remote_endpoints:\n  - network: web\n    mac: 52:54:00:10:00:64\n    ips: [10.10.0.98]\n    vtep: 192.0.2.12\n"
        let before = text
        text = text.replacingOccurrences(of: "remote_endpoints:\n", with: endpoint)
        text = text.replacingOccurrences(of: "rate_bps: 1000000000", with: "rate_bps: 500000000")
        text = text.replacingOccurrences(of: "floating_ips:\n  - external_ip: 203.0.113.10\n    port: web-1-eth0\n    fixed_ip: 10.10.0.11\n", with: "floating_ips: []\n")
        #expect(text != before)
        return text
    }

    @Test func unchangedRulesKeepTheirFiltersAcrossIntents() throws {
        let old = try TCBackendFixtures.exampleRules()
        let new = try TCBackendFixtures.rules(try Self.changedText())
        let oldPlan = backend.plan(old), newPlan = backend.plan(new)
        #expect(oldPlan.problems == [] && newPlan.problems == [])
        let oldByID = Dictionary(uniqueKeysWithValues: old.map { ($0.id, $0) })
        var same = 0
        for rule in new {
            guard let before = oldByID[rule.id], before == rule else { continue }
            same += 1
            let a = oldPlan.filters(of: rule.id), b = newPlan.filters(of: rule.id)
            #expect(a.map(\.location) == b.map(\.location), "\(rule.id)")
            #expect(a.map(\.message) == b.map(\.message))
        }
        #expect(same > old.count / 2)

        // The difference is exactly the rules that changed.
        let changes = newPlan.changes(from: oldPlan)
        let added = Set(new.map(\.id)).subtracting(old.map(\.id))
        let removed = Set(old.map(\.id)).subtracting(new.map(\.id))
        let modified = Set(new.filter { rule in oldByID[rule.id].map { $0 != rule } ?? false }.map(\.id))
        #expect(!added.isEmpty && !removed.isEmpty && !modified.isEmpty)
        #expect(Set(changes.adds.map(\.rule)) == added)
        #expect(Set(changes.replaces.map(\.rule)) == modified)
        #expect(Set(changes.deletes) == Set(removed.flatMap { oldPlan.filters(of: $0).map(\.location) }))
        #expect(changes.unchanged == newPlan.filters.count - changes.adds.count - changes.replaces.count)
        #expect(changes.newDevices == [])
        #expect(newPlan.changes(from: newPlan).isEmpty)
        // From nothing: qdiscs, then every filter.
        let fresh = newPlan.changes(from: TCPlan(filters: []))
        let requests = fresh.requests(qdisc: .clsact)
        #expect(requests.count == newPlan.devices.count + newPlan.filters.count)
        #expect(requests.prefix(newPlan.devices.count).allSatisfy { $0.type == RTM.newQdisc })
    }

    @Test func requestOrderDeletesCollidingFiltersFirst() throws {
        // A rule renamed with the same match: the old filter must go before the new one is added.
        var match = FlowMatch()
        match.ethSource = .exact(MACAddress("02:00:00:00:00:01")!)
        let a = TCBackendFixtures.rule(.egressAllow, .port("web-1-eth0"), "old-name", match: match, actions: [.gotoChain(2)])
        let b = TCBackendFixtures.rule(.egressAllow, .port("web-1-eth0"), "new-name", match: match, actions: [.gotoChain(2)])
        let other = TCBackendFixtures.rule(.egressDrop, .port("web-2-eth0"), match: FlowMatch(), actions: [.drop])
        let before = backend.plan([a, other]), after = backend.plan([b])
        let requests = after.changes(from: before).requests(qdisc: .clsact)
        #expect(requests.map(\.type) == [RTM.delTFilter, RTM.newTFilter, RTM.delTFilter])
    }

    /// Two subjects whose cookies share their low 31 bits.
    static func collidingSubjects() -> (String, String) {
        var seen: [UInt32: String] = [:]
        for i in 0..<2_000_000 {
            let subject = "c\(i)"
            let id = RuleID(kind: .egressDrop, ingress: .port("web-1-eth0"), subject: subject)
            let h = TCHandles.base(cookie: id.cookie)
            if let other = seen[h] { return (other, subject) }
            seen[h] = subject
        }
        return ("", "")
    }

    @Test func collisionsProbeAndThePreviousPlanKeepsHandles() throws {
        let (s1, s2) = Self.collidingSubjects()
        #expect(!s1.isEmpty)
        func rule(_ s: String, _ mac: String) -> Rule {
            var m = FlowMatch()
            m.ethSource = .exact(MACAddress(mac)!)
            return TCBackendFixtures.rule(.egressDrop, .port("web-1-eth0"), s, match: m, actions: [.drop])
        }
        let r1 = rule(s1, "02:00:00:00:00:01"), r2 = rule(s2, "02:00:00:00:00:02")
        let base = TCHandles.base(cookie: r1.id.cookie)
        #expect(base == TCHandles.base(cookie: r2.id.cookie))
        let both = backend.plan([r2, r1])
        let (first, second) = r1.id < r2.id ? (r1, r2) : (r2, r1)
        #expect(both.filters(of: first.id).first?.location.handle == base)
        #expect(both.filters(of: second.id).first?.location.handle == TCHandles.next(after: base))
        // The first rule goes: with the previous plan the second keeps its handle, without it the
        // second takes the base.
        #expect(backend.plan([second], previous: both).filters.first?.location.handle == TCHandles.next(after: base))
        #expect(backend.plan([second]).filters.first?.location.handle == base)
        // Same input, same plan.
        #expect(backend.plan([r1, r2]) == both)
    }

    /// What the kernel would dump for a planned filter: in_hw flag, explicit chain, keys in another
    /// order, port masks, action indexes and timestamps.
    static func dumped(_ f: TCFilter) -> FilterMessage {
        var m = f.message
        if m.chain == nil { m.attributes.insert(.chain(0), at: 0) }
        m.attributes = m.attributes.map { a in
            guard case .flower(let o) = a else { return a }
            var list: [FlowerAttribute] = []
            for attribute in o.attributes.reversed() {
                switch attribute {
                case .flags(let flags): list.append(.flags(flags.union(.inHardware)))
                case .tcpDstPort: list.append(attribute); list.append(.tcpDstPortMask(0xFFFF))
                case .actions(let actions): list.append(.actions(actions.map(dumpedAction)))
                default: list.append(attribute)
                }
            }
            list.append(.inHardwareCount(1))
            return .flower(FlowerOptions(list))
        }
        return m
    }

    static func dumpedAction(_ a: TCAction) -> TCAction {
        var a = a
        a.attributes = a.attributes.map { attribute in
            guard case .options(.mirred(let o), let flagged) = attribute, let p = o.parameters else { return attribute }
            var common = p.common
            common.index = 7
            common.refcnt = 1
            common.bindcnt = 1
            return .options(.mirred(MirredOptions([.time(TCActionTime(install: 5, lastUse: 5)), .parameters(MirredParameters(common: common, action: p.action, ifindex: p.ifindex))])), nestedFlag: flagged)
        }
        a.attributes.append(.index(7))
        return a
    }

    @Test func restartAdoptsWhatIsAlreadyRight() throws {
        let plan = backend.plan(try TCBackendFixtures.exampleRules())
        var installed = plan.filters.map(Self.dumped)
        let adopted = plan.reconcile(installed: installed)
        #expect(adopted.isEmpty, "\(adopted.replaces.map(\.key)) \(adopted.adds.map(\.key)) \(adopted.deletes)")
        #expect(adopted.unchanged == plan.filters.count)

        // A port moved to another representor while the daemon was down: its deliveries change.
        let redirect = try #require(installed.firstIndex { f in f.actions.contains { if case .mirred? = $0.options { true } else { false } } })
        let moved = installed[redirect]
        installed[redirect].attributes = moved.attributes.map { a in
            guard case .flower(let o) = a else { return a }
            return .flower(FlowerOptions(o.attributes.map { f in
                guard case .actions(let list) = f else { return f }
                return .actions(list.map { action in
                    var action = action
                    action.attributes = action.attributes.map { x in
                        guard case .options(.mirred(let m), let flag) = x, let p = m.parameters else { return x }
                        return .options(.mirred(.redirect(.egress, to: IfIndex(p.ifindex.rawValue + 100))), nestedFlag: flag)
                    }
                    return action
                })
            }))
        }
        // A filter that someone else installed, at one of our priorities, without cookies.
        let foreign = try FilterMessage.flower(ifindex: IfIndex(10), priority: 1, protocol: .all, handle: 42,
                                               match: FlowerMatch(dstMAC: .exact(MACAddress("02:00:00:00:99:99")!)), actions: [TCAction(order: 1, .gact(.drop))])
        // One of ours from a rule that no longer exists.
        let stale = try FilterMessage.flower(ifindex: IfIndex(10), priority: 1, protocol: .all, handle: 43,
                                             match: FlowerMatch(dstMAC: .exact(MACAddress("02:00:00:00:99:98")!)),
                                             actions: [TCAction(order: 1, .gact(.drop), cookie: TCOwnershipCookie.bytes(0xdead_beef))])
        let missingIndex = try #require(installed.indices.first { $0 != redirect })
        let missing = installed.remove(at: missingIndex)
        installed += [foreign, stale]
        let changes = plan.reconcile(installed: installed)
        #expect(changes.replaces.map(\.location) == [TCFilterLocation(of: moved)])
        #expect(changes.deletes == [TCFilterLocation(of: stale)])
        #expect(changes.adds.map(\.location) == [TCFilterLocation(of: missing)])
        #expect(changes.unchanged == plan.filters.count - 2)
    }
}
