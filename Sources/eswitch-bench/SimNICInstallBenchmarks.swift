import CMalloc
import EswitchConfig
import EswitchModel
import Foundation
import Netlink
import Platform
import SimNIC

/// Flower rule installation into the emulated NIC through the whole boundary (issue target:
/// >= 600,000 rules/s on one core, the published ConnectX-7 hardware-steering insertion rate):
/// each typed request is encoded by the project's codec, handed as bytes to `SimNetlinkTransport`,
/// answered by `SimNICEndpoint` (decode, the emulated kernel's checks and the profile's offload
/// decision, the ACK encoded) and the ACK decoded, one request at a time, as the agent installs.
///
/// Figures: the install rate (best round of a 100,000-rule batch into a fresh host), the batch's
/// total time, the emulator's heap per installed rule, and the anchors of the same run: encoding
/// the same requests alone (the codec's share of the work) and, when this runs as root with
/// iproute2, `tc -batch` inserting u32 filters into a real network namespace's kernel.
enum SimNICInstallBenchmarks {
    static let target = 600_000.0
    static let batch = 100_000

    static func run(_ harness: inout BenchmarkHarness) {
        let names = ["SimNIC install", "anchor: encode", "anchor: tc -batch"]
        if let only = harness.only, !names.contains(where: { $0.contains(only) || only.contains($0) }) { return }
        guard let profile = loadProfile() else { return }
        let count = max(1_000, Int(Double(batch) * harness.scale))
        let setup = InstallSetup(profile: profile)
        let requests = setup.requests(count)

        // The install rate: a fresh host per round (the table must not fill up across rounds).
        var best = Stopwatch.Elapsed(wall: .infinity, cpu: .infinity)
        for _ in 0..<harness.rounds {
            let (transport, endpoint) = setup.freshTransport()
            let watch = Stopwatch()
            for request in requests {
                do {
                    try transport.request(request)
                } catch {
                    fatalError("install refused: \(error)")
                }
            }
            best = best.min(watch.elapsed())
            guard endpoint.host.hardwareRuleCount == count else { fatalError("\(endpoint.host.hardwareRuleCount) of \(count) rules in hardware") }
        }
        harness.record(.init(name: "SimNIC install flower via transport, CPU time", unit: "rules/s", value: Double(count) / best.cpu, target: target, better: "higher"))
        harness.record(.init(name: "SimNIC install flower via transport, wall-clock", unit: "rules/s", value: Double(count) / best.wall, target: target, better: "higher"))
        harness.record(.init(name: "SimNIC install: batch of \(count) rules, wall-clock", unit: "ms", value: best.wall * 1000, target: nil, better: "lower"))
        memory(&harness, setup: setup, requests: requests)

        // Anchor: the codec alone on the same requests.
        var writer = NetlinkWriter(capacity: 4096)
        var encodeBest = Double.infinity
        var sink = 0
        for _ in 0..<harness.rounds {
            let watch = Stopwatch()
            for request in requests {
                writer.reset()
                request.encode(into: &writer)
                sink &+= writer.count
            }
            encodeBest = min(encodeBest, watch.elapsed().cpu)
        }
        if sink == 42 { print("", terminator: "") }
        let encodeRate = Double(count) / encodeBest
        harness.record(.init(name: "anchor: encode the same flower requests, CPU time", unit: "rules/s", value: encodeRate, target: nil, better: "higher"))
        let installRate = Double(count) / best.cpu
        print("  ratio install / encode alone: \(String(format: "%.2f", installRate / encodeRate)) (the rest of the boundary costs \(String(format: "%.1f", encodeRate / installRate - 1))x an encode)")

        if let kernel = KernelBatchAnchor.measure(rules: min(count, 10_000)) {
            harness.record(.init(name: "anchor: tc -batch u32 into a netns kernel, wall-clock", unit: "rules/s", value: kernel, target: nil, better: "higher"))
            print("  ratio SimNIC install / kernel u32 insertion: \(String(format: "%.1f", (Double(count) / best.wall) / kernel))x")
        }
    }

    /// Heap bytes per installed rule: glibc's in-use heap before and after filling a fresh host
    /// with the batch (the requests exist before and after, so they are not counted).
    static func memory(_ harness: inout BenchmarkHarness, setup: InstallSetup, requests: [NetlinkMessage]) {
        malloc_trim(0)
        let before = CompilerBenchmarks.heapInUse()
        let (transport, endpoint) = setup.freshTransport()
        for request in requests { _ = try? transport.request(request) }
        malloc_trim(0)
        let after = CompilerBenchmarks.heapInUse()
        harness.record(.init(name: "SimNIC install: emulator heap per installed rule", unit: "bytes", value: Double(after - before) / Double(requests.count), target: nil, better: "lower"))
        withExtendedLifetime((transport, endpoint)) {}
    }

    static func loadProfile() -> HardwareProfile? {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("HardwareProfiles/connectx-7.yaml").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8), let profile = try? HardwareProfile(text: text) else {
            print("SimNIC install: profile not found at \(path), skipped")
            return nil
        }
        return profile
    }
}

/// The host and the requests of the install benchmark: a ConnectX-7 in switchdev mode with two VFs
/// and a VXLAN device; every rule is the typical overlay egress rule (L2+L3 keys, tunnel_key set
/// and mirred to the VXLAN device) on VF 0's representor, with its own destination address and,
/// as the TC backend gives them, its own stable handle.
struct InstallSetup {
    let profile: HardwareProfile
    let host: EmulatedHost
    let representor: IfIndex
    let vxlan: IfIndex

    init(profile: HardwareProfile) {
        var host = EmulatedHost(profile: profile, configuration: EmulatedHostConfiguration(physicalFunctions: 1, initialVFs: 2, eswitchMode: .switchdev))
        do {
            vxlan = try host.createLink(name: "vxlan0", info: LinkInfo([.kind("vxlan"), .data(.vxlan([.collectMetadata(true), .port(4789)]))]))
            representor = host.link(named: "pf0vf0")!.ifindex
            try host.addQdisc("ingress", on: representor)
        } catch {
            fatalError("install benchmark host: \(error)")
        }
        self.profile = profile
        self.host = host
    }

    func freshTransport() -> (SimNetlinkTransport, SimNICEndpoint) {
        let endpoint = SimNICEndpoint(host: host)
        return (SimNetlinkTransport(endpoint: endpoint, protocol: .route), endpoint)
    }

    func requests(_ count: Int) -> [NetlinkMessage] {
        let values = CodecBenchmarks.TypicalValues()
        return (0..<count).map { i in
            var match = FlowerMatch()
            match.dstMAC = .exact(values.dstMAC)
            match.srcMAC = .exact(values.srcMAC)
            match.ipProto = .udp
            match.srcIP = .exact(values.srcIP)
            match.dstIP = .exact(.v4(IPv4Address(rawValue: 0x0A00_0000 | UInt32(i))))
            let actions = [
                TCAction(order: 1, .tunnelKey(.set(keyID: 5001, source: values.vtepA, destination: values.vtepB, destinationPort: 4789))),
                TCAction(order: 2, .mirred(.redirect(.egress, to: vxlan))),
            ]
            let filter = try! FilterMessage.flower(ifindex: representor, priority: 2, protocol: .ipv4, handle: UInt32(i + 1), match: match, actions: actions, flags: [.skipSoftware])
            return NetlinkMessage.addFilter(filter)
        }
    }
}
