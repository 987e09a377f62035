import Datapath
import PropertyBased
import Testing

/// The tuple space classifier answers exactly what a linear scan answers, over random rules
/// (overlapping, tied priorities) and keys, after random inserts and removes, with and without
/// tuple merging, one key at a time and in batches.
@Suite struct ClassifierPropertyTests {
    static let scenarios = Generator<ClassifierScenario, Shrink.None<ClassifierScenario>>(run: { rng in ClassifierScenario.random(using: &rng) })

    @Test(arguments: [true, false])
    func agreesWithALinearScan(merging: Bool) async {
        await propertyCheck(count: 150, input: Self.scenarios) { scenario in
            let classifier = TupleSpaceClassifier(merging: merging)
            var held: [(handle: ClassifierRuleHandle, rule: ClassifierScenario.TestRule)] = []
            var nextHandle = 0
            for rule in scenario.rules {
                classifier.insert(rule.match, precedence: rule.precedence, handle: ClassifierRuleHandle(nextHandle))
                held.append((ClassifierRuleHandle(nextHandle), rule))
                nextHandle += 1
            }
            #expect(Self.check(classifier, held, scenario.keys), "after inserting \(scenario.rules.count) rules")
            for step in scenario.steps {
                switch step {
                case .insert(let rule):
                    classifier.insert(rule.match, precedence: rule.precedence, handle: ClassifierRuleHandle(nextHandle))
                    held.append((ClassifierRuleHandle(nextHandle), rule))
                    nextHandle += 1
                case .remove(let i):
                    #expect(classifier.remove(held[i].handle))
                    #expect(!classifier.contains(held[i].handle))
                    held.remove(at: i)
                }
                guard Self.check(classifier, held, scenario.keys) else {
                    Issue.record("after \(step)")
                    return
                }
            }
            #expect(classifier.count == held.count)
        }
    }

    /// The same rules inserted in another order give the same answers (and the reference is
    /// order-free), and every handle of a removed rule is gone.
    @Test func answersDoNotDependOnInsertionOrder() async {
        await propertyCheck(count: 100, input: Self.scenarios) { scenario in
            let forward = TupleSpaceClassifier(), backward = TupleSpaceClassifier()
            for (i, rule) in scenario.rules.enumerated() {
                forward.insert(rule.match, precedence: rule.precedence, handle: ClassifierRuleHandle(i))
            }
            for (i, rule) in scenario.rules.enumerated().reversed() {
                backward.insert(rule.match, precedence: rule.precedence, handle: ClassifierRuleHandle(i))
            }
            for key in scenario.keys { #expect(forward.lookup(key) == backward.lookup(key)) }
            for i in scenario.rules.indices { forward.remove(ClassifierRuleHandle(i)) }
            #expect(forward.count == 0 && forward.subtableCount == 0)
            for key in scenario.keys { #expect(forward.lookup(key) == .none) }
        }
    }

    /// Single lookups, lookups below a bound, and batch lookups all agree with the scan.
    static func check(_ classifier: TupleSpaceClassifier, _ held: [(handle: ClassifierRuleHandle, rule: ClassifierScenario.TestRule)],
                      _ keys: [ClassifierKey]) -> Bool {
        var ok = true
        var words: [UInt64] = []
        for key in keys {
            let expected = linearScan(held, key)
            let got = classifier.lookup(key)
            if got != expected {
                Issue.record("lookup: got \(got.rawValue), expected \(expected.rawValue)")
                ok = false
            }
            if expected != .none, let bound = classifier.precedence(of: expected) {
                let next = linearScan(held, key, after: bound)
                let gotNext = classifier.lookup(key, after: bound)
                if gotNext != next {
                    Issue.record("lookup after the best: got \(gotNext.rawValue), expected \(next.rawValue)")
                    ok = false
                }
            }
            for w in 0..<ClassifierKey.wordCount { words.append(key[w]) }
        }
        var results = [ClassifierRuleHandle](repeating: .none, count: keys.count)
        words.withUnsafeBufferPointer { w in
            results.withUnsafeMutableBufferPointer { classifier.lookup(batch: w.baseAddress!, count: keys.count, results: $0.baseAddress!) }
        }
        for (i, key) in keys.enumerated() where results[i] != linearScan(held, key) {
            Issue.record("batch lookup of key \(i): got \(results[i].rawValue)")
            ok = false
        }
        return ok
    }
}
