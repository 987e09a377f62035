import EswitchModel

/// The answer to `rules`: the rules that match the query.
public struct RulesReport: Hashable, Sendable, Codable {
    public var rules: [RuleStatus]
    public init(rules: [RuleStatus]) { self.rules = rules }
}

/// Where a rule runs.
public enum RuleLocation: String, Hashable, Sendable, Codable, CaseIterable {
    case hardware
    /// The NIC matches and traps to the slow path.
    case split
    case software

    /// Whether `rules --type` includes it (`hw` lists hardware and split rules: their match is in the NIC).
    public func matches(_ filter: RulePlacementFilter) -> Bool {
        switch filter {
        case .hardware: return self != .software
        case .software: return self == .software
        }
    }
}

/// One rule as `rules` and `explain` show it.
public struct RuleStatus: Hashable, Sendable, Codable {
    /// The rule's textual id (what `explain RULE` takes).
    public var id: String
    /// The owning port; nil for node-wide rules.
    public var port: PortID?
    public var location: RuleLocation
    /// TC chain / priority, when the rule is installed through TC.
    public var chain: Int?
    public var priority: Int?
    public var match: String
    public var actions: String
    /// Why the rule is not (entirely) in hardware: the compiler's reason or the NIC's extack.
    public var reason: String?
    /// Packets the rule matched in hardware, when the NIC reports it.
    public var packets: UInt64?

    public init(id: String, port: PortID?, location: RuleLocation, chain: Int? = nil, priority: Int? = nil,
                match: String, actions: String, reason: String? = nil, packets: UInt64? = nil) {
        self.id = id
        self.port = port
        self.location = location
        self.chain = chain
        self.priority = priority
        self.match = match
        self.actions = actions
        self.reason = reason
        self.packets = packets
    }
}

/// The answer to `explain`: where a port's or a rule's traffic runs and why.
public struct ExplainReport: Hashable, Sendable, Codable {
    /// `port p1` or `rule R`.
    public var subject: String
    /// One line: where the traffic runs.
    public var summary: String
    /// Why not (entirely) in hardware, one reason per line; empty when all is in hardware.
    public var reasons: [String]
    public var rules: [RuleStatus]

    public init(subject: String, summary: String, reasons: [String], rules: [RuleStatus]) {
        self.subject = subject
        self.summary = summary
        self.reasons = reasons
        self.rules = rules
    }
}
