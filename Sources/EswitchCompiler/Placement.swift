import EswitchModel

/// Where one rule runs: in the NIC, in the software slow path, or split between them.
public enum PlacementLocation: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// The NIC matches the rule and executes all of its actions.
    case hardware
    /// The NIC matches the rule and traps the frame to the slow path, which executes the actions
    /// (rules that trap by design, and rules whose actions the NIC cannot execute).
    case split
    /// The rule is not in the NIC; the slow path matches and executes it.
    case software

    public var description: String { rawValue }

    /// True when the NIC holds a rule for it (hardware or split), so it uses table capacity.
    public var usesHardware: Bool { self != .software }
}

/// The placement of one rule: its location and, unless it is plainly in hardware, why.
public struct Placement: Hashable, Sendable, Codable, CustomStringConvertible {
    public var location: PlacementLocation
    /// Why the rule is not (entirely) in hardware, naming the profile and the item, e.g.
    /// `E810: action tunnel_key set on representor not supported`; nil for hardware rules.
    public var reason: String?

    public init(location: PlacementLocation, reason: String? = nil) {
        self.location = location
        self.reason = reason
    }

    /// `hardware`, or `split: reason`, `software: reason`.
    public var description: String { reason.map { "\(location): \($0)" } ?? location.rawValue }
}

/// A compiled rule with its placement.
public struct PlacedRule: Hashable, Sendable {
    public var rule: Rule
    public var placement: Placement

    public init(rule: Rule, placement: Placement) {
        self.rule = rule
        self.placement = placement
    }
}
