import Datapath
import EswitchModel
import Packet
import Testing

/// The port's QoS policer (TC police: rate in bits/s, burst in bytes) on the caller's clock.
@Suite struct DatapathPolicingTests {
    typealias F = DatapathFixtures

    @Test("web-1 limited to 8000 bit/s with a 200-byte burst: three 60-byte frames pass, the fourth is policed; 100 ms later two more pass")
    func policer() throws {
        let state = try F.example { $0.qosPolicies = [QoSPolicy(id: "gold", rateBps: 8_000, burstBytes: 200)] }
        let dp = try F.datapath(state)
        let request = FrameBuilder.arpRequest(srcMAC: F.web1MAC, sender: F.web1IP, target: F.web2IP)
        func answered(at seconds: Double) -> Bool { !dp.send(request, from: dp.from("web-1-eth0"), at: seconds).isEmpty }
        #expect([answered(at: 0), answered(at: 0), answered(at: 0), answered(at: 0)] == [true, true, true, false])
        #expect(dp.counters.dropped(.policed) == 1)
        // 100 ms at 1000 bytes/s refill 100 bytes: with the 20 left, two frames.
        #expect([answered(at: 0.1), answered(at: 0.1), answered(at: 0.1)] == [true, true, false])
        #expect(dp.counters.dropped(.policed) == 2)
        // Another port has its own bucket (no policy): never policed.
        let other = FrameBuilder.arpRequest(srcMAC: F.toolsMAC, sender: F.toolsIP, target: 0x0A14_0001)
        for _ in 0..<10 { #expect(!dp.send(other, from: dp.from("tools-eth0"), at: 0.1).isEmpty) }
    }
}
