/// One vendor-neutral rule of the compiled plan: where it applies, what it matches and what it
/// does. Chain and priority follow from the kind.
public struct Rule: Hashable, Sendable {
    public var id: RuleID
    public var match: FlowMatch
    public var actions: [FlowAction]
    /// The local port whose traffic the rule carries (its pipeline), for placement and explain;
    /// nil for node-wide rules such as SNAT on the gateway.
    public var owner: PortID?

    public init(id: RuleID, match: FlowMatch, actions: [FlowAction], owner: PortID?) {
        self.id = id
        self.match = match
        self.actions = actions
        self.owner = owner
    }

    /// Inlinable, so that diffs compare rules in place (see `RuleTopic.==`).
    @inlinable
    public static func == (a: Rule, b: Rule) -> Bool {
        a.id == b.id && a.owner?.rawValue == b.owner?.rawValue && a.actions == b.actions && a.match == b.match
    }

    public var kind: RuleKind { id.kind }
    public var chain: UInt32 { id.kind.chain }
    public var priority: UInt16 { id.kind.priority }
    public var ingress: RuleIngress { id.ingress }
}
