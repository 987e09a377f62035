import EswitchModel
import RteFlow

/// The rte_flow form of a compiled rule set: one translation per IR rule (in the input order),
/// and the meters the hardware rules use.
public struct RteFlowPlan: Hashable, Sendable {
    public var translations: [RteFlowTranslation]
    /// The meters METER actions refer to, sorted by id; they must exist before the rules.
    public var meters: [RteFlowMeter]
    /// The port rules and meters are created on.
    public var port: RteFlowPortID

    public init(translations: [RteFlowTranslation], meters: [RteFlowMeter], port: RteFlowPortID) {
        self.translations = translations
        self.meters = meters
        self.port = port
    }

    /// The rte_flow rules to create (rules in hardware and the traps of split rules), with the id
    /// of the IR rule each comes from, in plan order.
    public var flows: [(rule: RuleID, flow: RteFlowRule)] {
        translations.compactMap { t in t.flow.map { (t.rule.id, $0) } }
    }

    /// Every reason a rule is not wholly in hardware.
    public var problems: [RteFlowProblem] { translations.flatMap(\.problems) }

    /// The share of rules wholly in hardware (0...1; 1 for an empty plan): split rules count as
    /// not offloaded, since their frames take the slow path.
    public var coverage: Double {
        guard !translations.isEmpty else { return 1 }
        let offloaded = translations.filter { if case .hardware = $0.placement { return true } else { return false } }.count
        return Double(offloaded) / Double(translations.count)
    }
}
