import EswitchConfig
import EswitchModel
import Foundation
import Netlink
import Platform
import PlatformLinux
import SimNIC

/// Frames per second through the emulated NIC with kernel-backed ports between two VM namespaces,
/// next to the Linux bridge on the same veth topology, both measured in this run with the
/// forwarding anchors' own scripts (../shared/bench-anchors: `lib.sh` builds the topology
/// anc_vm1 -- anc_node -- anc_vm2 and the sender, `measure.py` sends 64-byte UDP from anc_vm1 with
/// the AF_PACKET sendmmsg sender pinned to CPU 0 and counts what anc_vm2's veth receives,
/// `run_kbridge.sh norps` measures the bridge).
///
/// The emulator runs in this process: VF 0 is backed by vm1p, VF 1 by vm2p (anc_node's ends of the
/// VMs' veths), the representors are TAP devices in anc_node, and one hardware rule installed with
/// the netlink codec (`flower dst_mac 02:00:00:00:02:02 action mirred egress redirect dev pf0vf1`)
/// forwards the flow. Its runner thread runs on the second core at nice -10 while the sender has
/// the first, so the anchors are the bridge forwarding in the sender's softirq on one core
/// (`run_kbridge.sh norps`) and on the second core through a pinned threaded-NAPI poller
/// (`run_kbridge.sh napi`); the emulator's CPU share is reported too.
enum SimNICKernelForwardingBenchmarks {
    static let families = ["SimNIC kernel forwarding"]

    static func isSelected(by only: String?) -> Bool {
        guard let only else { return true }
        return families.contains { $0.contains(only) || only.contains($0) }
    }

    /// One measure.py result.
    struct Measurement: Decodable {
        let delivered_pps: Double
        let sender_pps: Double
        let fwd_proc_cpu: [String: Double]?

        enum CodingKeys: String, CodingKey {
            case delivered_pps, sender_pps
            case fwd_proc_cpu = "fwd_proc_cpu%"
        }
    }

    static func run(_ harness: inout BenchmarkHarness, anchors: String, runs: Int) {
        guard getuid() == 0 else { print("SimNIC kernel forwarding: needs root (network namespaces), skipped"); return }
        let scripts = ["lib.sh", "measure.py", "run_kbridge.sh", "afp_send.c"]
        guard scripts.allSatisfy({ FileManager.default.fileExists(atPath: anchors + "/" + $0) }) else {
            print("SimNIC kernel forwarding: anchor scripts not found in \(anchors) (--anchors DIR), skipped")
            return
        }
        let emulator: [Measurement]
        do {
            emulator = try measureEmulator(anchors: anchors, runs: runs)
        } catch {
            print("SimNIC kernel forwarding: \(error)")
            _ = try? shell("P=\(anchors); . $P/lib.sh; teardown")
            return
        }
        let bridge = (try? shell("bash \(anchors)/run_kbridge.sh norps")).map(measurements) ?? []
        let bridgeSecondCore = (try? shell("bash \(anchors)/run_kbridge.sh napi")).map(measurements) ?? []
        guard !emulator.isEmpty else { print("SimNIC kernel forwarding: no measurement"); return }
        let delivered = median(emulator.map(\.delivered_pps))
        let offered = median(emulator.map(\.sender_pps))
        let cpu = median(emulator.compactMap { $0.fwd_proc_cpu?.values.first })
        harness.record(.init(name: "SimNIC kernel ports, 64B UDP VM->VM, 1 hw rule", unit: "frames/s", value: delivered, target: nil, better: "higher"))
        harness.record(.init(name: "  offered by the sender", unit: "frames/s", value: offered, target: nil, better: "higher"))
        harness.record(.init(name: "  emulator process CPU", unit: "%", value: cpu, target: nil, better: "lower"))
        guard !bridge.isEmpty else { print("SimNIC kernel forwarding: the Linux bridge anchor did not run"); return }
        let anchor = median(bridge.map(\.delivered_pps))
        harness.record(.init(name: "anchor: Linux bridge, one core (same topology)", unit: "frames/s", value: anchor, target: nil, better: "higher"))
        harness.record(.init(name: "  offered by the sender", unit: "frames/s", value: median(bridge.map(\.sender_pps)), target: nil, better: "higher"))
        print("  ratio SimNIC kernel ports / Linux bridge one core: \(String(format: "%.2f", delivered / anchor))x")
        guard !bridgeSecondCore.isEmpty else { return }
        let second = median(bridgeSecondCore.map(\.delivered_pps))
        harness.record(.init(name: "anchor: Linux bridge, second core (threaded NAPI)", unit: "frames/s", value: second, target: nil, better: "higher"))
        harness.record(.init(name: "  offered by the sender", unit: "frames/s", value: median(bridgeSecondCore.map(\.sender_pps)), target: nil, better: "higher"))
        print("  ratio SimNIC kernel ports / Linux bridge second core: \(String(format: "%.2f", delivered / second))x")
    }

    /// Sets up the anchors' topology, runs the emulator on it and measures `runs` times.
    static func measureEmulator(anchors: String, runs: Int) throws -> [Measurement] {
        _ = try shell("P=\(anchors); . $P/lib.sh; teardown; topo_single")
        defer { _ = try? shell("P=\(anchors); . $P/lib.sh; teardown") }
        let profilePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("HardwareProfiles/connectx-6dx.yaml").path
        let profile = try HardwareProfile(text: try String(contentsOfFile: profilePath, encoding: .utf8))
        let host = EmulatedHost(profile: profile, configuration: EmulatedHostConfiguration(physicalFunctions: 1, initialVFs: 2, eswitchMode: .switchdev),
                                clock: SystemSimNICClock())
        let endpoint = SimNICEndpoint(host: host)
        let route = SimNetlinkTransport(endpoint: endpoint, protocol: .route)
        guard let rep0 = host.link(named: "pf0vf0")?.ifindex, let rep1 = host.link(named: "pf0vf1")?.ifindex else {
            throw SimCommandFailure("the emulated host has no pf0vf0/pf0vf1")
        }
        try route.request(NetlinkMessage.addQdisc(.ingress(ifindex: rep0)))
        try route.request(NetlinkMessage.addFilter(try FilterMessage.flower(
            ifindex: rep0, priority: 1, protocol: .ipv4, match: FlowerMatch(dstMAC: Masked(MACAddress(0x02, 0, 0, 0, 0x02, 0x02))),
            actions: [TCAction(order: 1, .mirred(.redirect(to: rep1)))], flags: .skipSoftware)))
        let node = NetworkNamespacePath.named("anc_node")
        var backing = SimNICPortBacking.standard(for: host, node: node, wires: false)
        backing.ports[.virtualFunction(pf: 0, vf: 0)] = PacketDevice(name: InterfaceName("vm1p"), namespace: node)
        backing.ports[.virtualFunction(pf: 0, vf: 1)] = PacketDevice(name: InterfaceName("vm2p"), namespace: node)
        let runner = try SimNICDataPlaneRunner(endpoint: endpoint, backing: backing, factory: LinuxPacketPortFactory())
        // The forwarding thread runs at nice -10 on CPU 1 (the sender has CPU 0), as a forwarder's
        // thread is set up on a node; the bridge forwards in softirq context, ahead of every
        // thread, and on this shared machine a thread at nice 0 gets only its fair share next to
        // other people's builds.
        let pinned = DispatchSemaphore(value: 0)
        runner.start {
            setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, -10)  // the calling thread on Linux
            pinCallingThread(cpu: 1)
            pinned.signal()
        }
        pinned.wait()
        defer { runner.stop() }
        var results: [Measurement] = []
        for run in 1...max(1, runs) {
            let output = try shell("cd \(anchors) && python3 measure.py simnic-kernel-run\(run) \(getpid())")
            results += measurements(output)
        }
        let statistics = runner.statistics
        let hardware = endpoint.host.allFilters.filter(\.inHardware).map { $0.actions.first?.hardwarePackets ?? 0 }.reduce(0, +)
        let vf0 = statistics.devices["vf pf0/0"] ?? PacketPortStatistics(), vf1 = statistics.devices["vf pf0/1"] ?? PacketPortStatistics()
        print("  emulator: \(statistics.deliveredToVF) frames delivered to VF 1, \(hardware) counted by the hardware rule, "
              + "\(statistics.toRepresentor) to representors; VF 0 ring drops \(vf0.receiveDrops), VF 1 send failures \(vf1.sendFailures)")
        return results
    }

    /// Pins the calling thread to `cpu` (when there is more than one), as the anchors pin the
    /// bridge's threaded NAPI poller in `napi` mode (`taskset -p -c 1 TID`).
    static func pinCallingThread(cpu: Int) {
        guard sysconf(Int32(_SC_NPROCESSORS_ONLN)) > cpu,
              let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self"),
              let tid = path.split(separator: "/").last else { return }
        do {
            _ = try shell("taskset -p -c \(cpu) \(tid)")
        } catch {
            print("  forwarding thread not pinned: \(error)")
        }
    }

    static func measurements(_ output: String) -> [Measurement] {
        output.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("{") else { return nil }
            return try? JSONDecoder().decode(Measurement.self, from: Data(line.utf8))
        }
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// Runs a bash script; its standard output, or an error with its standard error.
    static func shell(_ script: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problem = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SimCommandFailure("`\(script)` exited \(process.terminationStatus): \(String(decoding: problem, as: UTF8.self).suffix(400))")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A failed step of a kernel benchmark.
struct SimCommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
