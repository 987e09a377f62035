import EswitchModel
import Netlink

/// What a netdev of the emulated host is: it decides how the link is dumped, which requests it
/// accepts, and what a tc filter on it can offload.
public enum SimLinkRole: Hashable, Sendable {
    /// `lo`.
    case loopback
    /// The netdev of physical function `pf`; in switchdev mode it is also the uplink representor
    /// (phys_port_name `p<pf>`).
    case physicalFunction(pf: Int)
    /// The host-side netdev of a VF bound to its driver.
    case virtualFunction(pf: Int, vf: UInt32)
    /// The representor of VF `vf` of PF `pf` (switchdev mode).
    case representor(pf: Int, vf: UInt32)
    /// A link created by RTM_NEWLINK with IFLA_INFO_KIND (`vxlan`, `veth`, `dummy`, `bridge`).
    case virtual(kind: String)

    /// The port kind a tc filter on this link is checked against, nil for links that offload
    /// nothing (VF netdevs, veth, dummy, bridge, lo).
    public var portKind: PortKind? {
        switch self {
        case .physicalFunction: return .uplink
        case .representor: return .vfRepresentor
        case .virtual(let kind) where SimLinkRole.isTunnelKind(kind): return .tunnelDevice
        default: return nil
        }
    }

    /// Link kinds that are tunnel devices (their ingress sees decapsulated traffic).
    static let tunnelKinds: Set<String> = ["vxlan", "geneve", "gretap", "ip6gretap"]

    /// Whether `kind` is one of ``tunnelKinds`` (compared as strings: hashing one costs more).
    static func isTunnelKind(_ kind: String) -> Bool {
        switch kind {
        case "vxlan", "geneve", "gretap", "ip6gretap": return true
        default: return false
        }
    }

    /// The IFLA_INFO_KIND of virtual links.
    public var kind: String? {
        if case .virtual(let kind) = self { return kind }
        return nil
    }
}

/// One netdev of the emulated host: identity, addressing, state and (for virtual links) the
/// configuration it was created with.
public struct SimLink: Hashable, Sendable {
    public var ifindex: IfIndex
    public var name: String
    public var role: SimLinkRole
    public var mtu: UInt32
    public var minMTU: UInt32
    public var maxMTU: UInt32
    public var mac: MACAddress
    /// IFF_UP.
    public var isUp: Bool
    /// Physical carrier (PF link down/up faults, veth peer state).
    public var carrier: Bool
    /// Carrier transitions, up and down (IFLA_CARRIER_UP_COUNT, IFLA_CARRIER_DOWN_COUNT; their sum
    /// is IFLA_CARRIER_CHANGES).
    public var carrierUpCount: UInt32 = 0
    public var carrierDownCount: UInt32 = 0
    public var master: IfIndex?
    /// IFLA_LINKINFO of virtual links as the request gave it (kind and typed data).
    public var linkInfo: LinkInfo?
    /// The other end of a veth pair.
    public var peer: IfIndex?
    public var alias: String?

    public init(ifindex: IfIndex, name: String, role: SimLinkRole, mtu: UInt32 = 1500, minMTU: UInt32 = 68,
                maxMTU: UInt32 = 9978, mac: MACAddress, isUp: Bool = false, carrier: Bool = true,
                master: IfIndex? = nil, linkInfo: LinkInfo? = nil, peer: IfIndex? = nil, alias: String? = nil) {
        self.ifindex = ifindex
        self.name = name
        self.role = role
        self.mtu = mtu
        self.minMTU = minMTU
        self.maxMTU = maxMTU
        self.mac = mac
        self.isUp = isUp
        self.carrier = carrier
        self.master = master
        self.linkInfo = linkInfo
        self.peer = peer
        self.alias = alias
    }

    /// Operational state as the kernel derives it (net/core/link_watch.c default_operstate): down
    /// when administratively down; without carrier, down for a device of its own (a PF, a VF, a
    /// representor) and lower-layer-down for one stacked on another (a veth, whose lower link is
    /// its peer); up otherwise (lo reports UNKNOWN).
    public var operState: LinkOperState {
        if case .loopback = role { return isUp ? .unknown : .down }
        if !isUp { return .down }
        if carrier { return .up }
        return peer == nil ? .down : .lowerLayerDown
    }
}
