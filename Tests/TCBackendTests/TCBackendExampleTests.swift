import EswitchModel
import Netlink
import TCBackend
import Testing

/// The example intent through the backend: every rule becomes filters that survive the codec, in
/// the right places, with priorities, handles, flags and cookies as documented.
@Suite struct TCBackendExampleTests {
    let rules: [Rule]
    let plan: TCPlan

    init() throws {
        rules = try TCBackendFixtures.exampleRules()
        plan = TCBackend(devices: TCBackendFixtures.devices).plan(rules)
    }

    @Test func everyRuleIsPlanned() {
        #expect(plan.problems == [])
        #expect(Set(plan.filters.map(\.rule)) == Set(rules.map(\.id)))
    }

    @Test func everyFilterRoundTripsThroughTheCodec() throws {
        for filter in plan.filters {
            for request in [filter.addRequest(), filter.replaceRequest(), filter.deleteRequest()] {
                let bytes = request.encoded()
                let decoded = try NetlinkMessage.decode(bytes, context: .route)
                #expect(decoded == request, "\(filter.key)")
                #expect(decoded.encoded() == bytes)
            }
        }
    }

    @Test func everyActionCarriesTheRulesCookie() throws {
        for filter in plan.filters {
            let actions = filter.message.actions
            #expect(!actions.isEmpty)
            #expect(actions.allSatisfy { $0.cookie == TCOwnershipCookie.bytes(filter.rule.cookie) })
            // Through the wire and back, the cookie names the rule.
            let (_, decoded) = try #require(try FilterMessage.decoded(filter.addRequest().encoded()))
            #expect(TCOwnershipCookie.cookie(of: decoded) == filter.rule.cookie)
            #expect(plan.ruleID(of: decoded) == filter.rule)
        }
        #expect(TCOwnershipCookie.bytes(0x0102_0304_0506_0708) == [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(TCBackend.ruleIDs(byCookie: rules).count == rules.count)
    }

    @Test func headerFollowsTheRule() throws {
        for filter in plan.filters {
            let rule = try #require(rules.first { $0.id == filter.rule })
            let m = filter.message
            #expect(m.header.parent == .ingressHook)
            #expect(m.handle == filter.location.handle && m.handle != 0 && m.handle <= TCHandles.maximum)
            #expect((m.chain ?? 0) == rule.chain)
            #expect(m.kind == "flower")
            #expect(m.flags == [.skipSoftware], "placement defaults to hardware")
            #expect(m.priority == TCPriorities.priority(kind: rule.kind, protocol: m.protocol, inHardware: true))
            #expect(m.flower?.ethType == (m.protocol == .all ? nil : m.protocol))
        }
    }

    @Test func portRulesAttachToTheirRepresentor() throws {
        let devices = TCBackendFixtures.devices
        for filter in plan.filters {
            guard case .port(let port) = filter.rule.ingress else { continue }
            #expect(filter.location.device == devices.ports[port])
        }
    }

    @Test func uplinkRulesSplitBetweenTheVXLANDeviceAndTheUplink() throws {
        // Decap matches the VNI: on the VXLAN device, with enc keys and tunnel_key unset.
        let decap = try #require(plan.filters.first { $0.rule.kind == .decap && $0.rule.subject.hasSuffix("52:54:00:10:00:01") })
        #expect(decap.location.device == IfIndex(6))
        let options = try #require(decap.message.flower)
        #expect(options.encKeyID == 1001)
        #expect(options.encDstPort == 4789)
        #expect(options.dstMAC == MACAddress("52:54:00:10:00:01"))
        guard case .tunnelKey(let unset)? = decap.message.actions.first?.options else { Issue.record("no tunnel_key"); return }
        #expect(unset.parameters?.action == .unset)
        #expect(decap.message.actions.last?.options == .gact(.gotoChain(3)))
        // A floating IP arrives unencapsulated: on the uplink.
        let fip = try #require(plan.filters.first { $0.rule.kind == .floatingIPIn })
        #expect(fip.location.device == IfIndex(5))
        // Chain 3 is reached from both: delivery filters of the uplink are on both devices.
        let delivery = plan.filters.filter { $0.rule.ingress == .uplink && $0.rule.kind == .ingressDrop }
        #expect(!delivery.isEmpty)
        for rule in Set(delivery.map(\.rule)) {
            #expect(Set(plan.filters(of: rule).map(\.location.device)) == [IfIndex(5), IfIndex(6)])
        }
    }

    @Test func hardwarePrioritiesFitMlx5() {
        // FDB_TC_MAX_PRIO: 16 priorities per chain without ignore_flow_level.
        #expect(plan.maxHardwarePriority.values.allSatisfy { $0 <= 16 })
        #expect(TCPriorities.maxHardwarePriority.values.allSatisfy { $0 <= 16 })
        #expect(plan.maxHardwarePriority[2] ?? 0 >= 5, "chain 2 holds several kinds")
    }

    @Test func prioritiesFollowKindOrderAndPutAllLast() throws {
        let ingress = try #require(TCPriorities.priority(kind: .ingressAllow, protocol: .all, inHardware: true))
        let ipv4 = try #require(TCPriorities.priority(kind: .ingressAllow, protocol: .ipv4, inHardware: true))
        let drop = try #require(TCPriorities.priority(kind: .ingressDrop, protocol: .all, inHardware: true))
        #expect(ipv4 < ingress && ingress < drop)
        #expect(TCPriorities.priority(kind: .arpTrap, protocol: .arp, inHardware: true)! < TCPriorities.priority(kind: .flood, protocol: .all, inHardware: true)!)
        #expect(TCPriorities.priority(kind: .ingressAllow, protocol: .ipv4, inHardware: false) == TCPriorities.softwareBase + ipv4)
        #expect(TCPriorities.priority(kind: .l2Remote, protocol: .ipv4, inHardware: true) == nil)
        let slot = try #require(TCPriorities.slot(chain: 3, priority: ipv4 + TCPriorities.softwareBase))
        #expect(slot.kind == .ingressAllow && slot.protocol == .ipv4 && !slot.inHardware)
        // No two (kind, protocol) of a chain share a priority.
        var seen: [UInt32: Set<UInt16>] = [:]
        for kind in RuleKind.allCases {
            for p in TCPriorities.protocols(of: kind) {
                let prio = TCPriorities.priority(kind: kind, protocol: p, inHardware: true)!
                #expect(seen[kind.chain, default: []].insert(prio).inserted, "\(kind) \(p)")
            }
        }
    }

    @Test func oneProtocolPerPriorityOnEachDevice() {
        var protocols: [String: EtherType] = [:]
        for f in plan.filters {
            let key = "\(f.location.device)/\(f.location.chain)/\(f.location.priority)"
            if let p = protocols[key] { #expect(p == f.location.protocol, "\(key)") }
            protocols[key] = f.location.protocol
        }
    }

    @Test func handlesAreUniqueInEachClassifierInstance() {
        var seen: Set<String> = []
        for f in plan.filters {
            #expect(seen.insert("\(f.location)").inserted, "\(f.location)")
        }
        // The handle is the cookie's low 31 bits unless it collided.
        let derived = plan.filters.filter { $0.location.handle == TCHandles.base(cookie: $0.cookie) }
        #expect(derived.count == plan.filters.count)
    }

    @Test func qdiscForEveryDevice() throws {
        #expect(plan.devices == [IfIndex(5), IfIndex(6), IfIndex(10), IfIndex(11), IfIndex(12)])
        let requests = plan.qdiscRequests()
        #expect(requests.count == 5)
        for r in requests {
            guard case .qdisc(let q) = r.body else { Issue.record("not a qdisc"); continue }
            #expect(q.kind == "clsact")
            #expect(r.type == RTM.newQdisc)
        }
    }

    @Test func installOrderFillsLaterChainsFirst() {
        let order = plan.installOrder
        #expect(order.count == plan.filters.count)
        for (a, b) in zip(order, order.dropFirst()) {
            #expect(a.location.chain > b.location.chain || (a.location.chain == b.location.chain && a.location.priority <= b.location.priority))
        }
        #expect(plan.addRequests().count == plan.filters.count)
    }

    @Test func splitAndSoftwarePlacement() throws {
        let routes = Set(rules.filter { $0.kind == .route }.map(\.id))
        let admits = Set(rules.filter { $0.kind == .portAdmit }.map(\.id))
        let backend = TCBackend(devices: TCBackendFixtures.devices) { id in
            routes.contains(id) ? .split : admits.contains(id) ? .software : .hardware
        }
        let split = backend.plan(rules)
        #expect(split.problems == [])
        let route = try #require(rules.first { $0.kind == .route })
        let halves = split.filters(of: route.id)
        #expect(halves.map(\.role) == [.hardwareTrap, .software])
        let trap = halves[0], soft = halves[1]
        #expect(trap.message.flags == [.skipSoftware])
        #expect(trap.message.actions.map(\.withoutCookie) == [TCAction(order: 1, .gact(.trap))])
        #expect(soft.message.flags == [.skipHardware])
        #expect(soft.location.priority == trap.location.priority + TCPriorities.softwareBase)
        #expect(trap.message.flower?.match == soft.message.flower?.match)
        #expect(soft.message.actions.count > 1)
        // The same handle in two classifier instances.
        #expect(trap.location.handle == soft.location.handle)
        // A software-placed trap passes the frame up the representor's stack.
        let admit = try #require(split.filters.first { admits.contains($0.rule) })
        #expect(admit.role == .software && admit.message.flags == [.skipHardware])
        let arp = try #require(rules.first { $0.kind == .arpTrap })
        let softARP = TCBackend(devices: TCBackendFixtures.devices) { _ in .software }.plan([arp])
        #expect(softARP.filters.first?.message.actions.map(\.withoutCookie) == [TCAction(order: 1, .gact(.pass))])
        #expect(plan.filters(of: arp.id).first?.message.actions.map(\.withoutCookie) == [TCAction(order: 1, .gact(.trap))])
    }

    @Test func missingDevicesAreProblemsNamingTheRule() throws {
        var devices = TCBackendFixtures.devices
        devices.ports["web-2-eth0"] = nil
        devices.externalNextHop = nil
        let partial = TCBackend(devices: devices).plan(rules)
        let broken = Set(partial.problems.map(\.rule))
        // web-2's own rules, and rules delivering to it.
        #expect(broken.contains { $0.ingress == .port("web-2-eth0") })
        #expect(partial.problems.contains { $0.message.contains("output to port web-2-eth0") })
        #expect(partial.problems.contains { $0.rule.kind == .floatingIPOut && $0.message.contains("next-hop MAC") })
        // No filter at all for a broken rule; the others are all there.
        #expect(partial.filters.allSatisfy { !broken.contains($0.rule) })
        #expect(Set(partial.filters.map(\.rule)).count + broken.count == rules.count)
        #expect(partial.problems.first.map { "\($0)".hasPrefix("\($0.rule): ") } == true)
    }
}
