import EswitchCompiler
import EswitchModel

extension SoftwareDatapath {
    /// The number of rules installed.
    public var ruleCount: Int { slotOf.count }

    /// The number of distinct masks among the rules (classifier subtables).
    public var subtableCount: Int { classifier.subtableCount }

    /// The placement the datapath holds for a rule.
    public func placement(of id: RuleID) -> PlacementLocation? { slotOf[id].flatMap { rules[$0]?.placement } }

    /// The slow path's traffic of a rule.
    public func counters(of id: RuleID) -> RuleCounters? { slotOf[id].map { ruleCounters[$0] } }

    /// The traffic of every rule the slow path matched at least once.
    public var ruleTraffic: [RuleID: RuleCounters] {
        var out: [RuleID: RuleCounters] = [:]
        for (id, slot) in slotOf where ruleCounters[slot].packets > 0 || ruleCounters[slot].suppressedUpcalls > 0 { out[id] = ruleCounters[slot] }
        return out
    }

    /// Applies a rule delta: removed rules leave, changed ones are replaced, added ones join; the
    /// placement of added and changed rules comes from `plan` (software when it does not have
    /// them). Only the rules named are touched; lookups cached before are invalidated.
    /// - Throws: ``DatapathError`` when an added or changed rule cannot be classified; then
    ///   nothing changes.
    public func apply(_ delta: RuleDelta, plan: Plan?) throws {
        let added = try delta.added.map { ($0, try compile($0)) }
        let changed = try delta.changed.map { ($0, try compile($0)) }
        for id in delta.removed { uninstall(id) }
        for (rule, match) in changed {
            uninstall(rule.id)
            install(rule, match: match, placement: plan?.placement(of: rule.id)?.location ?? .software)
        }
        for (rule, match) in added {
            uninstall(rule.id)
            install(rule, match: match, placement: plan?.placement(of: rule.id)?.location ?? .software)
        }
    }

    /// Takes the placements of `plan` for the rules held (a new plan may move rules between
    /// hardware and software without changing them); rules the plan lacks keep theirs.
    public func updatePlacements(from plan: Plan) {
        for placed in plan.rules {
            guard let slot = slotOf[placed.rule.id] else { continue }
            rules[slot]?.placement = placed.placement.location
        }
    }

    // MARK: Installing

    /// The classifier match of a rule on its ingress and chain.
    func compile(_ rule: Rule) throws -> ClassifierMatch {
        let ingress: DatapathIngress
        switch rule.ingress {
        case .uplink: ingress = .uplink
        case .port(let id): ingress = .port(internHandle(id))
        }
        for action in rule.actions {
            if case .gotoChain(let chain) = action, chain > UInt32(UInt16.max) {
                throw DatapathError.unsupportedRule(rule.id, "goto chain \(chain) is beyond 65535")
            }
        }
        do {
            return try ClassifierMatch(rule.match, ingress: ingress.number, chain: rule.chain)
        } catch {
            throw DatapathError.unsupportedRule(rule.id, "\(error)")
        }
    }

    func install(_ rule: Rule, match: ClassifierMatch, placement: PlacementLocation) {
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
        } else {
            slot = rules.count
            rules.append(nil)
            ruleCounters.append(RuleCounters())
            ruleLimiters.append(nil)
        }
        var owned: [Int] = []
        let actions = rule.actions.map { compile($0, policers: &owned) }
        let precedence = RulePrecedence(rule: rule.id)
        rules[slot] = InstalledRule(id: rule.id, precedence: precedence, actions: actions, placement: placement, policers: owned)
        ruleCounters[slot] = RuleCounters()
        ruleLimiters[slot] = nil
        slotOf[rule.id] = slot
        classifier.insert(match, precedence: precedence, handle: ClassifierRuleHandle(slot))
    }

    func uninstall(_ id: RuleID) {
        guard let slot = slotOf.removeValue(forKey: id), let rule = rules[slot] else { return }
        classifier.remove(ClassifierRuleHandle(slot))
        freePolicers.append(contentsOf: rule.policers)
        rules[slot] = nil
        freeSlots.append(slot)
    }

    private func compile(_ action: FlowAction, policers owned: inout [Int]) -> DatapathAction {
        switch action {
        case .output(.port(let id)): return .outputPort(internHandle(id))
        case .output(.tunnel): return .outputTunnel
        case .output(.external): return .outputExternal
        case .output(.slowPath): return .continuePast
        case .drop: return .drop
        case .trap(let reason): return .trap(reason)
        case .gotoChain(let chain): return .gotoChain(UInt16(truncatingIfNeeded: chain))
        case .setEthSource(let mac): return .setEthSource(mac.integer)
        case .setEthDestination(let mac): return .setEthDestination(mac.integer)
        case .decrementTTL: return .decrementTTL
        case .decrementHopLimit: return .decrementHopLimit
        case .setIPv4Source(let ip): return .setIPv4Source(ip.rawValue)
        case .setIPv4Destination(let ip): return .setIPv4Destination(ip.rawValue)
        case .encapsulate(let t):
            guard case .v4(let source) = t.source, case .v4(let destination) = t.destination else { return .unsupported }
            return .encapsulate(DatapathTunnel(vni: t.vni.rawValue, source: source, destination: destination, port: t.destinationPort, ttl: t.ttl))
        case .decapsulate: return .decapsulate
        case .pushVLAN(let id): return .pushVLAN(id)
        case .popVLAN: return .popVLAN
        case .police(let rate, let burst):
            let bucket = TokenBucket(policingBitsPerSecond: rate, burstBytes: burst)
            let index: Int
            if let free = freePolicers.popLast() {
                policers[free] = bucket
                index = free
            } else {
                index = policers.count
                policers.append(bucket)
            }
            owned.append(index)
            return .police(bucket: index)
        case .conntrack(let zone, let commit, let snat):
            switch snat {
            case nil: return .conntrack(zone: zone, commit: commit, snat: nil)
            case .v4(let address)?: return .conntrack(zone: zone, commit: commit, snat: address)
            case .v6?: return .unsupported
            }
        }
    }
}
