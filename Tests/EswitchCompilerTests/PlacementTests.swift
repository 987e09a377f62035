import EswitchCompiler
import EswitchModel
import Testing

/// Placement of the example intent's rules on the NIC models: hardware, split or software, with a
/// reason that names the profile and the item.
@Suite struct PlacementTests {
    @Test func aCapableNICHoldsThePipelinesAndSplitsTheTraps() throws {
        let plan = try PlacementFixtures.plan(try PlacementFixtures.capable())
        #expect(plan.at("l2-local@port web-1-eth0:52:54:00:10:00:02") == Placement(location: .hardware))
        #expect(plan.at("l2-remote@port web-1-eth0:52:54:00:10:00:63") == Placement(location: .hardware))
        #expect(plan.at("ingress-allow@port web-1-eth0:web-2-eth0 web/ingress IPv4 tcp 443-443#0") == Placement(location: .hardware))
        #expect(plan.at("decap@uplink:1001 52:54:00:10:00:01") == Placement(location: .hardware))
        #expect(plan.at("fip-in@uplink:203.0.113.10") == Placement(location: .hardware))
        #expect(plan.at("arp-trap@port web-1-eth0:*") == Placement(location: .split, reason: "ARP is answered by the slow path"))
        #expect(plan.at("flood@port web-2-eth0:unknown-unicast") == Placement(location: .split, reason: "flooding is done by the slow path"))
        // Nothing else leaves the hardware: only the software-bound port's rules and rules no
        // hardware rule reaches.
        for placed in plan.rules where placed.placement.location == .software {
            let reason = placed.placement.reason ?? ""
            #expect(placed.rule.owner == "tools-eth0" || reason.hasPrefix("not reached in hardware"), "\(placed.rule.id): \(reason)")
        }
    }

    @Test func rulesOfASoftwareBoundPortAreSoftware() throws {
        let plan = try PlacementFixtures.plan(try PlacementFixtures.capable())
        let owned = plan.rules(ownedBy: "tools-eth0")
        #expect(owned.count > 5)
        #expect(owned.contains { $0.rule.ingress == .uplink })
        for placed in owned {
            #expect(placed.placement == Placement(location: .software, reason: "port tools-eth0 is bound software: no VF"))
        }
        #expect(plan.portCoverage["tools-eth0"] == Coverage(software: owned.count))
    }

    @Test func deliveringToASoftwarePortTrapsTheDelivery() throws {
        // web-2 becomes a software port on web-1's network: web-1's hardware pipeline reaches its
        // delivery filter, whose outputs the NIC cannot do (no VF to deliver to).
        let state = try PlacementFixtures.example { state in
            state.ports[state.ports.firstIndex { $0.id == "web-2-eth0" }!].binding = .software
        }
        let plan = try PlacementFixtures.plan(try PlacementFixtures.capable(), state)
        #expect(plan.at("l2-local@port web-1-eth0:52:54:00:10:00:02")?.location == .hardware)
        #expect(plan.at("ingress-allow@port web-1-eth0:web-2-eth0 web/ingress IPv4 tcp 443-443#0")
            == Placement(location: .split, reason: "port web-2-eth0 is bound software: no VF"))
        // Dropping needs no VF: the default deny stays in hardware.
        #expect(plan.at("ingress-drop@port web-1-eth0:web-2-eth0 *")?.location == .hardware)
    }

    @Test func e810CannotEncapsulateOnARepresentor() throws {
        let plan = try PlacementFixtures.plan(try CompilerFixtures.profile("e810"))
        let placement = try #require(plan.at("l2-remote@port web-1-eth0:52:54:00:10:00:63"))
        #expect(placement.location == .software)
        #expect(placement.reason?.hasPrefix("E810: action tunnel_key set on representor not supported") == true, "\(placement)")
        // One action per rule, no goto, no trap: nothing of this intent fits.
        #expect(plan.hardwareRules == 0)
        #expect(plan.at("anti-spoof-drop@port web-1-eth0:*")?.reason?.contains("port-admit@port web-1-eth0:52:54:00:10:00:01") == true)
    }

    @Test func anActionTheNICLacksMakesASplitAndWhatFollowsLeavesTheHardware() throws {
        // ConnectX-5 has no police offload: admission traps, so the port's later chains are
        // unreachable in hardware and not kept there; the anti-spoof drop stays.
        let plan = try PlacementFixtures.plan(try CompilerFixtures.profile("connectx-5"))
        #expect(plan.at("port-admit@port web-1-eth0:52:54:00:10:00:01")
            == Placement(location: .split, reason: "ConnectX-5: action police on representor not supported"))
        #expect(plan.at("anti-spoof-drop@port web-1-eth0:*") == Placement(location: .hardware))
        let later = plan.rules.filter { $0.rule.ingress == .port("web-1-eth0") && $0.rule.chain > 0 }
        #expect(!later.isEmpty)
        #expect(later.allSatisfy { $0.placement.location == .software })
        #expect(plan.at("egress-drop@port web-1-eth0:*")?.reason?.hasPrefix("not reached in hardware") == true)
        // No vDPA on ConnectX-5.
        #expect(plan.at("port-admit@port web-2-eth0:52:54:00:10:00:02")
            == Placement(location: .software, reason: "ConnectX-5: vDPA not supported (port web-2-eth0 is bound vdpa)"))
    }

    @Test func snatWithoutCTOffloadIsSplitAndWithItInHardware() throws {
        let state = try PlacementFixtures.gatewayHere()
        let id = "snat-gateway@uplink:web from fa:16:3e:00:00:01"
        let cx5 = try PlacementFixtures.plan(try CompilerFixtures.profile("connectx-5"), state)
        #expect(cx5.at(id) == Placement(location: .split, reason: "ConnectX-5: action ct nat on tunnel device not supported"))
        let cx6 = try PlacementFixtures.plan(try PlacementFixtures.capable(), state)
        #expect(cx6.at(id) == Placement(location: .hardware))
        // Return traffic: conntrack restores the original destination in the NIC, which then routes
        // it to the VM like any routed frame.
        let back = "snat-gateway@uplink:203.0.113.1"
        #expect(cx6.at(back) == Placement(location: .hardware))
        #expect(cx6.at("route@uplink:10.10.0.11 via fa:16:3e:00:00:01") == Placement(location: .hardware))
        // To a VM on another node the NIC would have to encapsulate on the uplink, which the
        // profile does not offer: the slow path does it.
        #expect(cx6.at("route@uplink:10.20.0.11 via fa:16:3e:00:00:01") == Placement(location: .split, reason: "ConnectX-6 Dx: action tunnel_key set on uplink not supported"))
        let noNAT = try #require(cx5.at(back))
        #expect(noNAT.location == .split && noNAT.reason?.hasPrefix("ConnectX-5: action ct nat") == true, "\(noNAT)")
    }

    @Test func icmpSecurityGroupRulesMatchInHardwareOnSTEv1Devices() throws {
        // ConnectX-6 Dx and later parse ICMP natively; ConnectX-5 needs a firmware flex parser
        // profile that is not the default.
        for name in ["connectx-6dx", "connectx-7", "bluefield-2", "bluefield-3"] {
            let profile = try CompilerFixtures.profile(name)
            #expect(profile.supports(key: .icmpType, on: .vfRepresentor).isSupported, "\(name)")
            #expect(profile.supports(key: .icmpCode, on: .uplink).isSupported, "\(name)")
        }
        let cx5 = try CompilerFixtures.profile("connectx-5")
        #expect(cx5.supports(key: .icmpType, on: .vfRepresentor).reason == "ConnectX-5: match key icmp_type on representor not supported")
        let plan = try PlacementFixtures.plan(try CompilerFixtures.profile("connectx-6dx"))
        #expect(plan.at("ingress-allow@uplink:web-1-eth0 web/ingress IPv4 icmp type 8 10.0.0.0/8#0") == Placement(location: .hardware))
        #expect(plan.at("ingress-allow@port web-2-eth0:web-1-eth0 web/ingress IPv4 icmp type 8 10.0.0.0/8#0") == Placement(location: .hardware))
    }

    @Test func aGotoIntoASoftwareRuleTrapsInstead() throws {
        // Without conntrack offload, stateful delivery filters need the slow path: the forwarding
        // rules leading to them trap, and the filters' own hardware-capable rules are unreachable.
        var profile = try PlacementFixtures.capable()
        profile.matchKeys.removeAll { $0.key == .ctState }
        let plan = try PlacementFixtures.plan(profile)
        let l2 = try #require(plan.at("l2-local@port web-2-eth0:52:54:00:10:00:01"))
        #expect(l2.location == .split)
        #expect(l2.reason?.hasPrefix("leads to ingress-allow@port web-2-eth0:web-1-eth0 ") == true, "\(l2)")
        #expect(l2.reason?.hasSuffix("which runs in software: traps to the slow path instead of goto chain 3") == true)
        #expect(plan.at("ingress-allow@port web-2-eth0:web-1-eth0 established")?.reason == "ConnectX-6 Dx: match key ct_state on representor not supported")
        #expect(plan.at("ingress-drop@port web-2-eth0:web-1-eth0 *")?.reason?.hasPrefix("not reached in hardware") == true)
        // The rest of web-2's pipeline stays in hardware.
        #expect(plan.at("l2-remote@port web-2-eth0:52:54:00:10:00:63")?.location == .hardware)
        #expect(plan.at("egress-drop@port web-2-eth0:*")?.location == .hardware)
        // A delivery filter without conntrack (tools-eth0 has no group) is still reached.
        #expect(plan.at("ingress-drop@port web-2-eth0:tools-eth0 *")?.location == .hardware)
    }

    @Test func unorderedPrioritiesSendOverlappingAllowAndDropToSoftware() throws {
        var profile = try PlacementFixtures.capable()
        profile.chains.prioritiesHonored = false
        let plan = try PlacementFixtures.plan(profile)
        let drop = try #require(plan.at("anti-spoof-drop@port web-1-eth0:*"))
        #expect(drop.location == .software)
        #expect(drop.reason == "ConnectX-6 Dx: rule priorities not honored, and this rule overlaps port-admit@port web-1-eth0:52:54:00:10:00:01 (priority 10, this one 100)")
        #expect(plan.at("port-admit@port web-1-eth0:52:54:00:10:00:01")?.location == .software)
        // The whole ingress pipeline of the port falls back; nothing of it is left in hardware.
        #expect(plan.rules.filter { $0.rule.ingress == .port("web-1-eth0") }.allSatisfy { $0.placement.location == .software })
        // Rules that overlap nothing of another priority stay: decap by VNI and MAC.
        #expect(plan.at("decap@uplink:1001 52:54:00:10:00:01")?.location != .software)
    }

    @Test func tooManyActionsForTheNICMakeASplit() throws {
        var profile = try PlacementFixtures.capable()
        profile.maxActionsPerRule = 2
        let plan = try PlacementFixtures.plan(profile)
        #expect(plan.at("route@port web-1-eth0:10.20.0.11 via fa:16:3e:00:00:01")
            == Placement(location: .split, reason: "ConnectX-6 Dx: 5 actions in one rule (at most 2) not supported"))
        #expect(plan.at("l2-remote@port web-1-eth0:52:54:00:10:00:63")?.location == .hardware)
    }

    @Test func exactOnlyNICsCannotMatchPrefixes() throws {
        var profile = try PlacementFixtures.capable()
        profile.prefixMatch = false
        let plan = try PlacementFixtures.plan(profile)
        let icmp = try #require(plan.at("ingress-allow@uplink:web-1-eth0 web/ingress IPv4 icmp type 8 10.0.0.0/8#0"))
        #expect(icmp == Placement(location: .software, reason: "ConnectX-6 Dx: prefix match on src_ip not supported (exact addresses only)"))
    }

    @Test func theSoftwareProfileOffloadsNothing() throws {
        let plan = try PlacementFixtures.plan(try CompilerFixtures.profile("software"))
        #expect(plan.rules.allSatisfy { $0.placement == Placement(location: .software, reason: "profile software offloads nothing (software-only)") })
        #expect(plan.coverage.share == 0)
        #expect(plan.capacity == 0)
    }

    @Test(arguments: ["connectx-5", "connectx-6dx", "connectx-7", "bluefield-2", "bluefield-3", "e810", "software"])
    func coverageAddsUpAndPipelinesAreEnteredFromHardware(_ name: String) throws {
        let state = try PlacementFixtures.gatewayHere()
        let plan = try PlacementFixtures.plan(try CompilerFixtures.profile(name), state)
        #expect(plan.rules.map(\.rule) == Compiler().compile(state))
        #expect(plan.coverage.total == plan.rules.count)
        let portTotal = plan.portCoverage.values.reduce(0) { $0 + $1.total }
        #expect(portTotal + plan.rules(ownedBy: nil).count == plan.rules.count)
        #expect(plan.coverage.share == Double(plan.coverage.hardware + plan.coverage.split) / Double(plan.rules.count))
        // Every rule not plainly in hardware says why.
        #expect(plan.rules.allSatisfy { $0.placement.location == .hardware || !($0.placement.reason ?? "").isEmpty })
        // A later chain of an ingress is in hardware only if chain 0 of it hands frames on in hardware.
        for ingress in Set(plan.rules.map(\.rule.ingress)) {
            let rules = plan.rules.filter { $0.rule.ingress == ingress }
            if rules.contains(where: { $0.rule.chain > 0 && $0.placement.location.usesHardware }) {
                #expect(rules.contains { $0.rule.chain == 0 && $0.placement.location == .hardware && $0.rule.actions.contains { if case .gotoChain = $0 { true } else { false } } })
            }
        }
        // Same input, same plan.
        #expect(try PlacementFixtures.plan(try CompilerFixtures.profile(name), state) == plan)
    }
}
