import EswitchModel

/// A rule the backend could not turn into filters, and why; the rule's other filters are left out
/// too, so a rule is never half installed.
public struct TCPlanProblem: Hashable, Sendable, CustomStringConvertible {
    public var rule: RuleID
    public var message: String

    public init(rule: RuleID, message: String) {
        self.rule = rule
        self.message = message
    }

    /// `l2-local@port web-1-eth0:52:54:00:10:00:02: output to port x: no device for it in the device map`.
    public var description: String { "\(rule): \(message)" }
}
