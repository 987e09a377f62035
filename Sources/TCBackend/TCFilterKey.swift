import EswitchModel

/// A filter's identity across plans: the rule, the role and the device.
public struct TCFilterKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rule: RuleID
    public var role: TCFilterRole
    public var device: IfIndex

    public init(rule: RuleID, role: TCFilterRole, device: IfIndex) {
        self.rule = rule
        self.role = role
        self.device = device
    }

    public var description: String { "\(rule) [\(role) on dev \(device)]" }

    public static func < (a: TCFilterKey, b: TCFilterKey) -> Bool {
        if a.rule != b.rule { return a.rule < b.rule }
        if a.role != b.role { return a.role < b.role }
        return a.device < b.device
    }
}
