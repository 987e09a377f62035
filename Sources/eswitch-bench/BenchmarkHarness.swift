import Foundation

/// Times a closure over many iterations and reports the best of several rounds, since the
/// machine is shared and noisy: the best round is the least disturbed one.
struct BenchmarkHarness {
    /// One measured figure.
    struct Result: Codable {
        let name: String
        let unit: String
        let value: Double
        let target: Double?
        /// "higher" or "lower": which direction meets the target.
        let better: String
        var meetsTarget: Bool? {
            guard let target else { return nil }
            return better == "higher" ? value >= target : value <= target
        }
    }

    var rounds = 5
    /// When set, figures whose name does not contain it are skipped.
    var only: String?
    /// Multiplies every iteration count (a small value keeps callgrind runs short).
    var scale = 1.0
    var results: [Result] = []

    /// Runs `body` `iterations` times per round and records operations per second.
    /// `body` returns a value folded into a sink so the optimiser cannot drop the work.
    mutating func throughput(_ name: String, iterations: Int, target: Double? = nil, _ body: () -> Int) {
        if let only, !name.contains(only) { return }
        let iterations = max(1, Int(Double(iterations) * scale))
        var best = 0.0
        var sink = 0
        for _ in 0..<rounds {
            let clock = ContinuousClock()
            let start = clock.now
            for _ in 0..<iterations { sink &+= body() }
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            best = max(best, Double(iterations) / seconds)
        }
        if sink == 42 { print("", terminator: "") }  // keeps `sink` alive
        record(Result(name: name, unit: "ops/s", value: best, target: target, better: "higher"))
    }

    /// Records an externally measured figure (e.g. an anchor measured by a script in this run).
    mutating func record(_ result: Result) {
        results.append(result)
        let verdict = result.meetsTarget.map { $0 ? "meets" : "BELOW" } ?? ""
        let target = result.target.map { "target \(Self.format($0)) \(result.unit)" } ?? ""
        print("\(result.name.padding(toLength: 48, withPad: " ", startingAt: 0)) \(Self.format(result.value).leftPadded(12)) \(result.unit.padding(toLength: 8, withPad: " ", startingAt: 0)) \(target) \(verdict)")
    }

    static func format(_ value: Double) -> String {
        switch value {
        case 1e6...: return String(format: "%.2fM", value / 1e6)
        case 1e3...: return String(format: "%.1fK", value / 1e3)
        default: return String(format: "%.2f", value)
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
