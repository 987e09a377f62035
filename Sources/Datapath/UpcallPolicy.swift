/// How often the slow path may ask the agent to install a rule the plan places in hardware: a
/// token bucket per rule and one for all rules, and a bound on the requests waiting, so that a
/// flood of misses cannot starve the agent (or the datapath) of time.
public struct UpcallPolicy: Hashable, Sendable {
    /// Requests per second for one rule, and its burst.
    public var perRuleRate: Double
    public var perRuleBurst: Double
    /// Requests per second for all rules together, and the burst.
    public var overallRate: Double
    public var overallBurst: Double
    /// Requests waiting for the agent beyond which new ones are suppressed.
    public var maximumPending: Int

    /// Defaults: one request per rule every 500 ms, 2,000 per second overall (about the rate at
    /// which TC installs flower rules on a ConnectX NIC), at most 4,096 waiting.
    public init(perRuleRate: Double = 2, perRuleBurst: Double = 1, overallRate: Double = 2_000, overallBurst: Double = 256, maximumPending: Int = 4_096) {
        self.perRuleRate = perRuleRate
        self.perRuleBurst = perRuleBurst
        self.overallRate = overallRate
        self.overallBurst = overallBurst
        self.maximumPending = maximumPending
    }
}

/// Knobs of a ``SoftwareDatapath``.
public struct DatapathConfiguration: Hashable, Sendable {
    /// Whether lookups go through the exact-match cache first, and its size.
    public var exactMatchCache = true
    public var cacheEntries = 8_192
    public var upcalls = UpcallPolicy()
    /// Connection-table size and idle timeouts.
    public var conntrackCapacity = 1 << 18
    public var conntrackTimeouts = ConntrackTimeouts()
    /// Bytes of output frames one batch may produce.
    public var outputCapacity = 1 << 20
    /// The most `goto chain` jumps per frame (loops in the rules end here).
    public var maximumChainJumps = 32
    /// TTL of outer IPv4 headers when the rule gives none.
    public var tunnelTTL: UInt8 = 64
    /// UDP source ports of VXLAN encapsulations (RFC 7348 §5's range by default).
    public var vxlanSourcePorts: ClosedRange<UInt16> = 49152...65535

    public init() {}
}
