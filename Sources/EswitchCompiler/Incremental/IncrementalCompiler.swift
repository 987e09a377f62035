import EswitchModel

/// Keeps the compiled rules of one node and turns each new intent into the minimal rule delta,
/// recompiling only the pipelines the change can reach.
///
/// Rules are held per owner (a local port, or the node for node-wide rules), each list sorted by
/// id, so a change recompiles the affected owners with `Compiler.compile(_:ports:includeNodeRules:)`
/// and diffs their old and new lists; every other owner's rules are left untouched. The delta
/// always equals `RuleDelta(from: Compiler().compile(old), to: Compiler().compile(new))` (the
/// property tests check this), at a cost that follows the size of the change, not of the world.
public struct IncrementalCompiler: Sendable {
    /// The intent the held rules were compiled from.
    public private(set) var state: ValidatedNetworkState
    /// Rules owned by each local port, sorted by id.
    private var portRules: [PortID: [Rule]]
    /// Rules owned by no port, sorted by id.
    private var nodeRules: [Rule]
    /// The number of rules held.
    public private(set) var ruleCount: Int
    private let compiler: Compiler
    /// What pipelines share (destinations, routes, filters), kept from one intent to the next and
    /// refreshed where a change reaches (`CompileContext.rebase`).
    private var context: CompileContext

    /// Compiles `state` in full.
    public init(_ state: ValidatedNetworkState, compiler: Compiler = Compiler()) {
        self.state = state
        self.compiler = compiler
        portRules = [:]
        nodeRules = []
        ruleCount = 0
        context = CompileContext(state)
        let compiled = compiler.ownedRules(context, ports: context.localPorts, includeNodeRules: true) { _ in nil }
        context.dropDeliveryFilters()
        portRules.reserveCapacity(compiled.ports.count)
        for (port, rules) in compiled.ports {
            portRules[port] = rules
            ruleCount += rules.count
        }
        nodeRules = compiled.node
        ruleCount += nodeRules.count
    }

    /// Every rule held, sorted by id (what `Compiler().compile(state)` returns).
    public var rules: [Rule] {
        var out: [Rule] = []
        out.reserveCapacity(ruleCount)
        for id in portRules.keys.sorted() { out.append(contentsOf: portRules[id]!) }
        out.append(contentsOf: nodeRules)
        out.sort { $0.id < $1.id }
        return out
    }

    /// The rules one local port owns (its pipeline and its uplink rules), sorted by id.
    public func rules(ownedBy port: PortID) -> [Rule] { portRules[port] ?? [] }

    /// The pipelines that moving to `new` would recompile.
    public func affectedPipelines(movingTo new: ValidatedNetworkState) -> AffectedPipelines {
        AffectedPipelines(from: state, to: new)
    }

    /// Moves to `new` and returns the rule delta from the held rules to the rules of `new`.
    public mutating func update(to new: ValidatedNetworkState) -> RuleDelta {
        let affected = AffectedPipelines(from: state, to: new)
        if affected.everything {
            let old = rules
            let compiled = compiler.compile(new)
            state = new
            context = CompileContext(new)
            load(compiled)
            return RuleDelta(from: old, to: compiled)
        }
        state = new
        if !isKnownUniquelyReferenced(&context) { context = context.copy() }
        context.rebase(to: new, dropping: affected.stale)
        if affected.isEmpty { return RuleDelta() }
        // Ports local after the change get their new rules; the rest of the affected owners
        // (removed, or moved away) lose theirs.
        let local = affected.ports.sorted().compactMap { id in new.port(id).flatMap { $0.node == new.node.name ? $0 : nil } }
        let compiled = compiler.ownedRules(context, ports: local, includeNodeRules: affected.nodeRules) { id in self.portRules[id]?.count }
        context.dropDeliveryFilters()
        var delta = RuleDelta()
        for (owner, fresh) in compiled.ports {
            let previous = portRules.updateValue(fresh, forKey: owner) ?? []
            delta.appendDifference(from: previous[...], to: fresh[...])
            ruleCount += fresh.count - previous.count
        }
        let staying = Set(local.map(\.id))
        for owner in affected.ports where !staying.contains(owner) {
            guard let previous = portRules.removeValue(forKey: owner) else { continue }
            delta.appendDifference(from: previous[...], to: [])
            ruleCount -= previous.count
        }
        if affected.nodeRules {
            delta.appendDifference(from: nodeRules[...], to: compiled.node[...])
            ruleCount += compiled.node.count - nodeRules.count
            nodeRules = compiled.node
        }
        delta.sort()
        return delta
    }

    /// Replaces the held rules with a full compilation's (sorted by id).
    private mutating func load(_ rules: [Rule]) {
        portRules = [:]
        nodeRules = []
        ruleCount = rules.count
        var start = 0
        var runs: [PortID: [Range<Int>]] = [:]
        for (i, rule) in rules.enumerated() where i == rules.count - 1 || rules[i + 1].owner != rule.owner {
            if let owner = rule.owner { runs[owner, default: []].append(start..<(i + 1)) } else { nodeRules.append(contentsOf: rules[start...i]) }
            start = i + 1
        }
        // Each owner's list is built at its final size (its pipeline run, then its uplink runs).
        for (owner, ranges) in runs {
            var list: [Rule] = []
            list.reserveCapacity(ranges.reduce(0) { $0 + $1.count })
            for range in ranges { list.append(contentsOf: rules[range]) }
            portRules[owner] = list
        }
    }
}
