import EswitchCompiler

/// `explain PORT`. Keys: `port`, `status` (``PortStatus``), `compiler` (the compiler's view of
/// the port's rules: `coverage`, `reasons`, `rules`, see `PortExplanation`), `nic_refusals`
/// (``RuleFallback`` list: rules the NIC refused with its extack), `not_installed` (``RuleNote``
/// list), `text` (the same in lines for people).
public struct PortExplainReport: Hashable, Sendable, Codable {
    public var port: String
    public var status: PortStatus
    public var compiler: PortExplanation?
    public var nicRefusals: [RuleFallback]
    public var notInstalled: [RuleNote]
    public var text: [String]

    enum CodingKeys: String, CodingKey {
        case port, status, compiler
        case nicRefusals = "nic_refusals"
        case notInstalled = "not_installed"
        case text
    }
}

/// `explain RULE`. Keys: `rule` (``RuleStatus``), `compiler` (`RuleExplanation`: match, actions,
/// the compiler's placement and reason), `text` (one line for people).
public struct RuleExplainReport: Hashable, Sendable, Codable {
    public var rule: RuleStatus
    public var compiler: RuleExplanation
    public var text: String
}

/// A rule and a sentence about it: `rule`, `reason`.
public struct RuleNote: Hashable, Sendable, Codable {
    public var rule: String
    public var reason: String
}
