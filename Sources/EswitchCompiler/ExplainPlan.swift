import EswitchModel

/// A whole plan as explain shows it: profile, budget, node coverage, and every pipeline with its
/// rules. The JSON document of `eswitchctl compile --format json`.
public struct PlanExplanation: Hashable, Sendable, Codable {
    public var profile: String
    public var profileName: String
    public var backend: PlacementBackend
    public var capacity: Int
    /// Rules the NIC holds (hardware and split).
    public var hardwareRules: Int
    /// Over every rule of the node.
    public var coverage: Coverage
    /// The local ports, by id.
    public var ports: [PortExplanation]
    /// The node-wide rules (owned by no port), if any.
    public var node: PortExplanation?

    public init(_ plan: Plan) {
        profile = plan.profile.rawValue
        profileName = plan.profileName
        backend = plan.backend
        capacity = plan.capacity
        hardwareRules = plan.hardwareRules
        coverage = plan.coverage
        var byOwner: [PortID?: [PlacedRule]] = [:]
        for placed in plan.rules { byOwner[placed.rule.owner, default: []].append(placed) }
        let owners = Set(plan.bindings.keys).union(byOwner.keys.compactMap { $0 }).sorted()
        ports = owners.map { PortExplanation(port: $0, binding: plan.bindings[$0], rules: byOwner[$0] ?? []) }
        node = byOwner[nil].map { PortExplanation(port: nil, binding: nil, rules: $0) }
    }

    enum CodingKeys: String, CodingKey {
        case profile
        case profileName = "profile_name"
        case backend, capacity
        case hardwareRules = "hardware_rules"
        case coverage, ports, node
    }
}

extension Plan {
    /// The plan as an explain value (for JSON and text output).
    public func explanation() -> PlanExplanation { PlanExplanation(self) }

    /// Where one rule runs and why, in one line; nil when the plan has no such rule.
    public func explain(rule id: RuleID) -> String? { rule(id).map { RuleExplanation($0).text } }

    /// Where the rules of one port run and why: a summary, the reasons, and one line per rule.
    public func explain(port: PortID) -> String {
        PortExplanation(port: port, binding: bindings[port], rules: rules(ownedBy: port)).explainText
    }
}
