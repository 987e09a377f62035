import EswitchModel

/// Decides for each compiled rule whether it runs in the NIC, in the slow path, or split (the NIC
/// matches and traps), with a reason naming the profile and the item, within the NIC's rule budget.
///
/// Steps: each rule alone (its port's binding, match keys, actions, chain, action count, see
/// `PlacementCapability`); then the pipelines around it (`PlacementPipeline`: no hardware rule may
/// overtake or skip a rule in software; unreachable rules leave the hardware; NICs that ignore TC
/// priorities cannot hold overlapping rules of different priority); then the budget
/// (`PlacementBudget`: whole pipelines, most valuable first), and the pipeline rules once more.
/// A pure function: the same rules, profile and options always give the same plan.
public struct PlacementPlanner: Sendable {
    public let profile: HardwareProfile
    public let options: PlacementOptions

    public init(profile: HardwareProfile, options: PlacementOptions = PlacementOptions()) {
        self.profile = profile
        self.options = options
    }

    /// The capacity this planner fills: the override, or the profile's.
    public var capacity: Int { max(0, options.ruleCapacity ?? profile.ruleCapacity) }

    /// Places `rules` (compiled from `state`, which gives the ports' bindings).
    public func plan(_ rules: [Rule], state: ValidatedNetworkState) -> Plan {
        let capability = PlacementCapability(profile: profile, state: state)
        var pipeline = PlacementPipeline(rules: rules, capability: capability)
        pipeline.enforceConsistency(prioritiesHonored: profile.chains.prioritiesHonored)
        if !PlacementBudget.apply(to: &pipeline, state: state, capacity: capacity).isEmpty {
            pipeline.enforceConsistency(prioritiesHonored: true)
        }
        var bindings: [PortID: PortBinding] = [:]
        for port in state.localPorts { if let binding = port.binding { bindings[port.id] = binding } }
        let placed = rules.indices.map { PlacedRule(rule: rules[$0], placement: pipeline.placement($0)) }
        return Plan(profile: profile.id, profileName: profile.name, backend: options.backend, capacity: capacity,
                    rules: placed, bindings: bindings)
    }

    /// Compiles `state` and places every rule.
    public func plan(_ state: ValidatedNetworkState) -> Plan {
        plan(Compiler().compile(state), state: state)
    }
}
