import EswitchCompiler
import EswitchModel

extension DatapathEngine {
    /// The classifier match of a rule on its ingress and chain.
    mutating func compile(_ rule: Rule) throws -> ClassifierMatch {
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

    mutating func install(_ rule: Rule, match: ClassifierMatch, placement: PlacementLocation) {
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
        } else {
            slot = ruleIDs.count
            ruleIDs.append(nil)
            precedences.append(.lowest)
            placements.append(.software)
            actionStart.append(0)
            actionCount.append(0)
            ownedPolicers.append([])
            ruleCounters.append(RuleCounters())
            ruleLimiters.append(nil)
        }
        var owned: [Int] = []
        actionStart[slot] = actionPool.count
        actionCount[slot] = rule.actions.count
        for action in rule.actions { actionPool.append(compile(action, policers: &owned)) }
        let precedence = RulePrecedence(rule: rule.id)
        ruleIDs[slot] = rule.id
        precedences[slot] = precedence
        placements[slot] = placement
        ownedPolicers[slot] = owned
        ruleCounters[slot] = RuleCounters()
        ruleLimiters[slot] = nil
        slotOf[rule.id] = slot
        classifier.insert(match, precedence: precedence, handle: ClassifierRuleHandle(slot))
    }

    mutating func uninstall(_ id: RuleID) {
        guard let slot = slotOf.removeValue(forKey: id) else { return }
        classifier.remove(ClassifierRuleHandle(slot))
        for bucket in ownedPolicers[slot] { policers.release(bucket) }
        ownedPolicers[slot] = []
        deadActions += actionCount[slot]
        actionCount[slot] = 0
        ruleIDs[slot] = nil
        freeSlots.append(slot)
        if deadActions > 1024 && deadActions * 2 > actionPool.count { compactActions() }
    }

    /// Rewrites the action pool without the actions of removed rules.
    private mutating func compactActions() {
        var pool: [DatapathAction] = []
        pool.reserveCapacity(actionPool.count - deadActions)
        for slot in ruleIDs.indices where ruleIDs[slot] != nil {
            let start = pool.count
            pool.append(contentsOf: actionPool[actionStart[slot]..<(actionStart[slot] + actionCount[slot])])
            actionStart[slot] = start
        }
        actionPool = pool
        deadActions = 0
    }

    private mutating func compile(_ action: FlowAction, policers owned: inout [Int]) -> DatapathAction {
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
            let index = policers.insert(TokenBucket(policingBitsPerSecond: rate, burstBytes: burst))
            owned.append(index)
            return .police(bucket: index)
        case .conntrack(let zone, let commit, let snat):
            switch snat {
            case nil: return .conntrack(zone: zone, commit: commit, snat: nil)
            case .v4(let address)?: return .conntrack(zone: zone, commit: commit, snat: address)
            case .v6?: return .unsupported
            }
        case .conntrackRestoreNAT(let zone):
            // A lookup without commit: the tracker rewrites a reply of a translated connection
            // back to the connection's original addresses (the `ct nat` restore of the reply).
            return .conntrack(zone: zone, commit: false, snat: nil)
        }
    }
}
