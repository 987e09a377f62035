import EswitchConfig
import EswitchModel
import Foundation
import Netlink
import Packet
import SimNIC

/// In-process forwarding of 64-byte frames through one hardware rule of the emulated NIC
/// (parse, classify, count, redirect), frames per second on one core.
enum SimNICForwardingBenchmarks {
    static func run(_ harness: inout BenchmarkHarness) {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("HardwareProfiles/connectx-6dx.yaml").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8), let profile = try? HardwareProfile(text: text) else {
            print("SimNIC forwarding: profile not found at \(path), skipped")
            return
        }
        var host = EmulatedHost(profile: profile, configuration: EmulatedHostConfiguration(physicalFunctions: 1, initialVFs: 2, eswitchMode: .switchdev))
        guard let rep0 = host.link(named: "pf0vf0")?.ifindex, let rep1 = host.link(named: "pf0vf1")?.ifindex else { return }
        let dst: UInt64 = 0x0200_0000_0011
        do {
            try host.addQdisc("ingress", on: rep0)
            _ = try host.addFilter(try FilterMessage.flower(
                ifindex: rep0, priority: 1, protocol: .ipv4, match: FlowerMatch(dstMAC: Masked(MACAddress(integer: dst))),
                actions: [TCAction(order: 1, .mirred(.redirect(to: rep1)))], flags: .skipSoftware))
        } catch {
            print("SimNIC forwarding: rule install failed: \(error), skipped")
            return
        }
        var plane = SimNICDataPlane(host: host)
        // 64 bytes on the wire = 60 bytes without the FCS.
        let frame = FrameBuilder.ipv4(dstMAC: dst, srcMAC: 0x0200_0000_0010, src: 0x0A00_0010, dst: 0x0A00_0011, proto: 17, payload: 18)
        harness.throughput("SimNIC forward 64-byte frame (1 hw rule, mirred to VF)", iterations: 1_000_000) {
            if case .deliveredToVF = plane.receive(frame, from: .virtualFunction(pf: 0, vf: 0), host: &host) { return 1 }
            return 0
        }
        harness.throughput("Packet parse 64-byte UDP frame into FlowKey", iterations: 5_000_000) {
            frame.withUnsafeBytes { FlowKey.parse($0, vxlanPort: 4789)?.dstPort == 2000 ? 1 : 0 }
        }
    }
}
