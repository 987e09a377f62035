import Datapath
import EswitchModel

/// Random rules and keys over a few small value domains (so that rules overlap often and keys
/// hit several rules), with priorities that tie, for comparing the classifier with a linear scan.
struct ClassifierScenario: Sendable, CustomStringConvertible {
    struct TestRule: Sendable {
        var match: ClassifierMatch
        var precedence: RulePrecedence
    }

    enum Step: Sendable {
        case insert(TestRule)
        case remove(Int)
    }

    var rules: [TestRule]
    var keys: [ClassifierKey]
    /// Changes after the initial insert: new rules, removals by index into the rules held.
    var steps: [Step]

    var description: String { "\(rules.count) rules, \(keys.count) keys, \(steps.count) steps" }

    static func random<R: RandomNumberGenerator>(using rng: inout R) -> ClassifierScenario {
        var tiebreaks = Set<UInt64>()
        func rule() -> TestRule {
            var flow = FlowMatch()
            let bases: [UInt32] = [0x0A00_0000, 0x0A00_0100, 0x0A01_0000, 0xC0A8_0000]
            func address() -> UInt32 { bases.randomElement(using: &rng)! | UInt32.random(in: 0...3, using: &rng) }
            let lengths = [0, 8, 16, 24, 30, 32]
            if Bool.random(using: &rng) { flow.ipv4Source = .prefix(IPv4Address(rawValue: address()), length: lengths.randomElement(using: &rng)!) }
            if Bool.random(using: &rng) { flow.ipv4Destination = .prefix(IPv4Address(rawValue: address()), length: lengths.randomElement(using: &rng)!) }
            switch Int.random(in: 0...3, using: &rng) {
            case 0: flow.destinationPort = .exact(UInt16.random(in: 20...23, using: &rng))
            case 1: flow.destinationPort = MaskedField(UInt16.random(in: 20...23, using: &rng) & 0xFFFE, mask: 0xFFFE)
            default: break
            }
            if Int.random(in: 0...3, using: &rng) == 0 { flow.sourcePort = .exact(UInt16.random(in: 1000...1001, using: &rng)) }
            if Bool.random(using: &rng) { flow.ipProtocol = Bool.random(using: &rng) ? 6 : 17 }
            if Int.random(in: 0...2, using: &rng) == 0 { flow.ethDestination = .exact(MACAddress(integer: UInt64.random(in: 1...3, using: &rng))) }
            if Int.random(in: 0...4, using: &rng) == 0 {
                flow.ethDestination = MaskedField(MACAddress(integer: 0x0100_0000_0000), mask: MACAddress(integer: 0x0100_0000_0000))
            }
            if Int.random(in: 0...4, using: &rng) == 0 { flow.connectionState = [.established, .new, .untracked].randomElement(using: &rng)! }
            if Int.random(in: 0...5, using: &rng) == 0 {
                flow.ipv6Destination = .prefix(IPv6Address(high: 0x2001_0DB8_0000_0000 | UInt64.random(in: 0...1, using: &rng), low: UInt64.random(in: 0...1, using: &rng)),
                                               length: [48, 64, 128].randomElement(using: &rng)!)
            }
            var tiebreak: UInt64
            repeat { tiebreak = UInt64.random(in: 0...0xFFFF_FFFF_FFFF, using: &rng) } while !tiebreaks.insert(tiebreak).inserted
            let ingress = UInt32.random(in: 0...1, using: &rng), chain = UInt32.random(in: 0...1, using: &rng)
            // swiftlint:disable:next force_try
            let match = try! ClassifierMatch(flow, ingress: ingress, chain: chain)
            return TestRule(match: match, precedence: RulePrecedence(priority: UInt16.random(in: 0...4, using: &rng), tiebreak: tiebreak))
        }
        let rules = (0..<Int.random(in: 1...80, using: &rng)).map { _ in rule() }
        func key() -> ClassifierKey {
            var key: ClassifierKey
            if Bool.random(using: &rng), let source = rules.randomElement(using: &rng) {
                // A rule's value with its wildcard bits filled from the same small domains.
                key = source.match.value
                let noise = [0x0A00_0000, 0x0A00_0103, 0xC0A8_0002, 0x0A01_0001].randomElement(using: &rng)! as UInt32
                let other = UInt64(noise) << 32 | UInt64([0x0A00_0001, 0xC0A8_0003].randomElement(using: &rng)! as UInt32)
                for w in 0..<ClassifierKey.wordCount {
                    let filler: UInt64
                    switch w {
                    case KeyWord.ipv4: filler = other
                    case KeyWord.transport: filler = UInt64(UInt16.random(in: 1000...1001, using: &rng)) << 48 | UInt64(UInt16.random(in: 20...23, using: &rng)) << 32
                    case KeyWord.meta: filler = UInt64([0, 1, 3, 5].randomElement(using: &rng)!) << 8 | [6, 17].randomElement(using: &rng)!
                    case KeyWord.ethernetDestination: filler = [0x0800 << 48 | 1, 0x0800 << 48 | 0x0100_0000_0002, 3].randomElement(using: &rng)!
                    default: filler = UInt64.random(in: 0...1, using: &rng)
                    }
                    key[w] |= filler & ~source.match.mask[w]
                }
            } else {
                key = ClassifierKey()
                key[KeyWord.meta] = KeyWord.meta(ingress: UInt32.random(in: 0...1, using: &rng), chain: UInt16.random(in: 0...1, using: &rng),
                                                 connectionState: [0, 3, 5].randomElement(using: &rng)!, ipProtocol: [6, 17].randomElement(using: &rng)!)
                key[KeyWord.ethernetDestination] = UInt64.random(in: 1...3, using: &rng) | (Bool.random(using: &rng) ? 0x0100_0000_0000 : 0)
                key[KeyWord.ipv4] = UInt64(0x0A00_0000 | UInt32.random(in: 0...3, using: &rng)) << 32 | UInt64(0x0A00_0100 | UInt32.random(in: 0...3, using: &rng))
                key[KeyWord.transport] = UInt64(UInt16.random(in: 1000...1001, using: &rng)) << 48 | UInt64(UInt16.random(in: 20...23, using: &rng)) << 32
            }
            return key
        }
        let keys = (0..<60).map { _ in key() }
        var steps: [Step] = []
        var held = rules.count
        for _ in 0..<Int.random(in: 0...30, using: &rng) {
            if held > 0, Bool.random(using: &rng) {
                steps.append(.remove(Int.random(in: 0..<held, using: &rng)))
                held -= 1
            } else {
                steps.append(.insert(rule()))
                held += 1
            }
        }
        return ClassifierScenario(rules: rules, keys: keys, steps: steps)
    }
}

/// The reference: every rule checked in turn, the lowest precedence wins.
func linearScan(_ rules: [(handle: ClassifierRuleHandle, rule: ClassifierScenario.TestRule)], _ key: ClassifierKey,
                after bound: RulePrecedence? = nil) -> ClassifierRuleHandle {
    var best: (RulePrecedence, ClassifierRuleHandle)?
    for (handle, rule) in rules where rule.match.matches(key) {
        if let bound, rule.precedence <= bound { continue }
        if best == nil || rule.precedence < best!.0 { best = (rule.precedence, handle) }
    }
    return best?.1 ?? .none
}
