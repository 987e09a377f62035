import ArgumentParser
import Foundation

/// `eswitch-bench`: the project's micro-benchmarks (release build: `make bench`).
@main
struct EswitchBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eswitch-bench",
        abstract: "eswitch micro-benchmarks: netlink codec throughput and intent compiler figures against the issue targets, and anchors measured in the same run.",
        discussion: "Prints one line per figure: value, unit, target and whether it is met. Best of several rounds (the machine is noisy)."
    )

    @Option(help: "Rounds per figure (best round is reported).")
    var rounds = 5

    @Option(help: "Only run the figures whose name contains this text (for profiling one codec path).")
    var only: String?

    @Option(help: "Multiply every iteration count by this (e.g. 0.01 under valgrind).")
    var scale = 1.0

    @Option(help: "One-port changes measured by the compiler benchmark (each applied, then reverted).")
    var changes = 300

    @Option(help: "Write the figures as JSON to this file as well.")
    var json: String?

    @Option(help: "An anchor figure measured by a script in the same run, NAME=OPS_PER_SECOND (repeatable).")
    var anchor: [String] = []

    @Option(help: "The forwarding anchors' scripts (lib.sh, measure.py, run_kbridge.sh); default ../shared/bench-anchors beside the package.")
    var anchors: String?

    @Option(help: "Measurements (13 s each) of the SimNIC kernel forwarding figure and of its Linux bridge anchor.")
    var forwardingRuns = 3

    @Option(help: "A dpdk-test-acl figure for the classifier figures, NAME=LOOKUPS_PER_SECOND (repeatable; Tools/bench/dpdk_acl_anchor.sh prints them).")
    var aclAnchor: [String] = []

    @Option(help: "Write the classifier benchmark's rule sets and traces for dpdk-test-acl into this directory, and exit.")
    var aclExport: String?

    func run() throws {
        if let aclExport { return try DatapathBenchmarks.exportRuleSets(to: aclExport) }
        let encodeAnchors = try Self.anchors(anchor), aclAnchors = try Self.anchors(aclAnchor)
        var harness = BenchmarkHarness(rounds: rounds, only: only, scale: scale)
        CodecBenchmarks.run(&harness)
        SimNICForwardingBenchmarks.run(&harness)
        SimNICInstallBenchmarks.run(&harness)
        if CompilerBenchmarks.isSelected(by: only) { CompilerBenchmarks.run(&harness, changes: changes) }
        if PacketIOBenchmarks.isSelected(by: only) { PacketIOBenchmarks.run(&harness, seconds: 1.0 * scale) }
        if SimNICKernelForwardingBenchmarks.isSelected(by: only) {
            let directory = anchors ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/bench-anchors").path
            SimNICKernelForwardingBenchmarks.run(&harness, anchors: directory, runs: forwardingRuns)
        }
        DatapathBenchmarks.run(&harness, anchors: Dictionary(aclAnchors, uniquingKeysWith: { $1 }))
        for (name, value) in encodeAnchors {
            harness.record(.init(name: "anchor: " + name, unit: "ops/s", value: value, target: nil, better: "higher"))
            // The codec figures as multiples of the anchor measured in this run.
            for result in harness.results where result.name.hasPrefix("encode flower") || result.name.hasPrefix("build+encode flower") {
                print("  ratio \(result.name) / \(name): \(String(format: "%.0f", result.value / value))x")
            }
        }
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(harness.results).write(to: URL(fileURLWithPath: json))
        }
    }

    /// `NAME=VALUE` anchor arguments, in order.
    static func anchors(_ entries: [String]) throws -> [(String, Double)] {
        var out: [(String, Double)] = []
        for entry in entries {
            let parts = entry.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let value = Double(parts[1]), value > 0 else { throw ValidationError("anchor wants NAME=VALUE, got '\(entry)'") }
            out.append((String(parts[0]), value))
        }
        return out
    }
}
