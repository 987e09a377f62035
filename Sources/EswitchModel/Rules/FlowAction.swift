/// One step of a rule's action list, executed in order.
public enum FlowAction: Hashable, Sendable {
    /// Deliver the frame (the last action of a forwarding rule).
    case output(RuleOutput)
    /// Drop the frame.
    case drop
    /// Send the frame to the slow path, which runs the logical pipeline in software
    /// (ARP/ND answers, flooding, what the NIC cannot do). `reason` says why, for explain.
    case trap(TrapReason)
    /// Continue in another chain (a later stage of the pipeline).
    case gotoChain(UInt32)
    case setEthSource(MACAddress)
    case setEthDestination(MACAddress)
    /// Decrement the IPv4 TTL (a frame arriving with TTL 1 must not be forwarded).
    case decrementTTL
    /// Decrement the IPv6 hop limit (same rule).
    case decrementHopLimit
    case setIPv4Source(IPv4Address)
    case setIPv4Destination(IPv4Address)
    /// Wrap the frame in VXLAN towards a remote VTEP.
    case encapsulate(TunnelEncapsulation)
    /// Remove the VXLAN encapsulation (the match saw the tunnel metadata).
    case decapsulate
    case pushVLAN(UInt16)
    case popVLAN
    /// Rate-limit: frames over the rate are dropped.
    case police(rateBitsPerSecond: UInt64, burstBytes: UInt64)
    /// Pass the frame through connection tracking in `zone`, committing new connections when
    /// `commit`, with an optional source NAT to `snat`.
    case conntrack(zone: UInt16, commit: Bool, snat: IPAddress?)
    /// Pass the frame through connection tracking in `zone` and apply the translation its
    /// connection recorded (TC `ct zone Z nat`): a reply to a source-NATed connection gets its
    /// original destination back, further frames of the original direction the same source
    /// rewrite. Nothing is committed; a frame of no known connection leaves unchanged.
    case conntrackRestoreNAT(zone: UInt16)
}

/// Why a frame goes to the slow path.
public enum TrapReason: String, Hashable, Sendable {
    /// ARP request/reply: the slow path answers for IPs the intent knows (hardware cannot answer).
    case arp
    /// IPv6 neighbour discovery (ICMPv6), answered the same way.
    case neighbourDiscovery = "nd"
    /// Broadcast, multicast and unknown unicast: the slow path floods within the network.
    case flood
    /// Routing after connection tracking restored an address (SNAT return traffic), where the
    /// NIC cannot restore it.
    case routeAfterNAT = "route-after-nat"
}

/// The outer headers of a VXLAN encapsulation.
public struct TunnelEncapsulation: Hashable, Sendable {
    public var vni: VNI
    public var source: IPAddress
    public var destination: IPAddress
    public var destinationPort: UInt16
    public var ttl: UInt8?

    public init(vni: VNI, source: IPAddress, destination: IPAddress, destinationPort: UInt16 = 4789, ttl: UInt8? = nil) {
        self.vni = vni
        self.source = source
        self.destination = destination
        self.destinationPort = destinationPort
        self.ttl = ttl
    }

    /// The IANA VXLAN port (RFC 7348 section 5).
    public static let ianaPort: UInt16 = 4789
}

extension FlowAction {
    /// The action in `HardwareProfile` vocabulary, for placement checks.
    public var offloadAction: OffloadAction {
        switch self {
        case .output(.tunnel), .output(.port), .output(.external): return .mirredRedirect
        case .output(.slowPath), .trap: return .trap
        case .drop: return .drop
        case .gotoChain: return .gotoChain
        case .setEthSource, .setEthDestination: return .peditEth
        case .decrementTTL: return .peditIP4TTL
        case .decrementHopLimit: return .peditIP6HopLimit
        case .setIPv4Source, .setIPv4Destination: return .peditIP4
        case .encapsulate: return .tunnelKeySet
        case .decapsulate: return .tunnelKeyUnset
        case .pushVLAN: return .vlanPush
        case .popVLAN: return .vlanPop
        case .police: return .police
        case .conntrack(_, _, let snat): return snat == nil ? .ct : .ctNAT
        case .conntrackRestoreNAT: return .ctNAT
        }
    }
}
