import EswitchCompiler
import EswitchModel
import Testing

/// The rule budget: whole pipelines, node-wide rules first, VF ports before vDPA, smaller first.
@Suite struct PlacementBudgetTests {
    let profile: HardwareProfile
    let state: ValidatedNetworkState
    let unlimited: Plan

    init() throws {
        profile = try PlacementFixtures.capable()
        state = try PlacementFixtures.gatewayHere()
        unlimited = try PlacementFixtures.plan(profile, state)
    }

    func evicted(_ plan: Plan, _ owner: PortID?) -> Bool {
        let rules = plan.rules(ownedBy: owner)
        return rules.allSatisfy { $0.placement.location == .software }
            && rules.contains { $0.placement.reason == "budget: ConnectX-6 Dx capacity \(plan.capacity) rules exhausted" }
    }

    /// The node-wide rules are as without a budget, except that routes after NAT into an evicted
    /// port's delivery filter (on the uplink) now trap: what they lead to is in software.
    func nodeRulesHold(_ plan: Plan, evicted: Set<PortID>) -> Bool {
        let macs = Set(evicted.compactMap { state.port($0)?.mac })
        return zip(plan.rules(ownedBy: nil), unlimited.rules(ownedBy: nil)).allSatisfy { placed, reference in
            guard placed.rule == reference.rule else { return false }
            let intoEvicted = placed.rule.kind == .route && placed.rule.actions.contains { action in
                if case .setEthDestination(let mac) = action { return macs.contains(mac) } else { return false }
            }
            if intoEvicted && reference.placement.location.usesHardware { return placed.placement.location == .split }
            return placed.placement == reference.placement
        } && plan.rules(ownedBy: nil).count == unlimited.rules(ownedBy: nil).count
    }

    @Test func enoughCapacityChangesNothing() throws {
        let plan = try PlacementFixtures.plan(profile, state, capacity: unlimited.hardwareRules)
        #expect(plan.rules == unlimited.rules)
        #expect(plan.capacity == unlimited.hardwareRules)
    }

    @Test func nodeRulesThenVFPortsThenVDPAPorts() throws {
        let node = unlimited.cost(nil), vf = unlimited.cost("web-1-eth0"), vdpa = unlimited.cost("web-2-eth0")
        #expect(node > 0 && vf > 0 && vdpa > 0)
        let plan = try PlacementFixtures.plan(profile, state, capacity: node + vf)
        #expect(nodeRulesHold(plan, evicted: ["web-2-eth0"]))
        #expect(plan.rules(ownedBy: "web-1-eth0") == unlimited.rules(ownedBy: "web-1-eth0"))
        #expect(evicted(plan, "web-2-eth0"))
        #expect(plan.hardwareRules == node + vf)

        let onlyNode = try PlacementFixtures.plan(profile, state, capacity: node)
        #expect(nodeRulesHold(onlyNode, evicted: ["web-1-eth0", "web-2-eth0"]))
        #expect(evicted(onlyNode, "web-1-eth0") && evicted(onlyNode, "web-2-eth0"))
    }

    @Test func aUnitThatDoesNotFitLetsSmallerOnesIn() throws {
        // Room for the vDPA port but not the (larger) VF port: the VF port is skipped, not the rest.
        let node = unlimited.cost(nil), vf = unlimited.cost("web-1-eth0"), vdpa = unlimited.cost("web-2-eth0")
        try #require(vdpa < vf)
        let plan = try PlacementFixtures.plan(profile, state, capacity: node + vdpa)
        #expect(evicted(plan, "web-1-eth0"))
        #expect(plan.rules(ownedBy: "web-2-eth0") == unlimited.rules(ownedBy: "web-2-eth0"))
    }

    @Test func withinAClassSmallerPipelinesFirst() throws {
        // Both web ports bound vf: the smaller one (web-2) is kept when only one fits.
        let both = try PlacementFixtures.example { state in
            state.snat[0].gatewayNode = "compute-a"
            state.ports[state.ports.firstIndex { $0.id == "web-2-eth0" }!].binding = .vf
        }
        let full = try PlacementFixtures.plan(profile, both)
        let small = full.cost("web-2-eth0"), large = full.cost("web-1-eth0")
        try #require(small < large)
        let plan = try PlacementFixtures.plan(profile, both, capacity: full.cost(nil) + large - 1)
        #expect(plan.rules(ownedBy: "web-2-eth0") == full.rules(ownedBy: "web-2-eth0"))
        #expect(evicted(plan, "web-1-eth0"))
    }

    @Test func theBudgetIsNeverExceededAndPipelinesStayWhole() throws {
        for capacity in stride(from: 0, through: unlimited.hardwareRules, by: 3) {
            let plan = try PlacementFixtures.plan(profile, state, capacity: capacity)
            #expect(plan.hardwareRules <= capacity)
            let ports: [PortID] = ["web-1-eth0", "web-2-eth0"]
            for owner in ports {
                #expect(evicted(plan, owner) || plan.rules(ownedBy: owner) == unlimited.rules(ownedBy: owner), "capacity \(capacity), \(owner)")
            }
            #expect(evicted(plan, nil) || nodeRulesHold(plan, evicted: Set(ports.filter { evicted(plan, $0) })), "capacity \(capacity), node")
        }
        let none = try PlacementFixtures.plan(profile, state, capacity: 0)
        #expect(none.hardwareRules == 0)
        #expect(none.at("arp-trap@port web-1-eth0:*") == Placement(location: .software, reason: "budget: ConnectX-6 Dx capacity 0 rules exhausted"))
    }
}
