import Datapath
import EswitchCompiler
import EswitchModel
import Packet
import Testing

/// Frames whose whole path the plan places in hardware reach software only when the NIC lacks
/// the rules: they are forwarded, and the rules are requested from the agent, within limits.
@Suite struct DatapathUpcallTests {
    typealias F = DatapathFixtures

    /// web-2 (vDPA, VLAN 100) to the remote endpoint on TCP 443: admission, egress rule, L2 to
    /// the VTEP, all in hardware on the ConnectX-6 Dx.
    static func offloadedFrame() -> [UInt8] {
        F.tagged(FrameBuilder.tcp(dstMAC: F.remoteMAC, srcMAC: F.web2MAC, src: F.web2IP, dst: F.remoteIP, srcPort: 40000, dstPort: 443, flags: 0x10), vlan: F.web2VLAN)
    }

    static let offloadedPath = ["port-admit@port web-2-eth0:52:54:00:10:00:02", "egress-allow@port web-2-eth0:web/egress IPv4 tcp 80-443#7", "l2-remote@port web-2-eth0:52:54:00:10:00:63"]

    @Test("A frame of an all-hardware path is forwarded and its rules are requested once per rule interval")
    func installRequests() throws {
        let state = try F.example()
        let dp = try F.datapath(state)
        let plan = try F.plan(state)
        for id in Self.offloadedPath { #expect(plan.rules.first { $0.rule.id.description == id }?.placement.location == .hardware, "\(id) placed in hardware") }
        let frame = Self.offloadedFrame()
        #expect(dp.send(frame, from: dp.from("web-2-eth0"), at: 0).count == 1)
        #expect(dp.takeInstallRequests().map(\.description) == Self.offloadedPath)
        // A flood of the same miss: forwarded every time, no new request within the rule's interval.
        for _ in 0..<100 { #expect(dp.send(frame, from: dp.from("web-2-eth0"), at: 0.1).count == 1) }
        #expect(dp.takeInstallRequests().isEmpty)
        #expect(dp.counters.upcalls == 3 && dp.counters.suppressedUpcalls == 300)
        let admit = try #require(plan.rules.first { $0.rule.id.description == Self.offloadedPath[0] }?.rule.id)
        #expect(dp.counters(of: admit)?.packets == 101 && dp.counters(of: admit)?.upcalls == 1 && dp.counters(of: admit)?.suppressedUpcalls == 100)
        // After the interval (2 per second), asked again.
        #expect(dp.send(frame, from: dp.from("web-2-eth0"), at: 0.6).count == 1)
        #expect(dp.takeInstallRequests().count == 3)
    }

    @Test("Frames the plan sends to software (traps, split rules, software ports) ask for nothing")
    func noRequestsForSoftwarePaths() throws {
        let dp = try F.datapath(F.example())
        _ = dp.send(FrameBuilder.arpRequest(srcMAC: F.web1MAC, sender: F.web1IP, target: F.remoteIP), from: dp.from("web-1-eth0"))
        _ = dp.send(FrameBuilder.ipv4(dstMAC: F.db1MAC, srcMAC: F.toolsMAC, src: F.toolsIP, dst: F.db1IP), from: dp.from("tools-eth0"))
        #expect(dp.takeInstallRequests().isEmpty && dp.counters.upcalls == 0)
    }

    @Test("The overall limit caps requests across rules, and the pending queue is bounded")
    func overallLimit() throws {
        var configuration = DatapathConfiguration()
        configuration.upcalls = UpcallPolicy(perRuleRate: 100, perRuleBurst: 1, overallRate: 1, overallBurst: 2, maximumPending: 100)
        let dp = try F.datapath(F.example(), configuration: configuration)
        _ = dp.send(Self.offloadedFrame(), from: dp.from("web-2-eth0"), at: 0)
        #expect(dp.takeInstallRequests().count == 2 && dp.counters.suppressedUpcalls == 1)
        // One second later one more token.
        _ = dp.send(Self.offloadedFrame(), from: dp.from("web-2-eth0"), at: 1)
        #expect(dp.takeInstallRequests().count == 1)

        configuration.upcalls = UpcallPolicy(perRuleRate: 100, perRuleBurst: 1, overallRate: 1000, overallBurst: 1000, maximumPending: 4)
        let bounded = try F.datapath(F.example(), configuration: configuration)
        _ = bounded.send(Self.offloadedFrame(), from: bounded.from("web-2-eth0"), at: 0)
        _ = bounded.send(Self.offloadedFrame(), from: bounded.from("web-2-eth0"), at: 1)
        #expect(bounded.takeInstallRequests().count == 4, "the agent did not take them: the queue stops at 4")
    }

    @Test("A new plan that moves rules to software stops the requests for them")
    func placementUpdates() throws {
        let state = try F.example()
        let dp = try F.datapath(state)
        let lowCapacity = PlacementPlanner(profile: try F.profile(), options: PlacementOptions(ruleCapacity: 0)).plan(state)
        dp.updatePlacements(from: lowCapacity)
        _ = dp.send(Self.offloadedFrame(), from: dp.from("web-2-eth0"), at: 0)
        #expect(dp.takeInstallRequests().isEmpty)
        let admit = try #require(lowCapacity.rules.first { $0.rule.id.description == Self.offloadedPath[0] }?.rule.id)
        #expect(dp.placement(of: admit) == .software)
    }
}
