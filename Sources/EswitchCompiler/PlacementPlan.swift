import EswitchModel

/// The compiled rules of a node with their placement for one hardware profile, and the offload
/// coverage per port and for the node: what `PlacementPlanner.plan` returns.
public struct Plan: Hashable, Sendable {
    /// The profile the rules were placed for.
    public var profile: HardwareProfileID
    /// Its short name, as reasons use it (`ConnectX-6 Dx`).
    public var profileName: String
    public var backend: PlacementBackend
    /// The hardware rule capacity the plan had to respect.
    public var capacity: Int
    /// Every rule with its placement, sorted by rule id (the compiler's order).
    public private(set) var rules: [PlacedRule]
    /// Counts and share over every rule.
    public private(set) var coverage: Coverage
    /// Counts and share over the rules each local port owns (its ingress and its uplink rules).
    public private(set) var portCoverage: [PortID: Coverage]
    /// The binding of each local port, for explain.
    public var bindings: [PortID: PortBinding]

    /// A plan of `rules` (sorted by id here if they are not already).
    public init(profile: HardwareProfileID, profileName: String, backend: PlacementBackend, capacity: Int,
                rules: [PlacedRule], bindings: [PortID: PortBinding]) {
        self.profile = profile
        self.profileName = profileName
        self.backend = backend
        self.capacity = capacity
        self.bindings = bindings
        let sorted = zip(rules, rules.dropFirst()).allSatisfy { $0.rule.id < $1.rule.id }
        self.rules = sorted ? rules : rules.sorted { $0.rule.id < $1.rule.id }
        var coverage = Coverage()
        var perPort: [PortID: Coverage] = [:]
        for port in bindings.keys { perPort[port] = Coverage() }
        // Rules of one owner mostly come in runs: count a run, then add it to its port.
        var run: (owner: PortID, coverage: Coverage)?
        for placed in self.rules {
            let location = placed.placement.location
            coverage.count(location)
            guard let owner = placed.rule.owner else { continue }
            if run?.owner != owner {
                if let run { perPort[run.owner, default: Coverage()].add(run.coverage) }
                run = (owner, Coverage())
            }
            run!.coverage.count(location)
        }
        if let run { perPort[run.owner, default: Coverage()].add(run.coverage) }
        self.coverage = coverage
        portCoverage = perPort
    }

    /// The number of rules the NIC holds (hardware and split).
    public var hardwareRules: Int { coverage.inHardware }

    /// The placed rule with `id`, if the plan has it (a binary search: rules are sorted by id).
    public func rule(_ id: RuleID) -> PlacedRule? {
        var low = 0, high = rules.count
        while low < high {
            let mid = (low + high) / 2
            if rules[mid].rule.id < id { low = mid + 1 } else { high = mid }
        }
        return low < rules.count && rules[low].rule.id == id ? rules[low] : nil
    }

    /// The placement of the rule with `id`, if the plan has it.
    public func placement(of id: RuleID) -> Placement? { rule(id)?.placement }

    /// The rules a local port owns, in plan order; `nil` gives the node-wide rules.
    public func rules(ownedBy owner: PortID?) -> [PlacedRule] { rules.filter { $0.rule.owner == owner } }

    /// The local ports, and any other port that owns rules, sorted.
    public var ports: [PortID] { portCoverage.keys.sorted() }
}
