import EswitchCompiler
import EswitchModel
import Packet

/// The software slow path of one node: the compiled rules (all of them, each with its placement)
/// run on frames that reach software — misses and traps from the NIC's representors, traffic of
/// software-bound ports, and frames from the uplink.
///
/// A frame enters chain 0 of its ingress (or the chain where the hardware left it), the best
/// matching rule of each chain runs its actions, and `goto chain` moves on, as the TC pipeline
/// does. Around the rules the slow path answers ARP and neighbour solicitations for addresses the
/// intent knows, floods within a network, tracks connections (with SNAT), and undoes NAT for
/// replies before routing them back. When a frame's whole path consists of rules the plan places
/// in hardware, the NIC should have handled it: the frame is still forwarded, and the rules are
/// queued as install requests for the agent (``takeInstallRequests()``), rate-limited by
/// ``UpcallPolicy``.
///
/// Use from one thread: ``process(_:now:)`` takes a batch of frames and fills ``outputs``, whose
/// bytes stay valid until the next call; buffers are reused, so the common path allocates
/// nothing per frame. Rules change through ``apply(_:plan:)`` (a `RuleDelta`); the intent's
/// addresses through ``update(state:)``.
public final class SoftwareDatapath {
    public let configuration: DatapathConfiguration

    // Rules, by slot (the classifier handle).
    var rules: [InstalledRule?] = []
    var slotOf: [RuleID: Int] = [:]
    var freeSlots: [Int] = []
    var ruleCounters: [RuleCounters] = []
    var ruleLimiters: [TokenBucket?] = []
    let classifier = TupleSpaceClassifier()
    let cache: ExactMatchCache?
    var policers: [TokenBucket] = []
    var freePolicers: [Int] = []

    // Ports and the intent's addresses.
    var portIDs: [PortID] = []
    var handles: [PortID: PortHandle] = [:]
    var directory = NetworkDirectory()
    public private(set) var tunnels: TunnelFacts

    /// Connection tracking for what the plan places in software.
    public let conntrack: ConnectionTracker

    // Upcalls.
    var overallLimiter: TokenBucket
    var installRequests: [RuleID] = []
    var unresolvedNextHops: Set<IPv4Address> = []

    public internal(set) var counters = DatapathCounters()

    // Buffers reused for every frame.
    var work: [UInt8] = []
    var scratch: [UInt8] = []
    var path: [Int] = []
    var outputBytes: [UInt8] = []
    /// The frames the last call produced, in order.
    public internal(set) var outputs: [DatapathOutput] = []

    /// A datapath running `rules` (each with its placement) for the node of `state`.
    /// - Throws: ``DatapathError`` when a rule cannot be classified (nothing is kept).
    public init(rules placed: [PlacedRule], state: ValidatedNetworkState, tunnels: TunnelFacts,
                configuration: DatapathConfiguration = DatapathConfiguration()) throws {
        self.configuration = configuration
        self.tunnels = tunnels
        cache = configuration.exactMatchCache ? ExactMatchCache(capacity: configuration.cacheEntries) : nil
        conntrack = ConnectionTracker(capacity: configuration.conntrackCapacity, timeouts: configuration.conntrackTimeouts)
        overallLimiter = TokenBucket(rate: configuration.upcalls.overallRate, burst: configuration.upcalls.overallBurst)
        work.reserveCapacity(16_384)
        scratch.reserveCapacity(16_384)
        path.reserveCapacity(configuration.maximumChainJumps + 2)
        outputBytes.reserveCapacity(configuration.outputCapacity)
        outputs.reserveCapacity(1024)
        update(state: state)
        let compiled = try placed.map { try compile($0.rule) }
        for (item, match) in zip(placed, compiled) { install(item.rule, match: match, placement: item.placement.location) }
    }

    /// A datapath running every rule of `plan`.
    public convenience init(plan: Plan, state: ValidatedNetworkState, tunnels: TunnelFacts,
                            configuration: DatapathConfiguration = DatapathConfiguration()) throws {
        try self.init(rules: plan.rules, state: state, tunnels: tunnels, configuration: configuration)
    }

    // MARK: Ports

    /// The handle of a port (local ports of the intent, and ports rules name, have one).
    public func handle(of port: PortID) -> PortHandle? { handles[port] }

    /// The port a handle stands for.
    public func port(of handle: PortHandle) -> PortID? { handle.index < portIDs.count ? portIDs[handle.index] : nil }

    /// Every port with a handle, by handle.
    public var ports: [PortID] { portIDs }

    func internHandle(_ port: PortID) -> PortHandle {
        if let known = handles[port] { return known }
        let handle = PortHandle(rawValue: UInt32(portIDs.count))
        portIDs.append(port)
        handles[port] = handle
        return handle
    }

    // MARK: Intent and underlay

    /// Takes the addresses, ports and networks of a new intent (ARP/ND answers, floods, VLANs).
    /// Rules change separately (``apply(_:plan:)``).
    public func update(state: ValidatedNetworkState) {
        directory = NetworkDirectory(state, handle: internHandle)
    }

    /// Sets (or with nil forgets) the next-hop MAC of a remote VTEP.
    public func setNextHop(_ mac: MACAddress?, for vtep: IPv4Address) {
        tunnels.nextHops[vtep] = mac
        if mac != nil { unresolvedNextHops.remove(vtep) }
    }

    /// Sets the external next hop (floating IPs and SNAT leave through it).
    public func setExternalNextHop(_ mac: MACAddress?) { tunnels.externalNextHop = mac }

    /// The remote VTEPs frames were dropped for because their next-hop MAC is unknown, since the
    /// last call (the caller resolves them and calls ``setNextHop(_:for:)``).
    public func takeUnresolvedNextHops() -> [IPv4Address] {
        defer { unresolvedNextHops.removeAll() }
        return unresolvedNextHops.sorted()
    }

    /// The rules to (re)install in hardware: rules the plan places there that frames reached
    /// software through, since the last call, at most as often as ``UpcallPolicy`` allows.
    public func takeInstallRequests() -> [RuleID] {
        defer { installRequests.removeAll(keepingCapacity: true) }
        return installRequests
    }

    // MARK: Output

    /// The bytes of output `index` of the last call (valid until the next call).
    public func withOutputFrame<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let output = outputs[index]
        return try outputBytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[output.offset..<(output.offset + output.length)])) }
    }

    /// A copy of output `index`'s bytes.
    public func outputFrame(_ index: Int) -> [UInt8] { withOutputFrame(index) { Array($0) } }
}

/// One frame the slow path produced.
public struct DatapathOutput: Hashable, Sendable {
    /// Where it goes.
    public var egress: DatapathEgress
    /// Its bytes in the datapath's output buffer.
    public var offset: Int
    public var length: Int
    /// The position in the batch of the frame it came from.
    public var input: Int
}

/// One frame for ``SoftwareDatapath/process(_:now:)``.
public struct DatapathInput {
    public var bytes: UnsafeRawBufferPointer
    public var ingress: DatapathIngress
    /// The chain where the hardware left the frame (0 when it missed from the start or the NIC
    /// does not say).
    public var resumeChain: UInt32

    public init(bytes: UnsafeRawBufferPointer, ingress: DatapathIngress, resumeChain: UInt32 = 0) {
        self.bytes = bytes
        self.ingress = ingress
        self.resumeChain = resumeChain
    }
}

/// Rules the slow path cannot take.
public enum DatapathError: Error, Hashable, Sendable, CustomStringConvertible {
    case unsupportedRule(RuleID, String)

    public var description: String {
        switch self {
        case .unsupportedRule(let id, let reason): return "rule \(id): \(reason)"
        }
    }
}
