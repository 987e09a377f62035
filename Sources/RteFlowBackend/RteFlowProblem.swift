import EswitchModel

/// Why one IR rule cannot be an rte_flow rule, located at the match field or action at fault
/// (the way rte_flow_error names an item or action): `rte_flow: action ct zone 2 commit: ...`.
public struct RteFlowProblem: Hashable, Sendable, CustomStringConvertible {
    /// The rule it concerns.
    public var rule: RuleID
    /// The part of the rule at fault: `ingress port tools-eth0`, `match ct_state`, `action police`...
    public var subject: String
    /// What is wrong, and where it matters why.
    public var reason: String

    public init(rule: RuleID, subject: String, reason: String) {
        self.rule = rule
        self.subject = subject
        self.reason = reason
    }

    public var description: String { "rte_flow: \(subject): \(reason)" }
}
