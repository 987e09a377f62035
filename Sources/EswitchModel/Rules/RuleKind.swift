/// What a rule is for. The kind fixes the rule's chain and priority (so they stay stable across
/// recompiles) and its place in explain output.
public enum RuleKind: String, Hashable, Sendable, CaseIterable, Comparable {
    /// Chain 0: the frame's source MAC (and VLAN) must be the port's; QoS policing happens here.
    case portAdmit = "port-admit"
    /// Chain 0, after admit: anything else the port sends is spoofed and dropped.
    case antiSpoofDrop = "anti-spoof-drop"
    /// Chain 1: an egress security-group rule lets matching traffic on.
    case egressAllow = "egress-allow"
    /// Chain 1: traffic no egress rule allowed is dropped.
    case egressDrop = "egress-drop"
    /// Chain 2: ARP to the slow path (proxy answers).
    case arpTrap = "arp-trap"
    /// Chain 2: IPv6 neighbour discovery to the slow path.
    case ndTrap = "nd-trap"
    /// Chain 2: same network, destination on this node.
    case l2Local = "l2-local"
    /// Chain 2: same network, destination behind a remote VTEP (VXLAN encap).
    case l2Remote = "l2-remote"
    /// Chain 2: another subnet through the router's gateway MAC.
    case route = "route"
    /// Chain 2: out of the cloud with the port's floating IP (stateless SNAT).
    case floatingIPOut = "fip-out"
    /// Chain 2: out of the cloud through the network's SNAT gateway node.
    case snatToGateway = "snat-to-gateway"
    /// Chain 2: broadcast, multicast and unknown unicast to the slow path (flooding).
    case flood = "flood"
    /// Uplink: VXLAN from a remote node to a local port (decap).
    case decap = "decap"
    /// Uplink: traffic to a floating IP (stateless DNAT to the port).
    case floatingIPIn = "fip-in"
    /// Uplink, on the SNAT gateway node: source NAT through conntrack to the outside.
    case snatGateway = "snat-gateway"
    /// Delivery to a local port: an ingress security-group rule allows it.
    case ingressAllow = "ingress-allow"
    /// Delivery to a local port: nothing allowed it (default deny ingress).
    case ingressDrop = "ingress-drop"

    /// The chain the kind's rules live in (0: admission, 1: egress filter, 2: forwarding,
    /// 3: delivery filter of the destination port).
    public var chain: UInt32 {
        switch self {
        case .portAdmit, .antiSpoofDrop: return 0
        case .egressAllow, .egressDrop: return 1
        case .arpTrap, .ndTrap, .l2Local, .l2Remote, .route, .floatingIPOut, .snatToGateway, .flood: return 2
        case .decap, .floatingIPIn, .snatGateway: return 0
        case .ingressAllow, .ingressDrop: return 3
        }
    }

    /// The priority within the chain (lower is tried first). More specific kinds come first.
    public var priority: UInt16 {
        switch self {
        case .portAdmit: return 10
        case .antiSpoofDrop: return 100
        case .egressAllow: return 10
        case .egressDrop: return 100
        case .arpTrap: return 5
        case .ndTrap: return 6
        case .l2Local: return 20
        case .l2Remote: return 21
        case .route: return 30
        case .floatingIPOut: return 40
        case .snatToGateway: return 50
        case .flood: return 90
        case .decap: return 20
        case .floatingIPIn: return 30
        case .snatGateway: return 40
        case .ingressAllow: return 10
        case .ingressDrop: return 100
        }
    }

    public static func < (a: RuleKind, b: RuleKind) -> Bool {
        if a == b { return false }
        let x = a.chain, y = b.chain
        if x != y { return x < y }
        let p = a.priority, q = b.priority
        return p != q ? p < q : a.rawValue < b.rawValue
    }
}
