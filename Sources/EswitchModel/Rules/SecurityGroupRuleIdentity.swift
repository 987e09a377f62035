/// A security-group rule as rule ids name it: its group and its content (`web/ingress IPv4 tcp
/// 22-22 10.0.0.0/8`), not its position in the group's list.
///
/// So a compiled rule keeps its id when other rules of the group are inserted, removed or
/// reordered, and editing one rule adds and deletes only that rule's compiled rules. A group
/// holds no two equal rules (validation), so the content identifies the rule. The text is rendered
/// once and shared by every compiled rule that names it.
public final class SecurityGroupRuleIdentity: Sendable, Hashable, CustomStringConvertible {
    public let group: SecurityGroupID
    public let rule: SecurityGroupRule
    /// `group/rule text`, as in rule ids.
    public let text: String

    public init(group: SecurityGroupID, rule: SecurityGroupRule) {
        self.group = group
        self.rule = rule
        text = "\(group.rawValue)/\(rule.identityText)"
    }

    public var description: String { text }

    public static func == (a: SecurityGroupRuleIdentity, b: SecurityGroupRuleIdentity) -> Bool {
        a === b || a.text.utf8.elementsEqual(b.text.utf8)
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}
