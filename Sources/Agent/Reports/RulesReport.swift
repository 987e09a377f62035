import EswitchCompiler

/// The `rules` report: `count` and `rules`, each a ``RuleStatus``, in rule-id order.
public struct RulesReport: Hashable, Sendable, Codable {
    public var count: Int
    public var rules: [RuleStatus]
}

/// One rule with where it runs. Keys: `id`, `cookie` (`0x` + 16 hex digits, on every action of its
/// filters), `kind`, `owner` (port or null), `ingress`, `chain`, `priority` (the IR's), `placement`
/// (effective: `hardware`, `split`, `software`), `compiler_placement` (before NIC refusals),
/// `reason` (why not entirely in hardware: the compiler's reason or the NIC's refusal),
/// `nic_refusal` (the NIC's extack when it refused the rule), `state` (`installed`,
/// `not_installed`, `failed`), `detail` (why not installed / the kernel's answer), `filters`
/// (``FilterStatus``).
public struct RuleStatus: Hashable, Sendable, Codable {
    public var id: String
    public var cookie: String
    public var kind: String
    public var owner: String?
    public var ingress: String
    public var chain: UInt32
    public var priority: UInt16
    public var placement: PlacementLocation
    public var compilerPlacement: PlacementLocation
    public var reason: String?
    public var nicRefusal: String?
    public var state: String
    public var detail: String?
    public var filters: [FilterStatus]

    enum CodingKeys: String, CodingKey {
        case id, cookie, kind, owner, ingress, chain, priority, placement
        case compilerPlacement = "compiler_placement"
        case reason
        case nicRefusal = "nic_refusal"
        case state, detail, filters
    }
}

/// One TC filter of a rule. Keys: `device` (ifindex), `chain`, `priority` (tc `pref`), `protocol`
/// (ethertype, e.g. `0x0800`; `all`), `handle` (hex), `role` (`hardware`, `software`,
/// `hardware-trap`), `in_hw` (the kernel's flag now; null when the filter was not found), `packets`.
public struct FilterStatus: Hashable, Sendable, Codable {
    public var device: UInt32
    public var chain: UInt32
    public var priority: UInt16
    public var `protocol`: String
    public var handle: String
    public var role: String
    public var inHardware: Bool?
    public var packets: PacketCounts?

    enum CodingKeys: String, CodingKey {
        case device, chain, priority, `protocol`, handle, role
        case inHardware = "in_hw"
        case packets
    }
}
