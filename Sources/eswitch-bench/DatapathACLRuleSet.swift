import Datapath
import EswitchModel
import Foundation

/// IPv4 5-tuple rule sets and traces for the classifier benchmark, in the style of ClassBench and
/// of `bench-anchors/gen_acl.py` (source/destination prefixes of the lengths it uses, exact or
/// wildcard ports, TCP/UDP or any protocol; 90% of the trace derived from a random rule, 10%
/// random), but with the number of distinct masks (subtables) fixed, and port ranges limited to
/// what masks express (exact, aligned blocks, any), so that the same set can be written for
/// `dpdk-test-acl` and loaded into the tuple space classifier.
struct DatapathACLRuleSet {
    /// The shape of a rule: which bits each field matches.
    struct Shape: Hashable {
        var sourceLength: Int
        var destinationLength: Int
        /// Significant bits of each port: 0 any, 16 exact, 8 a block of 256 ports.
        var sourcePortBits: Int
        var destinationPortBits: Int
        var exactProtocol: Bool
    }

    struct Rule {
        var source: UInt32
        var sourceLength: Int
        var destination: UInt32
        var destinationLength: Int
        var sourcePort: UInt16
        var sourcePortBits: Int
        var destinationPort: UInt16
        var destinationPortBits: Int
        /// 0 when any protocol matches.
        var proto: UInt8
    }

    struct Packet {
        var source: UInt32
        var destination: UInt32
        var sourcePort: UInt16
        var destinationPort: UInt16
        var proto: UInt8
    }

    let name: String
    let rules: [Rule]
    let trace: [Packet]
    /// The number of distinct rule shapes (masks).
    let shapeCount: Int

    /// `count` rules over `subtables` shapes, and a trace of `traceCount` packets (seeded, so
    /// every run and `dpdk-test-acl` see the same sets).
    init(name: String, rules count: Int, subtables: Int, traceCount: Int, seed: UInt64) {
        self.name = name
        var rng = SplitMix64(state: seed)
        // gen_acl.py's prefix lengths; ports any/exact/block; protocol exact or any.
        var palette: [Shape] = []
        for s in [0, 8, 16, 24, 28, 32] {
            for d in [16, 24, 28, 32] {
                for sp in [0, 16] {
                    for dp in [16, 8, 0] {
                        for exact in [true, false] { palette.append(Shape(sourceLength: s, destinationLength: d, sourcePortBits: sp, destinationPortBits: dp, exactProtocol: exact)) }
                    }
                }
            }
        }
        palette.shuffle(using: &rng)
        let shapes = Array(palette.prefix(subtables))
        shapeCount = shapes.count
        func prefix(_ value: UInt32, _ length: Int) -> UInt32 { length == 0 ? 0 : value & (UInt32.max << (32 - length)) }
        func portPrefix(_ value: UInt16, _ bits: Int) -> UInt16 { bits == 0 ? 0 : value & (UInt16.max << (16 - bits)) }
        var rules: [Rule] = []
        rules.reserveCapacity(count)
        for i in 0..<count {
            // Every shape gets rules (the first ones go round-robin), the rest at random.
            let shape = i < shapes.count ? shapes[i] : shapes[Int(rng.next() % UInt64(shapes.count))]
            rules.append(Rule(source: prefix(UInt32(truncatingIfNeeded: rng.next()), shape.sourceLength), sourceLength: shape.sourceLength,
                              destination: prefix(UInt32(truncatingIfNeeded: rng.next()), shape.destinationLength), destinationLength: shape.destinationLength,
                              sourcePort: portPrefix(UInt16(truncatingIfNeeded: rng.next()), shape.sourcePortBits), sourcePortBits: shape.sourcePortBits,
                              destinationPort: portPrefix(UInt16(truncatingIfNeeded: rng.next()), shape.destinationPortBits), destinationPortBits: shape.destinationPortBits,
                              proto: shape.exactProtocol ? (rng.next() % 2 == 0 ? 6 : 17) : 0))
        }
        self.rules = rules
        var trace: [Packet] = []
        trace.reserveCapacity(traceCount)
        for _ in 0..<traceCount {
            let r = rng.next()
            let proto: UInt8 = r & 1 == 0 ? 6 : 17
            if r % 10 != 0 {
                let rule = rules[Int(rng.next() % UInt64(rules.count))]
                func fill(_ value: UInt32, _ length: Int) -> UInt32 { length == 32 ? value : value | (UInt32(truncatingIfNeeded: rng.next()) & (UInt32.max >> length)) }
                func fillPort(_ value: UInt16, _ bits: Int) -> UInt16 { bits == 16 ? value : value | (UInt16(truncatingIfNeeded: rng.next()) & (UInt16.max >> bits)) }
                trace.append(Packet(source: fill(rule.source, rule.sourceLength), destination: fill(rule.destination, rule.destinationLength),
                                    sourcePort: fillPort(rule.sourcePort, rule.sourcePortBits), destinationPort: fillPort(rule.destinationPort, rule.destinationPortBits),
                                    proto: rule.proto != 0 ? rule.proto : proto))
            } else {
                trace.append(Packet(source: UInt32(truncatingIfNeeded: rng.next()), destination: UInt32(truncatingIfNeeded: rng.next()),
                                    sourcePort: UInt16(truncatingIfNeeded: rng.next()), destinationPort: UInt16(truncatingIfNeeded: rng.next()), proto: proto))
            }
        }
        self.trace = trace
    }

    // MARK: The classifier's view

    /// The ingress number the rules are on (any constant: it is part of every mask).
    static let ingress: UInt32 = 1

    /// The rule as a compiled rule's match (IPv4 prefixes, masked ports, protocol) on chain 0.
    func match(_ rule: Rule) -> ClassifierMatch {
        var flow = FlowMatch()
        flow.ipv4Source = .prefix(IPv4Address(rawValue: rule.source), length: rule.sourceLength)
        flow.ipv4Destination = .prefix(IPv4Address(rawValue: rule.destination), length: rule.destinationLength)
        if rule.sourcePortBits > 0 { flow.sourcePort = MaskedField(rule.sourcePort, mask: UInt16.max << (16 - rule.sourcePortBits)) }
        if rule.destinationPortBits > 0 { flow.destinationPort = MaskedField(rule.destinationPort, mask: UInt16.max << (16 - rule.destinationPortBits)) }
        if rule.proto != 0 { flow.ipProtocol = rule.proto }
        // swiftlint:disable:next force_try
        return try! ClassifierMatch(flow, ingress: Self.ingress, chain: 0)
    }

    /// The classifier key of a trace packet.
    static func key(_ packet: Packet) -> ClassifierKey {
        var key = ClassifierKey()
        key[KeyWord.meta] = KeyWord.meta(ingress: ingress, chain: 0, connectionState: 0, ipProtocol: packet.proto)
        key[KeyWord.ethernetDestination] = 0x0800 << 48
        key[KeyWord.ipv4] = UInt64(packet.source) << 32 | UInt64(packet.destination)
        key[KeyWord.transport] = UInt64(packet.sourcePort) << 48 | UInt64(packet.destinationPort) << 32
        return key
    }

    /// A classifier holding the rules; rule i has precedence i (the first rule of the file wins,
    /// as in `dpdk-test-acl`, which gives earlier rules higher priority).
    func classifier(merging: Bool = true) -> TupleSpaceClassifier {
        let classifier = TupleSpaceClassifier(merging: merging)
        for (i, rule) in rules.enumerated() {
            classifier.insert(match(rule), precedence: RulePrecedence(rawValue: UInt64(i)), handle: ClassifierRuleHandle(i))
        }
        return classifier
    }

    // MARK: dpdk-test-acl's view

    private static func dotted(_ a: UInt32) -> String { "\(a >> 24).\(a >> 16 & 255).\(a >> 8 & 255).\(a & 255)" }

    private static func range(_ value: UInt16, _ bits: Int) -> String {
        let high = bits == 0 ? UInt16.max : value | (UInt16.max >> bits)
        return "\(value) : \(high)"
    }

    /// The rules in `dpdk-test-acl`'s text format (`@src/len dst/len sp_lo : sp_hi dp_lo : dp_hi proto/mask`).
    var ruleFile: String {
        var out = ""
        out.reserveCapacity(rules.count * 64)
        for r in rules {
            out += "@\(Self.dotted(r.source))/\(r.sourceLength) \(Self.dotted(r.destination))/\(r.destinationLength) "
            out += "\(Self.range(r.sourcePort, r.sourcePortBits)) \(Self.range(r.destinationPort, r.destinationPortBits)) "
            out += r.proto == 0 ? "0/0x00\n" : "\(r.proto)/0xff\n"
        }
        return out
    }

    /// The trace in `dpdk-test-acl`'s format (`src dst sport dport proto`, numbers).
    var traceFile: String {
        var out = ""
        out.reserveCapacity(trace.count * 36)
        for p in trace {
            out += "0x" + String(p.source, radix: 16) + " 0x" + String(p.destination, radix: 16) + " \(p.sourcePort) \(p.destinationPort) \(p.proto)\n"
        }
        return out
    }
}
