import EswitchModel
import Netlink
import Platform
@testable import SimNIC
import Testing

/// Filling one priority with many filters stays linear (no per-insert walk or copy of the table),
/// and the rates are reported: through SimNetlinkTransport (encode, endpoint, decode), through the
/// endpoint from bytes, and into the host from typed messages.
@Suite("install rate")
struct InstallRateTests {
    static let count = 10_000

    func freshEndpoint() throws -> (SimNICEndpoint, IfIndex, IfIndex) {
        let endpoint = SimNICEndpoint(host: EmulatedHost(profile: Profiles.connectX6Dx, configuration: EmulatedHostConfiguration(
            physicalFunctions: 1, initialVFs: 2, eswitchMode: .switchdev)))
        let rep = endpoint.host.link(named: "pf0vf0")!.ifindex
        let target = endpoint.host.link(named: "pf0vf1")!.ifindex
        try endpoint.withHost { host throws(SimNICError) in try host.addQdisc("ingress", on: rep) }
        return (endpoint, rep, target)
    }

    func requests(rep: IfIndex, target: IfIndex) throws -> [NetlinkMessage] {
        try (0..<Self.count).map { i in
            .addFilter(try FilterMessage.flower(
                ifindex: rep, priority: 1, protocol: .ipv4,
                match: FlowerMatch(dstMAC: Masked(MACAddress(integer: 0x0200_0000_0000 | UInt64(i))), ipProto: .udp),
                actions: [TCAction(order: 1, .mirred(.redirect(to: target)))], flags: .skipSoftware))
        }
    }

    func rate(_ body: () throws -> Void) rethrows -> Int {
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        return Int(Double(Self.count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
    }

    @Test("10,000 skip_sw flower rules in one priority, three ways")
    func installRate() throws {
        let (endpoint, rep, target) = try freshEndpoint()
        let messages = try requests(rep: rep, target: target)
        let transport = SimNetlinkTransport(endpoint: endpoint, protocol: .route)
        let viaTransport = try rate { for m in messages { try transport.request(m) } }
        #expect(endpoint.host.hardwareRuleCount == Self.count)
        #expect(endpoint.host.filter(SimFilterID(ifindex: rep, priority: 1, handle: UInt32(Self.count)))?.inHardware == true)

        let (bytesEndpoint, _, _) = try freshEndpoint()
        let encoded = messages.map { $0.encoded() }
        let viaBytes = rate { for b in encoded { _ = bytesEndpoint.handle(b, protocol: .route) } }
        #expect(bytesEndpoint.host.hardwareRuleCount == Self.count)

        var host = try freshEndpoint().0.host
        let filters = messages.compactMap { m -> FilterMessage? in if case .filter(let f) = m.body { f } else { nil } }
        let direct = try rate { for f in filters { _ = try host.addFilter(f) } }
        #expect(host.hardwareRuleCount == Self.count)
        print("SimNIC install rate (flower rules/s): transport \(viaTransport), endpoint bytes \(viaBytes), host typed \(direct)")
    }
}
