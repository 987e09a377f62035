import EswitchModel
import Netlink
import Platform
@testable import SimNIC
import Testing

/// Filling one priority with many filters stays linear (no per-insert walk or copy of the table),
/// and the rate through the real codec and transport is reported.
@Suite("install rate")
struct InstallRateTests {
    @Test("20,000 skip_sw flower rules through SimNetlinkTransport")
    func installRate() throws {
        let endpoint = SimNICEndpoint(host: EmulatedHost(profile: Profiles.connectX6Dx, configuration: EmulatedHostConfiguration(
            physicalFunctions: 1, initialVFs: 2, eswitchMode: .switchdev)))
        let transport = SimNetlinkTransport(endpoint: endpoint, protocol: .route)
        let rep = endpoint.host.link(named: "pf0vf0")!.ifindex
        let target = endpoint.host.link(named: "pf0vf1")!.ifindex
        try transport.request(.addQdisc(.ingress(ifindex: rep)))
        let count = 20_000
        var requests: [NetlinkMessage] = []
        requests.reserveCapacity(count)
        for i in 0..<count {
            let mac = MACAddress(integer: 0x0200_0000_0000 | UInt64(i))
            requests.append(.addFilter(try FilterMessage.flower(
                ifindex: rep, priority: 1, protocol: .ipv4, match: FlowerMatch(dstMAC: Masked(mac), ipProto: .udp),
                actions: [TCAction(order: 1, .mirred(.redirect(to: target)))], flags: .skipSoftware)))
        }
        let start = ContinuousClock.now
        for request in requests { try transport.request(request) }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("SimNIC install rate: \(Int(Double(count) / seconds)) flower rules/s (debug build, transport + codec)")
        #expect(endpoint.host.hardwareRuleCount == count)
        #expect(endpoint.host.filter(SimFilterID(ifindex: rep, priority: 1, handle: UInt32(count)))?.inHardware == true)
    }
}
