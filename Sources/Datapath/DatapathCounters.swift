/// Why the slow path dropped a frame.
public enum DatapathDropReason: Int, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// Shorter than an Ethernet header.
    case malformed
    /// No rule of the chain matched.
    case noRule
    /// A rule's `drop` action.
    case dropAction
    /// TTL or hop limit 1 (or 0): the frame must not be forwarded.
    case ttlExpired
    /// Over a policer's rate.
    case policed
    /// No next-hop MAC known for the remote VTEP (the caller resolves it, see
    /// ``SoftwareDatapath/takeUnresolvedNextHops()``).
    case unresolvedNextHop
    /// External output without an external next hop configured.
    case noExternalNextHop
    /// More chain jumps than the limit.
    case chainLoop
    /// The rule's actions ended without sending or dropping the frame.
    case noVerdict
    /// An edit the frame lacks the header for (pop of an untagged frame, TTL of a non-IP frame).
    case badEdit
    /// An action the slow path cannot execute (VXLAN over an IPv6 underlay, NAT of IPv6).
    case unsupportedAction
    /// A connection could not be committed (table full or no free NAT port).
    case conntrackRefused
    /// Route after NAT without a connection to route by.
    case noRoute
    /// The output buffer of the batch is full.
    case outputFull

    public var description: String {
        switch self {
        case .malformed: return "malformed"
        case .noRule: return "no rule"
        case .dropAction: return "drop action"
        case .ttlExpired: return "TTL expired"
        case .policed: return "policed"
        case .unresolvedNextHop: return "unresolved next hop"
        case .noExternalNextHop: return "no external next hop"
        case .chainLoop: return "chain loop"
        case .noVerdict: return "no verdict"
        case .badEdit: return "bad edit"
        case .unsupportedAction: return "unsupported action"
        case .conntrackRefused: return "conntrack refused"
        case .noRoute: return "no route after NAT"
        case .outputFull: return "output full"
        }
    }
}

/// What the slow path did, since it was created.
public struct DatapathCounters: Hashable, Sendable {
    /// Frames given to the datapath.
    public var received: UInt64 = 0
    /// Frames it produced (a flooded frame counts once per copy).
    public var sent: UInt64 = 0
    /// Frames dropped, by reason (indexed by ``DatapathDropReason/rawValue``).
    public var drops = [UInt64](repeating: 0, count: DatapathDropReason.allCases.count)
    /// Classifications (one per chain a frame visits) and how many the exact-match cache answered.
    public var lookups: UInt64 = 0
    public var cacheHits: UInt64 = 0
    /// Install requests queued for the agent, and those the rate limits suppressed.
    public var upcalls: UInt64 = 0
    public var suppressedUpcalls: UInt64 = 0
    /// ARP replies and neighbour advertisements the slow path answered with.
    public var arpReplies: UInt64 = 0
    public var neighbourAdvertisements: UInt64 = 0
    /// Frames flooded in their network.
    public var floods: UInt64 = 0
    /// Frames whose addresses or ports connection tracking translated.
    public var translations: UInt64 = 0

    public init() {}

    /// Frames dropped for `reason`.
    public func dropped(_ reason: DatapathDropReason) -> UInt64 { drops[reason.rawValue] }

    /// Frames dropped for any reason.
    public var totalDrops: UInt64 { drops.reduce(0, +) }
}

/// The slow path's traffic of one rule.
public struct RuleCounters: Hashable, Sendable {
    /// Frames and bytes the rule matched in software.
    public var packets: UInt64 = 0
    public var bytes: UInt64 = 0
    /// Install requests made for it, and those suppressed.
    public var upcalls: UInt64 = 0
    public var suppressedUpcalls: UInt64 = 0

    public init() {}
}
