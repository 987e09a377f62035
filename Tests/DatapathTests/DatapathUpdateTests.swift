import Datapath
import EswitchCompiler
import EswitchModel
import Packet
import Testing

/// Rule deltas from the incremental compiler applied to a running datapath.
@Suite struct DatapathUpdateTests {
    typealias F = DatapathFixtures

    static let web3MAC: UInt64 = 0x5254_0010_0004

    static func addWeb3(_ state: inout NetworkState) {
        state.ports.append(Port(id: "web-3-eth0", vm: "web-3", network: "web", node: "compute-a", mac: MACAddress(integer: web3MAC),
                                fixedIPs: [FixedIP(subnet: "web-v4", ip: IPAddress("10.10.0.13")!)], binding: .vf, securityGroups: ["web"]))
    }

    @Test("A port added, then removed, through rule deltas: its traffic starts and stops, nothing stale is cached")
    func portComesAndGoes() throws {
        let before = try F.example()
        let after = try F.example(Self.addWeb3)
        var compiler = IncrementalCompiler(before)
        let dp = try F.datapath(before)
        let toWeb3 = FrameBuilder.ipv4(dstMAC: Self.web3MAC, srcMAC: F.web1MAC, src: F.web1IP, dst: 0x0A0A_000D, proto: 6, srcPort: 40000, dstPort: 443)
        // Unknown yet: flooded (web-2 and compute-b).
        let flooded = dp.send(toWeb3, from: dp.from("web-1-eth0"))
        #expect(flooded.count == 2 && dp.handle(of: "web-3-eth0") == nil)

        let added = compiler.update(to: after)
        #expect(!added.added.isEmpty)
        dp.update(state: after)
        try dp.apply(added, plan: F.plan(after))
        #expect(dp.ruleCount == Compiler().compile(after).count)
        let delivered = dp.send(toWeb3, from: dp.from("web-1-eth0"), at: 1)
        #expect(delivered.map(\.egress) == [dp.to("web-3-eth0")] && delivered.first?.frame == toWeb3)

        let removed = compiler.update(to: before)
        #expect(!removed.removed.isEmpty)
        dp.update(state: before)
        try dp.apply(removed, plan: F.plan(before))
        #expect(dp.ruleCount == Compiler().compile(before).count)
        #expect(dp.send(toWeb3, from: dp.from("web-1-eth0"), at: 2).count == 2)
    }

    @Test("A changed rule (new QoS rate) replaces the old one in place")
    func changedRule() throws {
        let before = try F.example()
        let after = try F.example { $0.qosPolicies = [QoSPolicy(id: "gold", rateBps: 8_000, burstBytes: 120)] }
        var compiler = IncrementalCompiler(before)
        let dp = try F.datapath(before)
        let delta = compiler.update(to: after)
        #expect(delta.changed.count == 1 && delta.added.isEmpty && delta.removed.isEmpty)
        try dp.apply(delta, plan: F.plan(after))
        let request = FrameBuilder.arpRequest(srcMAC: F.web1MAC, sender: F.web1IP, target: F.web2IP)
        let answered = (0..<4).map { _ in !dp.send(request, from: dp.from("web-1-eth0")).isEmpty }
        #expect(answered == [true, true, false, false])
    }

    @Test("A delta with a rule the datapath cannot classify is refused whole")
    func refusedDelta() throws {
        let state = try F.example()
        let dp = try F.datapath(state)
        let count = dp.ruleCount
        var bad = Compiler().compile(state)[0]
        bad.id = RuleID(kind: .flood, ingress: .uplink, subject: "test")
        bad.actions = [.gotoChain(70_000)]
        var good = bad
        good.id = RuleID(kind: .flood, ingress: .uplink, subject: "test-2")
        good.actions = [.drop]
        #expect(throws: DatapathError.self) { try dp.apply(RuleDelta(added: [good, bad]), plan: nil) }
        #expect(dp.ruleCount == count && dp.placement(of: good.id) == nil)
    }

    @Test("With the exact-match cache off, the pipeline answers the same")
    func cacheOff() throws {
        var configuration = DatapathConfiguration()
        configuration.exactMatchCache = false
        let plain = try F.datapath(F.example(), configuration: configuration)
        let cached = try F.datapath(F.example())
        let frames: [([UInt8], String)] = [
            (FrameBuilder.ipv4(dstMAC: F.web2MAC, srcMAC: F.web1MAC, src: F.web1IP, dst: F.web2IP, proto: 6, srcPort: 40000, dstPort: 443), "web-1-eth0"),
            (FrameBuilder.ipv4(dstMAC: F.gatewayMAC, srcMAC: F.toolsMAC, src: F.toolsIP, dst: F.web2IP, proto: 6, srcPort: 1, dstPort: 443), "tools-eth0"),
            (FrameBuilder.arpRequest(srcMAC: F.web1MAC, sender: F.web1IP, target: F.remoteIP), "web-1-eth0"),
        ]
        for _ in 0..<3 {
            for (frame, port) in frames {
                let a = plain.send(frame, from: plain.from(port)), b = cached.send(frame, from: cached.from(port))
                #expect(a.map(\.frame) == b.map(\.frame))
            }
        }
        #expect(cached.counters.cacheHits > 0 && plain.counters.cacheHits == 0)
    }
}
