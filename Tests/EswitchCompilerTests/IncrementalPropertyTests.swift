import EswitchCompiler
import EswitchModel
import PropertyBased
import Testing

/// The incremental compiler's delta always equals the difference of two full compiles, over
/// random intents and random sequences of edits of every kind.
@Suite struct IncrementalPropertyTests {
    static let scenarios = Generator<IntentScenario, Shrink.None<IntentScenario>>(run: { rng in
        IntentScenario.random(seed: rng.next(), steps: 5)
    })

    @Test func deltaEqualsTheDiffOfTwoFullCompiles() async throws {
        var steps = 0, nonEmpty = 0, partial = 0, narrowed = 0
        await propertyCheck(count: 250, input: Self.scenarios) { scenario in
            var current = try scenario.start.validated()
            var incremental = IncrementalCompiler(current)
            var oldRules = Compiler().compile(current)
            #expect(incremental.rules == oldRules)
            for step in scenario.steps {
                let next: ValidatedNetworkState
                switch step {
                case .change(let change):
                    next = try change.applied(to: current.state).validated()
                case .edit(_, let state):
                    next = try state.validated()
                }
                let affected = incremental.affectedPipelines(movingTo: next)
                let delta: RuleDelta
                switch step {
                case .change(let change): delta = try incremental.apply(change)
                case .edit: delta = incremental.update(to: next)
                }
                let newRules = Compiler().compile(next)
                #expect(Set(newRules.map(\.id)).count == newRules.count, "rule ids not unique after \(step)")
                #expect(zip(newRules, newRules.dropFirst()).allSatisfy { $0.id < $1.id }, "rules not sorted by id after \(step)")
                let expected = RuleDelta(from: oldRules, to: newRules)
                if delta != expected {
                    Issue.record("after \(step):\n\(Self.explain(delta, expected))")
                    return
                }
                #expect(delta.applied(to: oldRules) == newRules)
                #expect(incremental.rules == newRules)
                #expect(incremental.ruleCount == newRules.count)
                #expect(incremental.state == next)
                steps += 1
                if !delta.isEmpty { nonEmpty += 1 }
                if !affected.everything { partial += 1 }
                let localCount = next.localPorts.count
                if !affected.everything && affected.ports.count < localCount { narrowed += 1 }
                current = next
                oldRules = newRules
            }
        }
        // The runs must exercise real work: most edits change rules, and most recompile only part
        // of the node (else the comparison would only ever test the full-recompile path).
        #expect(steps > 800)
        #expect(nonEmpty > steps / 2)
        #expect(partial > steps * 3 / 4)
        #expect(narrowed > steps / 4)
    }

    /// What the incremental delta got wrong, by rule id.
    static func explain(_ got: RuleDelta, _ expected: RuleDelta) -> String {
        func ids(_ rules: [Rule]) -> Set<String> { Set(rules.map(\.id.description)) }
        var lines: [String] = []
        let missingAdds = ids(expected.added).subtracting(ids(got.added)), extraAdds = ids(got.added).subtracting(ids(expected.added))
        let missingRemoves = Set(expected.removed.map(\.description)).subtracting(got.removed.map(\.description))
        let extraRemoves = Set(got.removed.map(\.description)).subtracting(expected.removed.map(\.description))
        let missingChanges = ids(expected.changed).subtracting(ids(got.changed)), extraChanges = ids(got.changed).subtracting(ids(expected.changed))
        for (name, set) in [("missing add", missingAdds), ("extra add", extraAdds), ("missing remove", missingRemoves),
                            ("extra remove", extraRemoves), ("missing change", missingChanges), ("extra change", extraChanges)] {
            for id in set.sorted().prefix(10) { lines.append("  \(name): \(id)") }
        }
        if lines.isEmpty { lines.append("  same ids, different contents") }
        return lines.joined(separator: "\n")
    }
}
