/// A named set of allow rules applied to ports.
///
/// Semantics for a port (the union over all its groups):
/// - ingress: denied unless a rule allows it (default deny);
/// - egress: allowed when none of the port's groups has an egress rule (default allow); once any
///   egress rule exists, only egress that a rule allows passes;
/// - in a `stateful` group, replies to allowed traffic are allowed in the other direction
///   (connection tracking); a stateless group needs explicit rules for replies.
/// A port with no groups has ingress denied and egress allowed. ARP, and the IPv6 neighbour
/// discovery the port needs, are always allowed (the node answers them itself).
public struct SecurityGroup: Hashable, Sendable, Codable {
    public var id: SecurityGroupID
    /// Whether replies to allowed traffic are allowed (needs connection tracking); default true.
    public var stateful: Bool
    /// The allow rules; their order has no meaning.
    public var rules: [SecurityGroupRule]

    public init(id: SecurityGroupID, stateful: Bool = true, rules: [SecurityGroupRule] = []) {
        self.id = id
        self.stateful = stateful
        self.rules = rules
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, stateful, rules
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(SecurityGroupID.self, forKey: .id)
        stateful = try c.decodeIfPresent(Bool.self, forKey: .stateful) ?? true
        rules = try c.decodeIfPresent([SecurityGroupRule].self, forKey: .rules) ?? []
    }
}
