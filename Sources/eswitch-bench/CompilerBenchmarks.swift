import CMalloc
import EswitchCompiler
import EswitchModel
import Foundation

/// Compiler figures on `BenchmarkWorld` (issue targets: full compile >= 1,000,000 rules/s on one
/// core, a one-port change -> its delta in < 1 ms, validation included, <= 512 bytes per compiled
/// rule).
///
/// Times are given twice: wall-clock, and the CPU time of the benchmark's thread
/// (`CLOCK_THREAD_CPUTIME_ID`), which leaves out the time the thread waited for a core. This
/// machine is shared: when it is loaded, the wall-clock figures measure the load as much as the
/// compiler, and the CPU-time figures are the ones that speak of the code.
enum CompilerBenchmarks {
    /// The start of every figure's name here.
    static let families = ["compile: ", "incremental: ", "delta: ", "validate: "]

    /// Whether `--only TEXT` selects these figures (they share one world, so they run together).
    static func isSelected(by only: String?) -> Bool {
        guard let only else { return true }
        return families.contains { $0.contains(only) || only.hasPrefix($0) }
    }

    static func run(_ harness: inout BenchmarkHarness, changes: Int) {
        var start = Stopwatch()
        let intent = BenchmarkWorld.state()
        let built = start.elapsed()
        start = Stopwatch()
        let world: ValidatedNetworkState
        do {
            world = try intent.validated()
        } catch {
            fatalError("benchmark world is invalid: \(error)")
        }
        let validation = start.elapsed()
        print("world: \(intent.ports.count) ports (\(world.localPorts.count) local), \(intent.networks.count) networks of \(BenchmarkWorld.portsPerNetwork), "
            + "\(intent.remoteEndpoints.count) remote endpoints, \(intent.routers.count) routers, \(BenchmarkWorld.nodeCount) nodes; "
            + "built in \(format(built.wall)) ms, validated in \(format(validation.wall)) ms")

        // Full compile: the best round.
        var best = Stopwatch.Elapsed(wall: .infinity, cpu: .infinity)
        var count = 0
        for _ in 0..<harness.rounds {
            let watch = Stopwatch()
            let rules = Compiler().compile(world)
            best = best.min(watch.elapsed())
            count = rules.count
        }
        harness.record(.init(name: "compile: full (\(count) rules), CPU time", unit: "rules/s", value: Double(count) / best.cpu, target: 1_000_000, better: "higher"))
        harness.record(.init(name: "compile: full, wall-clock", unit: "rules/s", value: Double(count) / best.wall, target: 1_000_000, better: "higher"))

        memory(&harness, world)
        if changes > 0 { delta(&harness, world, changes: changes) }
    }

    /// Bytes of heap per rule while the compiled rules are held: glibc's in-use heap (arena chunks
    /// plus mmapped blocks, `mallinfo2`) before compiling and after, with the compiler's
    /// temporaries freed. The figure counts everything a rule owns: its inline value in the array
    /// (with the array's spare capacity), its action list and any string it allocated. Memory it
    /// shares with the intent (port ids) is not counted: the intent is held anyway. The same for
    /// the rules an `IncrementalCompiler` holds (one list per port).
    static func memory(_ harness: inout BenchmarkHarness, _ world: ValidatedNetworkState) {
        malloc_trim(0)
        let before = heapInUse(), rssBefore = residentBytes()
        let rules = Compiler().compile(world)
        malloc_trim(0)
        let after = heapInUse(), rssAfter = residentBytes()
        harness.record(.init(name: "compile: heap per rule (mallinfo2)", unit: "bytes", value: Double(after - before) / Double(rules.count), target: 512, better: "lower"))
        harness.record(.init(name: "compile: RSS growth per rule (cross-check)", unit: "bytes", value: Double(rssAfter - rssBefore) / Double(rules.count), target: nil, better: "lower"))
        print("  (a Rule value is \(MemoryLayout<Rule>.stride) bytes inline: FlowMatch \(MemoryLayout<FlowMatch>.stride), RuleID \(MemoryLayout<RuleID>.stride); the rest is its actions and spare capacity)")
        withExtendedLifetime(rules) {}

        malloc_trim(0)
        let beforeIncremental = heapInUse()
        let incremental = IncrementalCompiler(world)
        malloc_trim(0)
        let afterIncremental = heapInUse()
        harness.record(.init(name: "incremental: heap per held rule (mallinfo2)", unit: "bytes", value: Double(afterIncremental - beforeIncremental) / Double(incremental.ruleCount), target: 512, better: "lower"))
        withExtendedLifetime(incremental) {}
    }

    /// The typical changes, each made and then undone through `IncrementalCompiler.apply(_:)`:
    /// from the change as a control plane sends it to its rule delta, the change checked against
    /// the held intent's tables, made in place, and the reached pipelines recompiled and diffed.
    /// The anchor is the previous way: validating the whole changed intent, timed on the same
    /// changes.
    static func delta(_ harness: inout BenchmarkHarness, _ world: ValidatedNetworkState, changes: Int) {
        var incremental = IncrementalCompiler(world)
        var rng = SplitMix64(state: 0x5eed)
        let kinds = DeltaKind.allCases
        var times: [DeltaKind: [Double]] = [:], walls: [DeltaKind: [Double]] = [:]
        var editChecks: [Double] = [], wholeValidations: [Double] = []
        var ruleOperations = 0, samples = 0
        // Warm-up: the first edit copies the intent the benchmark still shares with the compiler.
        let (warm, undo) = DeltaKind.securityGroupRuleChanged.change(network: 1, sample: 1, in: world)
        _ = try? incremental.apply(warm)
        _ = try? incremental.apply(undo)
        for sample in 0..<changes {
            let kind = kinds[sample % kinds.count]
            let network = Int.random(in: 0..<BenchmarkWorld.networkCount, using: &rng)
            let (change, undo) = kind.change(network: network, sample: sample, in: incremental.state)
            for step in [change, undo] {
                if sample % 10 == 0 {
                    // The anchor, now and then (it takes ~100x longer): the whole changed intent validated.
                    let document = try! step.applied(to: incremental.state.state)
                    let watch = Stopwatch()
                    let problems = document.validate()
                    wholeValidations.append(watch.elapsed().cpu)
                    precondition(problems.isEmpty, "change '\(kind)' made the world invalid: \(problems)")
                }
                let edit = try! step.edit(of: incremental.state)
                var watch = Stopwatch()
                let problems = incremental.state.problems(after: edit)
                editChecks.append(watch.elapsed().cpu)
                precondition(problems.isEmpty, "change '\(kind)' made the world invalid: \(problems)")
                watch = Stopwatch()
                let delta: RuleDelta
                do {
                    delta = try incremental.apply(step)
                } catch {
                    fatalError("change '\(kind)' refused: \(error)")
                }
                let elapsed = watch.elapsed()
                times[kind, default: []].append(elapsed.cpu)
                walls[kind, default: []].append(elapsed.wall)
                ruleOperations += delta.count
                samples += 1
            }
        }
        func median(_ list: [Double]) -> Double { list.sorted()[list.count / 2] }
        func p99(_ list: [Double]) -> Double { let s = list.sorted(); return s[min(s.count - 1, s.count * 99 / 100)] }
        for kind in kinds {
            guard let cpu = times[kind], let wall = walls[kind] else { continue }
            harness.record(.init(name: "delta: \(kind.rawValue), median CPU", unit: "ms", value: median(cpu) * 1000, target: 1, better: "lower"))
            harness.record(.init(name: "delta: \(kind.rawValue), p99 CPU", unit: "ms", value: p99(cpu) * 1000, target: 1, better: "lower"))
            print("    (\(kind.rawValue): wall-clock median \(format(median(wall))) ms, p99 \(format(p99(wall))) ms, \(cpu.count) changes)")
        }
        let all = times.values.flatMap { $0 }
        harness.record(.init(name: "delta: every change, p99 CPU", unit: "ms", value: p99(all) * 1000, target: 1, better: "lower"))
        harness.record(.init(name: "validate: change against tables, median", unit: "ms", value: median(editChecks) * 1000, target: nil, better: "lower"))
        harness.record(.init(name: "validate: change against tables, p99", unit: "ms", value: p99(editChecks) * 1000, target: nil, better: "lower"))
        harness.record(.init(name: "validate: anchor, whole changed intent, median", unit: "ms", value: median(wholeValidations) * 1000, target: nil, better: "lower"))
        print("  (\(samples) changes, each made then undone, validated and compiled: \(kinds.map(\.rawValue).joined(separator: ", ")); "
            + "on average \(ruleOperations / max(1, samples)) rule operations; checking a change against the tables takes "
            + "\(String(format: "%.0f", median(wholeValidations) / max(median(editChecks), 1e-9)))x less than validating the whole intent)")
        if incremental.rules != Compiler().compile(world) { fatalError("incremental rules differ from a full compile after the changes") }
    }

    /// In-use heap bytes: arena chunks plus mmapped blocks.
    static func heapInUse() -> Int {
        let info = mallinfo2()
        return Int(info.uordblks + info.hblkhd)
    }

    /// Resident set size, from /proc/self/statm (pages).
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
    }

    static func format(_ seconds: Double) -> String { String(format: seconds < 0.01 ? "%.2f" : "%.1f", seconds * 1000) }
}

/// Wall-clock and thread CPU time since creation.
struct Stopwatch {
    struct Elapsed {
        var wall: Double
        var cpu: Double
        func min(_ other: Elapsed) -> Elapsed { Elapsed(wall: Swift.min(wall, other.wall), cpu: Swift.min(cpu, other.cpu)) }
    }

    private let wall = Stopwatch.now(CLOCK_MONOTONIC)
    private let cpu = Stopwatch.now(CLOCK_THREAD_CPUTIME_ID)

    func elapsed() -> Elapsed {
        Elapsed(wall: Stopwatch.now(CLOCK_MONOTONIC) - wall, cpu: Stopwatch.now(CLOCK_THREAD_CPUTIME_ID) - cpu)
    }

    static func now(_ clock: clockid_t) -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): a reproducible choice of changes.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
