import EswitchModel

/// The rules of one placement run as pipelines (per ingress, per chain) with their current
/// status, and the rules that keep those pipelines consistent when some rules cannot be in hardware.
///
/// A frame enters chain 0 of its ingress, takes the first matching rule by priority, and a
/// `goto chain` hands it (as the rule's actions left it) to another chain of the same ingress. A
/// frame no hardware rule matches, and a frame a split rule traps, goes to the slow path, which
/// carries on with the logical pipeline from the chain where the frame left the hardware (as TC
/// software does after mlx5 restores the chain of a missed packet; what earlier hardware chains
/// did to the frame stays done). So:
/// - in chain 0, a rule in software must not be overtaken by a lower-priority (or equal-priority)
///   hardware rule that could match its frames on the same device: that rule goes to software too;
/// - a hardware rule whose `goto chain` can hand frames to a rule in software would make the
///   hardware skip that rule: it traps instead (split), so the frame reaches the slow path before
///   anything else happens to it; where the NIC cannot trap, it goes to software itself;
/// - a rule in chain 1+ that no hardware `goto` can reach any more is not kept in hardware (it
///   would hold table space and count as offloaded while no frame can use it);
/// - on a NIC that does not honour TC priorities (E810), two overlapping hardware rules of
///   different priority in one chain ("allow, then default drop") cannot both be in hardware:
///   both go to software.
struct PlacementPipeline {
    enum Status: Equatable {
        case hardware
        case split
        /// In software because of the rule itself, its port, the budget, or the rules around it.
        case software
        /// In software because no hardware rule leads to it.
        case unreachable

        var inHardware: Bool { self == .hardware || self == .split }
    }

    /// Rules of one chain of one ingress, by priority, with a look-up by exact destination MAC
    /// (delivery filters and forwarding rules match one each) so that overlap checks in chains of
    /// thousands of rules look at a few candidates.
    struct ChainIndex {
        let ingress: RuleIngress
        let chain: UInt32
        var members: [Int] = []
        var byDestination: [MACAddress: [Int]] = [:]
        var wildcard: [Int] = []

        init(ingress: RuleIngress, chain: UInt32) {
            self.ingress = ingress
            self.chain = chain
        }

        /// Calls `body` with each member that may overlap `match` (same exact destination MAC, or
        /// none), until it returns false.
        func forEachCandidate(for match: FlowMatch, _ body: (Int) -> Bool) {
            guard let destination = match.ethDestination, destination.isExact else {
                for i in members where !body(i) { return }
                return
            }
            for i in byDestination[destination.value] ?? [] where !body(i) { return }
            for i in wildcard where !body(i) { return }
        }
    }

    let rules: [Rule]
    let kinds: [PortKind]
    let priorities: [UInt16]
    /// Why the NIC cannot trap on the rule's device; nil when it can.
    let trapProblem: [String?]
    let profileName: String
    var status: [Status]
    var reason: [String?]
    private(set) var chains: [ChainIndex] = []
    /// A rule's `goto chain`: the chain, its index in `chains` (nil when the ingress has no rule
    /// there) and the frames handed to it.
    struct Goto {
        let chain: UInt32
        var target: Int?
        let frames: FlowMatch
    }

    /// The gotos, and for each rule the index of its goto there (-1: none).
    private var gotoList: [Goto] = []
    private var gotoOf: [Int32] = []
    /// The rules with a goto, in rule order (so that passes and reasons are deterministic).
    private var gotoRules: [Int] = []

    private func goto(_ i: Int) -> Goto? { gotoOf[i] < 0 ? nil : gotoList[Int(gotoOf[i])] }

    init(rules: [Rule], capability: PlacementCapability) {
        self.rules = rules
        profileName = capability.profile.name
        var kinds: [PortKind] = [], priorities: [UInt16] = [], status: [Status] = [], reason: [String?] = [], trapProblem: [String?] = []
        kinds.reserveCapacity(rules.count)
        priorities.reserveCapacity(rules.count)
        status.reserveCapacity(rules.count)
        reason.reserveCapacity(rules.count)
        trapProblem.reserveCapacity(rules.count)
        // Ingresses get numbers; compiled rules come sorted by id, so by ingress, and the
        // dictionary is asked only when the ingress changes.
        var ingressNumber: [RuleIngress: Int] = [:]
        var chainNumber: [Int: Int] = [:]
        var last: (ingress: RuleIngress, number: Int)?
        var ingressOf: [Int] = []
        ingressOf.reserveCapacity(rules.count)
        gotoOf.reserveCapacity(rules.count)
        for (i, rule) in rules.enumerated() {
            let kind = PlacementCapability.portKind(of: rule)
            let placement = capability.assess(rule, on: kind)
            kinds.append(kind)
            priorities.append(rule.priority)
            trapProblem.append(capability.canTrap(on: kind).reason)
            switch placement.location {
            case .hardware: status.append(.hardware)
            case .split: status.append(.split)
            case .software: status.append(.software)
            }
            reason.append(placement.reason)

            let ingress: Int
            if let last, last.ingress == rule.ingress {
                ingress = last.number
            } else {
                ingress = ingressNumber[rule.ingress] ?? ingressNumber.count
                ingressNumber[rule.ingress] = ingress
                last = (rule.ingress, ingress)
            }
            ingressOf.append(ingress)
            let key = ingress << 32 | Int(rule.chain)
            let c: Int
            if let known = chainNumber[key] {
                c = known
            } else {
                c = chains.count
                chainNumber[key] = c
                chains.append(ChainIndex(ingress: rule.ingress, chain: rule.chain))
            }
            chains[c].members.append(i)
            var slot: Int32 = -1
            for action in rule.actions {
                if case .gotoChain(let target) = action {
                    slot = Int32(gotoList.count)
                    gotoList.append(Goto(chain: target, target: nil, frames: PlacementOverlap.frames(matching: rule.match, after: rule.actions)))
                    gotoRules.append(i)
                    break
                }
            }
            gotoOf.append(slot)
        }
        self.kinds = kinds
        self.priorities = priorities
        self.status = status
        self.reason = reason
        self.trapProblem = trapProblem
        for c in chains.indices {
            chains[c].members.sort { (priorities[$0], $0) < (priorities[$1], $1) }
            for i in chains[c].members {
                if let destination = rules[i].match.ethDestination, destination.isExact {
                    chains[c].byDestination[destination.value, default: []].append(i)
                } else {
                    chains[c].wildcard.append(i)
                }
            }
        }
        for i in gotoRules {
            let slot = Int(gotoOf[i])
            gotoList[slot].target = chainNumber[ingressOf[i] << 32 | Int(gotoList[slot].chain)]
        }
    }

    // MARK: Consistency

    /// Applies the pipeline rules above until nothing changes.
    mutating func enforceConsistency(prioritiesHonored: Bool) {
        if !prioritiesHonored { separateUnorderedOverlaps() }
        var changed = true
        while changed {
            changed = shadowInEntryChains()
            changed = trapGotosIntoSoftware() || changed
        }
        dropUnreachable()
    }

    /// Moves `i` to software (or to split when `split` and the NIC can trap) with `why`.
    private mutating func demote(_ i: Int, toSplit split: Bool, _ why: String) {
        if split, status[i] == .hardware, trapProblem[i] == nil {
            status[i] = .split
            reason[i] = why
        } else {
            status[i] = .software
            reason[i] = split ? [why, trapProblem[i]].compactMap { $0 }.joined(separator: "; ") : why
        }
    }

    /// NICs that ignore TC priorities: overlapping hardware rules of different priority on one
    /// device and chain leave the hardware (both of each pair; the shadowing and goto rules then
    /// take care of what depended on them).
    private mutating func separateUnorderedOverlaps() {
        var conflicts: [(Int, Int)] = []
        for index in chains {
            for i in index.members where status[i].inHardware {
                let match = rules[i].match
                index.forEachCandidate(for: match) { j in
                    if j != i, status[j].inHardware, priorities[j] != priorities[i], kinds[j] == kinds[i],
                       PlacementOverlap.mayOverlap(match, rules[j].match) {
                        conflicts.append((i, j))
                        return false
                    }
                    return true
                }
            }
        }
        for (i, j) in conflicts.sorted(by: { $0.0 < $1.0 }) {
            demote(i, toSplit: false, "\(profileName): rule priorities not honored, and this rule overlaps \(rules[j].id) (priority \(priorities[j]), this one \(priorities[i]))")
        }
    }

    /// Chain 0: rules that come after a software rule and could take its frames go to software.
    private mutating func shadowInEntryChains() -> Bool {
        var changed = false
        for c in chains.indices where chains[c].chain == 0 {
            var work = chains[c].members.filter { status[$0] == .software }
            while let s = work.popLast() {
                let shadowed = rules[s]
                var demoted: [Int] = []
                chains[c].forEachCandidate(for: shadowed.match) { j in
                    if j != s, status[j].inHardware, kinds[j] == kinds[s], priorities[j] >= priorities[s],
                       PlacementOverlap.mayOverlap(shadowed.match, rules[j].match) {
                        demoted.append(j)
                    }
                    return true
                }
                for j in demoted {
                    demote(j, toSplit: false, "comes after \(shadowed.id), which runs in software: in hardware it would take that rule's frames")
                    work.append(j)
                    changed = true
                }
            }
        }
        return changed
    }

    /// A hardware `goto` that can reach a software rule traps instead.
    private mutating func trapGotosIntoSoftware() -> Bool {
        var changed = false
        for i in gotoRules where status[i] == .hardware {
            guard let goto = goto(i), let target = goto.target else { continue }
            var blocker: Int?
            chains[target].forEachCandidate(for: goto.frames) { q in
                if status[q] == .software, PlacementOverlap.mayOverlap(goto.frames, rules[q].match) {
                    blocker = q
                    return false
                }
                return true
            }
            if let q = blocker {
                demote(i, toSplit: true, "leads to \(rules[q].id), which runs in software: traps to the slow path instead of goto chain \(goto.chain)")
                changed = true
            }
        }
        return changed
    }

    /// Rules of chain 1+ that no hardware rule leads to leave the hardware.
    private mutating func dropUnreachable() {
        var reached = [Bool](repeating: false, count: rules.count)
        var work: [Int] = []
        for index in chains where index.chain == 0 {
            for i in index.members {
                reached[i] = true
                if status[i] == .hardware, gotoOf[i] >= 0 { work.append(i) }
            }
        }
        while let g = work.popLast() {
            guard let goto = goto(g), let target = goto.target else { continue }
            chains[target].forEachCandidate(for: goto.frames) { q in
                if !reached[q], PlacementOverlap.mayOverlap(goto.frames, rules[q].match) {
                    reached[q] = true
                    if status[q] == .hardware, gotoOf[q] >= 0 { work.append(q) }
                }
                return true
            }
        }
        // Name, for each rule left unreached, one rule that leads to it but is not in hardware.
        var cause: [Int: Int] = [:]
        for g in gotoRules where status[g] != .hardware {
            guard let goto = goto(g), let target = goto.target else { continue }
            chains[target].forEachCandidate(for: goto.frames) { q in
                if !reached[q], status[q].inHardware, cause[q] == nil, PlacementOverlap.mayOverlap(goto.frames, rules[q].match) { cause[q] = g }
                return true
            }
        }
        for i in rules.indices where !reached[i] && status[i].inHardware {
            status[i] = .unreachable
            if let g = cause[i] {
                let how = status[g] == .split ? "traps to the slow path" : "runs in software"
                reason[i] = "not reached in hardware: \(rules[g].id), which leads to it, \(how)"
            } else {
                reason[i] = "not reached in hardware: no rule of its pipeline leads to it"
            }
        }
    }

    /// Moves every hardware rule among `indices` to software with `why` (budget).
    mutating func evict(_ indices: [Int], _ why: String) {
        for i in indices where status[i].inHardware {
            status[i] = .software
            reason[i] = why
        }
    }

    /// The final placement of rule `i`.
    func placement(_ i: Int) -> Placement {
        switch status[i] {
        case .hardware: return Placement(location: .hardware, reason: reason[i])
        case .split: return Placement(location: .split, reason: reason[i])
        case .software, .unreachable: return Placement(location: .software, reason: reason[i])
        }
    }
}
