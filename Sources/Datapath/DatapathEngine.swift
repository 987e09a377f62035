import EswitchCompiler
import EswitchModel

/// The state of a ``SoftwareDatapath``: rules, classifier, ports and addresses, connection
/// tracking, upcall limits, counters and the buffers every frame reuses.
struct DatapathEngine {
    let configuration: DatapathConfiguration

    // Rules, by slot (the classifier handle). A slot's actions are `actionPool[start..<start+count]`.
    var ruleIDs: [RuleID?] = []
    var precedences: [RulePrecedence] = []
    var placements: [PlacementLocation] = []
    var actionStart: [Int] = []
    var actionCount: [Int] = []
    /// Policer buckets each slot's actions own (freed with the rule).
    var ownedPolicers: [[Int]] = []
    var actionPool: [DatapathAction] = []
    /// Actions in the pool no rule uses any more (compacted when they are the majority).
    var deadActions = 0
    var slotOf: [RuleID: Int] = [:]
    var freeSlots: [Int] = []
    var ruleCounters: [RuleCounters] = []
    var ruleLimiters: [TokenBucket?] = []
    let classifier = TupleSpaceClassifier()
    let cache: ExactMatchCache?
    var policers = SlotPool<TokenBucket>()

    // Ports and the intent's addresses.
    var portIDs: [PortID] = []
    var handles: [PortID: PortHandle] = [:]
    var directory = NetworkDirectory()
    var tunnels: TunnelFacts

    let conntrack: ConnectionTracker

    // Upcalls.
    var overallLimiter: TokenBucket
    var installRequests: [RuleID] = []
    var unresolvedNextHops: Set<IPv4Address> = []

    var counters = DatapathCounters()

    // Buffers reused for every frame: the frame being worked on, a copy for floods, the rules a
    // frame met, and the output frames back to back.
    var work: [UInt8] = []
    var original: [UInt8] = []
    var path: [Int] = []
    var outputBytes: [UInt8]
    var outputLength = 0
    var outputs: [DatapathOutput] = []

    init(state: ValidatedNetworkState, tunnels: TunnelFacts, configuration: DatapathConfiguration) {
        self.configuration = configuration
        self.tunnels = tunnels
        cache = configuration.exactMatchCache ? ExactMatchCache(capacity: configuration.cacheEntries) : nil
        conntrack = ConnectionTracker(capacity: configuration.conntrackCapacity, timeouts: configuration.conntrackTimeouts)
        overallLimiter = TokenBucket(rate: configuration.upcalls.overallRate, burst: configuration.upcalls.overallBurst)
        work.reserveCapacity(16_384)
        original.reserveCapacity(16_384)
        path.reserveCapacity(configuration.maximumChainJumps + 2)
        outputBytes = [UInt8](repeating: 0, count: configuration.outputCapacity)
        outputs.reserveCapacity(1024)
        update(state: state)
    }

    mutating func internHandle(_ port: PortID) -> PortHandle {
        if let known = handles[port] { return known }
        let handle = PortHandle(rawValue: UInt32(portIDs.count))
        portIDs.append(port)
        handles[port] = handle
        return handle
    }

    mutating func update(state: ValidatedNetworkState) {
        for port in state.localPorts { _ = internHandle(port.id) }
        let handles = self.handles
        directory = NetworkDirectory(state) { handles[$0]! }
    }
}
