import EswitchModel

/// The rules of one pipeline (a local port's, or the node-wide ones) with their coverage and the
/// reasons that keep rules out of hardware, most frequent first.
public struct PortExplanation: Hashable, Sendable, Codable {
    /// One reason and how many rules it places at one location.
    public struct ReasonCount: Hashable, Sendable, Codable {
        public var location: PlacementLocation
        public var reason: String
        public var rules: Int
    }

    /// The port; nil for the node-wide rules.
    public var port: String?
    /// `vf`, `vdpa` or `software`; nil for the node-wide rules.
    public var binding: String?
    public var coverage: Coverage
    /// Why rules are split or in software, most rules first.
    public var reasons: [ReasonCount]
    public var rules: [RuleExplanation]

    public init(port: PortID?, binding: PortBinding?, rules placed: [PlacedRule]) {
        self.port = port?.rawValue
        self.binding = binding?.rawValue
        var coverage = Coverage()
        var counts: [ReasonKey: Int] = [:]
        for p in placed {
            coverage.count(p.placement.location)
            if p.placement.location != .hardware, let reason = p.placement.reason {
                counts[ReasonKey(location: p.placement.location, reason: reason), default: 0] += 1
            }
        }
        self.coverage = coverage
        reasons = counts.map { ReasonCount(location: $0.key.location, reason: $0.key.reason, rules: $0.value) }
            .sorted { ($1.rules, $0.location.rawValue, $0.reason) < ($0.rules, $1.location.rawValue, $1.reason) }
        rules = placed.map(RuleExplanation.init)
    }

    private struct ReasonKey: Hashable {
        let location: PlacementLocation
        let reason: String
    }

    /// `port web-1-eth0 (vf)` or `node-wide rules`.
    public var title: String {
        guard let port else { return "node-wide rules" }
        return binding.map { "port \(port) (\($0))" } ?? "port \(port)"
    }
}
