import Datapath
import EswitchModel
import Foundation

/// Software datapath figures: classifier lookups per second on one core (tuple space search, the
/// exact-match cache off) for 1K and 100K rules in 4 and 16 subtables, against `dpdk-test-acl` on
/// the identical rule sets and traces (measured by Tools/bench/dpdk_acl_anchor.sh in the same run
/// and passed as `--acl-anchor`); and the whole pipeline's packets per second for 64-byte frames.
///
/// Issue target: >= 10M lookups/s with 16 subtables and 100K rules.
enum DatapathBenchmarks {
    /// The start of every figure's name here.
    static let family = "datapath: "

    /// The rule sets: (rules, subtables), each with its anchor name.
    static let classifierSets: [(rules: Int, subtables: Int)] = [(1_000, 4), (1_000, 16), (100_000, 4), (100_000, 16)]
    /// Trace length (the same for `dpdk-test-acl`).
    static let traceCount = 1 << 18

    static func anchorName(rules: Int, subtables: Int) -> String { "dpdk-acl-\(rules / 1000)k-s\(subtables)" }

    static func ruleSet(rules: Int, subtables: Int) -> DatapathACLRuleSet {
        DatapathACLRuleSet(name: anchorName(rules: rules, subtables: subtables), rules: rules, subtables: subtables, traceCount: traceCount,
                           seed: UInt64(rules) &* 31 &+ UInt64(subtables))
    }

    /// Writes every rule set and trace as `NAME.rules` / `NAME.trace` into `directory` (for the anchor script).
    static func exportRuleSets(to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for set in classifierSets {
            let rules = ruleSet(rules: set.rules, subtables: set.subtables)
            try rules.ruleFile.write(toFile: "\(directory)/\(rules.name).rules", atomically: true, encoding: .utf8)
            try rules.traceFile.write(toFile: "\(directory)/\(rules.name).trace", atomically: true, encoding: .utf8)
        }
    }

    static func run(_ harness: inout BenchmarkHarness, anchors: [String: Double]) {
        for set in classifierSets {
            let name = "\(family)classifier \(set.rules / 1000)K rules, \(set.subtables) subtables"
            if let only = harness.only, !name.contains(only) { continue }
            let rules = ruleSet(rules: set.rules, subtables: set.subtables)
            let target: Double? = set.rules == 100_000 && set.subtables == 16 ? 10_000_000 : nil
            classifier(&harness, name: name, set: rules, merging: true, target: target, anchor: anchors[anchorName(rules: set.rules, subtables: set.subtables)])
            if target != nil {
                // The same without tuple merging: one subtable per mask (plain tuple space search).
                classifier(&harness, name: name + ", no merging", set: rules, merging: false, target: nil, anchor: nil)
            }
        }
        DatapathPipelineBenchmarks.run(&harness)
    }

    /// Lookups of the trace in batches of 64 (as `dpdk-test-acl` classifies bursts), best round.
    static func classifier(_ harness: inout BenchmarkHarness, name: String, set: DatapathACLRuleSet, merging: Bool, target: Double?, anchor: Double?) {
        let watch = Stopwatch()
        let classifier = set.classifier(merging: merging)
        let build = watch.elapsed()
        var words = [UInt64](repeating: 0, count: set.trace.count * ClassifierKey.wordCount)
        for (i, packet) in set.trace.enumerated() {
            let key = DatapathACLRuleSet.key(packet)
            for w in 0..<ClassifierKey.wordCount { words[i * ClassifierKey.wordCount + w] = key[w] }
        }
        var results = [ClassifierRuleHandle](repeating: .none, count: set.trace.count)
        let batch = 64
        func pass() {
            words.withUnsafeBufferPointer { keys in
                results.withUnsafeMutableBufferPointer { out in
                    var i = 0
                    while i < set.trace.count {
                        let n = min(batch, set.trace.count - i)
                        classifier.lookup(batch: keys.baseAddress! + i * ClassifierKey.wordCount, count: n, results: out.baseAddress! + i)
                        i += n
                    }
                }
            }
        }
        pass()
        // The answers must be those of a linear scan (first matching rule wins), on a sample.
        let matches = set.rules.map(set.match)
        var wrong = 0
        for i in stride(from: 0, to: set.trace.count, by: max(1, set.trace.count / 300)) {
            let key = DatapathACLRuleSet.key(set.trace[i])
            let expected = matches.firstIndex { $0.matches(key) }.map(ClassifierRuleHandle.init) ?? .none
            if results[i] != expected { wrong += 1 }
        }
        let hits = results.count { $0 != .none }
        print("\(name): \(set.shapeCount) masks in \(classifier.subtableCount) subtables, built in \(String(format: "%.1f", build.wall * 1000)) ms, "
            + "\(hits * 100 / max(1, results.count))% of the trace hits\(wrong > 0 ? ", \(wrong) WRONG ANSWERS against a linear scan" : "")")
        let passes = max(1, Int(Double(4_000_000 / set.trace.count) * harness.scale))
        var best = Stopwatch.Elapsed(wall: .infinity, cpu: .infinity)
        for _ in 0..<harness.rounds {
            let round = Stopwatch()
            for _ in 0..<passes { pass() }
            best = best.min(round.elapsed())
        }
        let lookups = Double(passes * set.trace.count)
        harness.record(.init(name: name + " (CPU time)", unit: "lookup/s", value: lookups / best.cpu, target: target, better: "higher"))
        harness.record(.init(name: name + " (wall-clock)", unit: "lookup/s", value: lookups / best.wall, target: target, better: "higher"))
        if let anchor {
            print("  ratio to dpdk-test-acl on the same rules and trace (\(BenchmarkHarness.format(anchor)) lookup/s): "
                + String(format: "%.2fx (wall-clock)", lookups / best.wall / anchor))
        }
    }
}
