import EswitchModel
import RteFlow

/// Where one IR rule goes with the rte_flow backend, with every reason when not wholly into the
/// eswitch.
public enum RteFlowPlacement: Hashable, Sendable {
    /// The rule, as an rte_flow rule.
    case hardware(RteFlowRule)
    /// Hardware matches the rule's frames (perhaps more widely) and traps them to the slow path,
    /// which runs what hardware cannot: the rte_flow rule here is that trap.
    case split(RteFlowRule, [RteFlowProblem])
    /// No rte_flow rule: the slow path alone handles it.
    case software([RteFlowProblem])
}

/// One IR rule and its rte_flow form.
public struct RteFlowTranslation: Hashable, Sendable {
    public var rule: Rule
    public var placement: RteFlowPlacement
    /// The meter the rule's METER action needs (nil when it polices nothing).
    public var meter: RteFlowMeter?

    public init(rule: Rule, placement: RteFlowPlacement, meter: RteFlowMeter? = nil) {
        self.rule = rule
        self.placement = placement
        self.meter = meter
    }

    /// The rte_flow rule to create: the rule itself, or its trap when split; nil in software.
    public var flow: RteFlowRule? {
        switch placement {
        case .hardware(let flow), .split(let flow, _): return flow
        case .software: return nil
        }
    }

    /// Why the rule is not wholly in hardware (empty when it is).
    public var problems: [RteFlowProblem] {
        switch placement {
        case .hardware: return []
        case .split(_, let problems), .software(let problems): return problems
        }
    }
}
