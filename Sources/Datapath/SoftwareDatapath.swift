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
    /// All state; the pipeline runs as mutating methods of this value, so each call takes one
    /// exclusive access instead of one per field it touches.
    var engine: DatapathEngine

    /// A datapath running `rules` (each with its placement) for the node of `state`.
    /// - Throws: ``DatapathError`` when a rule cannot be classified (nothing is kept).
    public init(rules placed: [PlacedRule], state: ValidatedNetworkState, tunnels: TunnelFacts,
                configuration: DatapathConfiguration = DatapathConfiguration()) throws {
        engine = DatapathEngine(state: state, tunnels: tunnels, configuration: configuration)
        let compiled = try placed.map { try engine.compile($0.rule) }
        for (item, match) in zip(placed, compiled) { engine.install(item.rule, match: match, placement: item.placement.location) }
    }

    /// A datapath running every rule of `plan`.
    public convenience init(plan: Plan, state: ValidatedNetworkState, tunnels: TunnelFacts,
                            configuration: DatapathConfiguration = DatapathConfiguration()) throws {
        try self.init(rules: plan.rules, state: state, tunnels: tunnels, configuration: configuration)
    }

    public var configuration: DatapathConfiguration { engine.configuration }
    public var counters: DatapathCounters { engine.counters }
    public var tunnels: TunnelFacts { engine.tunnels }
    /// Connection tracking for what the plan places in software.
    public var conntrack: ConnectionTracker { engine.conntrack }

    // MARK: Frames

    /// Runs a batch of frames through the pipeline; ``outputs`` then holds the frames produced
    /// (their bytes valid until the next call), in input order.
    public func process(_ batch: UnsafeBufferPointer<DatapathInput>, now: DatapathInstant) {
        engine.process(batch, now: now)
    }

    /// Runs a batch of frames (see ``process(_:now:)-(UnsafeBufferPointer<DatapathInput>,_)``).
    public func process(_ batch: [DatapathInput], now: DatapathInstant) {
        batch.withUnsafeBufferPointer { engine.process($0, now: now) }
    }

    /// Runs one frame (the previous outputs are cleared first).
    public func process(_ frame: [UInt8], from ingress: DatapathIngress, resumeChain: UInt32 = 0, now: DatapathInstant) {
        frame.withUnsafeBytes { bytes in
            withUnsafeTemporaryAllocation(of: DatapathInput.self, capacity: 1) { batch in
                batch.initializeElement(at: 0, to: DatapathInput(bytes: bytes, ingress: ingress, resumeChain: resumeChain))
                engine.process(UnsafeBufferPointer(batch), now: now)
            }
        }
    }

    /// The frames the last call produced, in order.
    public var outputs: [DatapathOutput] { engine.outputs }

    /// The bytes of output `index` of the last call (valid until the next call).
    public func withOutputFrame<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let output = engine.outputs[index]
        return try engine.outputBytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[output.offset..<(output.offset + output.length)])) }
    }

    /// A copy of output `index`'s bytes.
    public func outputFrame(_ index: Int) -> [UInt8] { withOutputFrame(index) { Array($0) } }

    // MARK: Ports

    /// The handle of a port (local ports of the intent, and ports rules name, have one).
    public func handle(of port: PortID) -> PortHandle? { engine.handles[port] }

    /// The port a handle stands for.
    public func port(of handle: PortHandle) -> PortID? { handle.index < engine.portIDs.count ? engine.portIDs[handle.index] : nil }

    /// Every port with a handle, by handle.
    public var ports: [PortID] { engine.portIDs }

    // MARK: Intent and underlay

    /// Takes the addresses, ports and networks of a new intent (ARP/ND answers, floods, VLANs).
    /// Rules change separately (``apply(_:plan:)``).
    public func update(state: ValidatedNetworkState) { engine.update(state: state) }

    /// Sets (or with nil forgets) the next-hop MAC of a remote VTEP.
    public func setNextHop(_ mac: MACAddress?, for vtep: IPv4Address) {
        engine.tunnels.nextHops[vtep] = mac
        if mac != nil { engine.unresolvedNextHops.remove(vtep) }
    }

    /// Sets the external next hop (floating IPs and SNAT leave through it).
    public func setExternalNextHop(_ mac: MACAddress?) { engine.tunnels.externalNextHop = mac }

    /// The remote VTEPs frames were dropped for because their next-hop MAC is unknown, since the
    /// last call (the caller resolves them and calls ``setNextHop(_:for:)``).
    public func takeUnresolvedNextHops() -> [IPv4Address] {
        defer { engine.unresolvedNextHops.removeAll() }
        return engine.unresolvedNextHops.sorted()
    }

    /// The rules to (re)install in hardware: rules the plan places there that frames reached
    /// software through, since the last call, at most as often as ``UpcallPolicy`` allows.
    public func takeInstallRequests() -> [RuleID] {
        defer { engine.installRequests.removeAll(keepingCapacity: true) }
        return engine.installRequests
    }

    // MARK: Rules

    /// The number of rules installed.
    public var ruleCount: Int { engine.slotOf.count }

    /// The number of subtables the rules' masks occupy in the classifier.
    public var subtableCount: Int { engine.classifier.subtableCount }

    /// The placement the datapath holds for a rule.
    public func placement(of id: RuleID) -> PlacementLocation? { engine.slotOf[id].map { engine.placements[$0] } }

    /// The slow path's traffic of a rule.
    public func counters(of id: RuleID) -> RuleCounters? { engine.slotOf[id].map { engine.ruleCounters[$0] } }

    /// The traffic of every rule the slow path matched (or asked to install) at least once.
    public var ruleTraffic: [RuleID: RuleCounters] {
        var out: [RuleID: RuleCounters] = [:]
        for (id, slot) in engine.slotOf where engine.ruleCounters[slot].packets > 0 || engine.ruleCounters[slot].suppressedUpcalls > 0 {
            out[id] = engine.ruleCounters[slot]
        }
        return out
    }

    /// Applies a rule delta: removed rules leave, changed ones are replaced, added ones join; the
    /// placement of added and changed rules comes from `plan` (software when it does not have
    /// them). Only the rules named are touched; lookups cached before are invalidated.
    /// - Throws: ``DatapathError`` when an added or changed rule cannot be classified; then
    ///   nothing changes.
    public func apply(_ delta: RuleDelta, plan: Plan?) throws {
        let added = try delta.added.map { ($0, try engine.compile($0)) }
        let changed = try delta.changed.map { ($0, try engine.compile($0)) }
        for id in delta.removed { engine.uninstall(id) }
        for (rule, match) in changed + added {
            engine.uninstall(rule.id)
            engine.install(rule, match: match, placement: plan?.placement(of: rule.id)?.location ?? .software)
        }
    }

    /// Takes the placements of `plan` for the rules held (a new plan may move rules between
    /// hardware and software without changing them); rules the plan lacks keep theirs.
    public func updatePlacements(from plan: Plan) {
        for placed in plan.rules {
            guard let slot = engine.slotOf[placed.rule.id] else { continue }
            engine.placements[slot] = placed.placement.location
        }
    }
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

/// One frame for ``SoftwareDatapath/process(_:now:)-(UnsafeBufferPointer<DatapathInput>,_)``.
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
