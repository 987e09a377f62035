/// A TC action (or action variant) whose hardware offload a profile declares.
///
/// Variants that drivers accept separately get their own case: `pedit` is split by the header it
/// rewrites because drivers check each header kind on its own (mlx5 en/tc/act/pedit.c).
public enum OffloadAction: String, CaseIterable, Hashable, Sendable, Codable, CustomStringConvertible {
    case mirredRedirect = "mirred_redirect"
    case mirredMirror = "mirred_mirror"
    case mirredIngressRedirect = "mirred_ingress_redirect"
    case drop
    case pass
    case trap
    case gotoChain = "goto_chain"
    case tunnelKeySet = "tunnel_key_set"
    case tunnelKeyUnset = "tunnel_key_unset"
    case vlanPush = "vlan_push"
    case vlanPop = "vlan_pop"
    case vlanModify = "vlan_modify"
    case peditEth = "pedit_eth"
    case peditIP4 = "pedit_ip4"
    case peditIP4TTL = "pedit_ip4_ttl"
    case peditIP6 = "pedit_ip6"
    case peditIP6HopLimit = "pedit_ip6_hoplimit"
    case peditL4Ports = "pedit_l4_ports"
    case csum
    case police
    case ct
    case ctNAT = "ct_nat"
    case sample
    case mplsPush = "mpls_push"
    case mplsPop = "mpls_pop"

    /// The action as a tc command line spells it, e.g. `tunnel_key set`, for reasons shown to people.
    public var tcName: String {
        switch self {
        case .mirredRedirect: return "mirred egress redirect"
        case .mirredMirror: return "mirred egress mirror"
        case .mirredIngressRedirect: return "mirred ingress redirect"
        case .drop: return "drop"
        case .pass: return "pass"
        case .trap: return "trap"
        case .gotoChain: return "goto chain"
        case .tunnelKeySet: return "tunnel_key set"
        case .tunnelKeyUnset: return "tunnel_key unset"
        case .vlanPush: return "vlan push"
        case .vlanPop: return "vlan pop"
        case .vlanModify: return "vlan modify"
        case .peditEth: return "pedit eth"
        case .peditIP4: return "pedit ip4"
        case .peditIP4TTL: return "pedit ip4 ttl"
        case .peditIP6: return "pedit ip6"
        case .peditIP6HopLimit: return "pedit ip6 hoplimit"
        case .peditL4Ports: return "pedit l4 ports"
        case .csum: return "csum"
        case .police: return "police"
        case .ct: return "ct"
        case .ctNAT: return "ct nat"
        case .sample: return "sample"
        case .mplsPush: return "mpls push"
        case .mplsPop: return "mpls pop"
        }
    }

    /// The profile keyword, e.g. `tunnel_key_set`.
    public var description: String { rawValue }
}
