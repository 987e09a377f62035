import Datapath
import EswitchCompiler
import EswitchConfig
import EswitchModel
import Foundation
import Packet

/// The slow path's whole pipeline on 64-byte frames of the example intent (examples/two-node.yaml,
/// compiled and placed for the ConnectX-6 Dx), the exact-match cache on: parse, classify each
/// chain, act, write the output. Batches of 32 frames over 1,024 flows.
enum DatapathPipelineBenchmarks {
    static func run(_ harness: inout BenchmarkHarness) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        guard let text = try? String(contentsOf: root.appendingPathComponent("examples/two-node.yaml"), encoding: .utf8),
              let state = try? NetworkState.fromYAML(text).validated(),
              let profileText = try? String(contentsOf: root.appendingPathComponent("HardwareProfiles/connectx-6dx.yaml"), encoding: .utf8),
              let profile = try? HardwareProfile(text: profileText) else {
            print("datapath pipeline: example intent or profile not found under \(root.path), skipped")
            return
        }
        let plan = PlacementPlanner(profile: profile).plan(state)
        let tunnels = TunnelFacts(underlayMAC: MACAddress(integer: 0x0200_0000_AA01), nextHops: [IPv4Address(192, 0, 2, 12): MACAddress(integer: 0x0200_0000_BB02)],
                                  externalNextHop: MACAddress(integer: 0x0200_0000_EE01))
        guard let datapath = try? SoftwareDatapath(plan: plan, state: state, tunnels: tunnels),
              let tools = datapath.handle(of: "tools-eth0"), let web1 = datapath.handle(of: "web-1-eth0") else {
            print("datapath pipeline: the example's datapath could not be built, skipped")
            return
        }
        // tools -> db-1 on compute-b: admission, egress, L2 with VXLAN encapsulation.
        let encap = (0..<1024).map { i in
            FrameBuilder.ipv4(dstMAC: 0x5254_0020_0001, srcMAC: 0x5254_0020_0003, src: 0x0A14_000D, dst: 0x0A14_000B, proto: 17,
                              srcPort: UInt16(10_000 + i), dstPort: 5001, payload: 18)
        }
        measure(&harness, "\(DatapathBenchmarks.family)pipeline 64-byte UDP, VXLAN encap", datapath, frames: encap, ingress: .port(tools), expect: 1)
        // web-1 -> web-2: admission, stateful egress (conntrack commit), L2, stateful delivery, VLAN push.
        let stateful = (0..<1024).map { i in
            FrameBuilder.ipv4(dstMAC: 0x5254_0010_0002, srcMAC: 0x5254_0010_0001, src: 0x0A0A_000B, dst: 0x0A0A_000C, proto: 6,
                              srcPort: UInt16(10_000 + i), dstPort: 443, payload: 0)
        }
        measure(&harness, "\(DatapathBenchmarks.family)pipeline 64-byte TCP, conntrack both sides", datapath, frames: stateful, ingress: .port(web1), expect: 1)
    }

    static func measure(_ harness: inout BenchmarkHarness, _ name: String, _ datapath: SoftwareDatapath, frames: [[UInt8]], ingress: DatapathIngress, expect: Int) {
        if let only = harness.only, !name.contains(only) { return }
        let length = frames[0].count
        let bytes = frames.flatMap { $0 }
        let batchSize = 32
        bytes.withUnsafeBytes { raw in
            let inputs = (0..<frames.count).map { i in
                DatapathInput(bytes: UnsafeRawBufferPointer(rebasing: raw[(i * length)..<((i + 1) * length)]), ingress: ingress)
            }
            let batches = stride(from: 0, to: inputs.count, by: batchSize).map { Array(inputs[$0..<min($0 + batchSize, inputs.count)]) }
            var clock = DatapathInstant.zero
            func pass() -> Int {
                var sent = 0
                for batch in batches {
                    clock = clock.advanced(by: 1_000)
                    datapath.process(batch, now: clock)
                    sent += datapath.outputs.count
                }
                return sent
            }
            let warm = pass()
            if warm != frames.count * expect {
                print("\(name): \(warm) frames out of \(frames.count) in (expected \(frames.count * expect)); drops \(datapath.counters.totalDrops)")
            }
            let passes = max(1, Int(Double(500) * harness.scale))
            var best = Stopwatch.Elapsed(wall: .infinity, cpu: .infinity)
            for _ in 0..<harness.rounds {
                let watch = Stopwatch()
                for _ in 0..<passes { _ = pass() }
                best = best.min(watch.elapsed())
            }
            let packets = Double(passes * frames.count)
            harness.record(.init(name: name + " (CPU time)", unit: "pkt/s", value: packets / best.cpu, target: nil, better: "higher"))
            harness.record(.init(name: name + " (wall-clock)", unit: "pkt/s", value: packets / best.wall, target: nil, better: "higher"))
        }
        let c = datapath.counters
        print("  cache hits \(c.cacheHits * 100 / max(1, c.lookups))% of \(c.lookups) lookups, \(datapath.subtableCount) subtables, \(datapath.ruleCount) rules")
    }
}
