import EswitchModel

/// One rule as explain shows it: identity, where it sits in the pipeline, what it matches and
/// does, and where it runs and why. A plain Codable value for `--format json`.
public struct RuleExplanation: Hashable, Sendable, Codable {
    /// The rule id, e.g. `l2-local@port web-1-eth0:52:54:00:10:00:02`.
    public var id: String
    /// The ownership cookie, `0x` and 16 hex digits.
    public var cookie: String
    public var kind: String
    /// `port <id>` or `uplink`.
    public var ingress: String
    /// The port that owns the rule; nil for node-wide rules.
    public var owner: String?
    public var chain: UInt32
    public var priority: UInt16
    public var match: MatchSummary
    /// The actions in order, in words.
    public var actions: [String]
    public var location: PlacementLocation
    public var reason: String?

    public init(_ placed: PlacedRule) {
        let rule = placed.rule
        id = rule.id.description
        cookie = "0x" + MatchSummary.hex(rule.id.cookie, digits: 16)
        kind = rule.kind.rawValue
        ingress = rule.ingress.description
        owner = rule.owner?.rawValue
        chain = rule.chain
        priority = rule.priority
        match = MatchSummary(rule.match)
        actions = rule.actions.map(\.explainText)
        location = placed.placement.location
        reason = placed.placement.reason
    }

    /// The placement in words: `hardware`, `split (the NIC matches, the slow path acts): reason`,
    /// `software: reason`.
    public var placementText: String {
        switch location {
        case .hardware: return reason.map { "hardware: \($0)" } ?? "hardware"
        case .split: return "split (the NIC matches, the slow path acts)" + (reason.map { ": \($0)" } ?? "")
        case .software: return "software" + (reason.map { ": \($0)" } ?? "")
        }
    }

    /// One line: `id (chain 0, prio 10): placement`.
    public var text: String { "\(id) (chain \(chain), prio \(priority)): \(placementText)" }

    enum CodingKeys: String, CodingKey {
        case id, cookie, kind, ingress, owner, chain, priority, match, actions, location, reason
    }
}
