import EswitchCompiler
import EswitchModel
import Packet

/// The state of one frame on its way through the pipeline.
struct PacketState {
    var flow: FlowKey
    var ingress: DatapathIngress
    var chain: UInt16
    /// Connection-state bits (`ConnectionState`), 0 before conntrack.
    var connection: UInt8 = 0
    /// The key's header words no longer describe the frame (an action edited it).
    var keyDirty = false
    /// The encapsulation an `encapsulate` action asked for.
    var tunnel: DatapathTunnel?
    /// The VNI and remote VTEP of a frame the pipeline decapsulated.
    var decapsulatedFrom: (vni: UInt32, vtep: UInt32)?
    /// Where the frame's connection came from (after conntrack).
    var origin: ConnectionOrigin?
    /// Its position in the batch.
    let input: Int
}

extension DatapathEngine {
    /// Runs a batch; `outputs` then holds what it produced.
    mutating func process(_ batch: UnsafeBufferPointer<DatapathInput>, now: DatapathInstant) {
        outputs.removeAll(keepingCapacity: true)
        outputLength = 0
        for i in batch.indices { run(batch[i].bytes, from: batch[i].ingress, resumeChain: batch[i].resumeChain, input: i, now: now) }
        conntrack.expire(now: now, budget: 16)
    }

    /// One frame through the pipeline; its outputs are appended to `outputs`.
    mutating func run(_ bytes: UnsafeRawBufferPointer, from ingress: DatapathIngress, resumeChain: UInt32, input: Int, now: DatapathInstant) {
        counters.received &+= 1
        work.removeAll(keepingCapacity: true)
        work.append(contentsOf: bytes)
        let vxlanPort: UInt16? = ingress == .uplink ? FlowKey.vxlanPort : nil
        var packet = PacketState(flow: FlowKey(), ingress: ingress, chain: UInt16(truncatingIfNeeded: resumeChain), input: input)
        guard resumeChain <= UInt32(UInt16.max), work.withUnsafeBytes({ packet.flow.parse($0, vxlanPort: vxlanPort) }) else {
            return drop(.malformed)
        }
        path.removeAll(keepingCapacity: true)
        if pipeline(&packet, now: now) { requestInstallsIfAllHardware(now: now) }
    }

    /// Classifies and acts chain after chain until the frame is sent or dropped.
    /// - Returns: true when a rule decided the frame's fate (not a miss).
    private mutating func pipeline(_ packet: inout PacketState, now: DatapathInstant) -> Bool {
        var key = ClassifierKey(packet.flow, ingress: packet.ingress.number, chain: packet.chain, connectionState: packet.connection)
        var below: RulePrecedence? = nil
        var jumps = 0
        while true {
            if packet.keyDirty {
                key = ClassifierKey(packet.flow, ingress: packet.ingress.number, chain: packet.chain, connectionState: packet.connection)
                packet.keyDirty = false
            } else {
                key.setPipelinePosition(chain: packet.chain, connectionState: packet.connection)
            }
            let handle = classify(key, below: below)
            guard handle != .none else {
                miss(&packet, now: now)
                return false
            }
            let slot = handle.index
            path.append(slot)
            ruleCounters[slot].packets &+= 1
            ruleCounters[slot].bytes &+= UInt64(work.count)
            switch execute(slot, &packet, now: now) {
            case .done:
                return true
            case .goto(let chain):
                jumps += 1
                guard jumps <= configuration.maximumChainJumps else {
                    drop(.chainLoop)
                    return true
                }
                packet.chain = chain
                below = nil
            case .continuePast:
                below = precedences[slot]
            }
        }
    }

    /// The best rule for `key` (below `bound` when a rule declined the frame), through the
    /// exact-match cache when it is on.
    @inline(__always)
    mutating func classify(_ key: ClassifierKey, below bound: RulePrecedence?) -> ClassifierRuleHandle {
        counters.lookups &+= 1
        if let bound { return classifier.lookup(key, after: bound) }
        guard let cache, ExactMatchCache.caches(key) else { return classifier.lookup(key) }
        let hash = ExactMatchCache.hash(key)
        let generation = classifier.generation
        if let cached = cache.lookup(key, hash: hash, generation: generation) {
            counters.cacheHits &+= 1
            return cached
        }
        let handle = classifier.lookup(key)
        cache.insert(key, hash: hash, generation: generation, handle: handle)
        return handle
    }

    // MARK: Results

    /// Appends the working frame as an output.
    mutating func emit(_ egress: DatapathEgress, input: Int) {
        let length = work.count
        guard outputLength + length <= outputBytes.count else { return drop(.outputFull) }
        let offset = outputLength
        outputBytes.withUnsafeMutableBytes { out in
            work.withUnsafeBytes { (out.baseAddress! + offset).copyMemory(from: $0.baseAddress!, byteCount: length) }
        }
        outputLength += length
        outputs.append(DatapathOutput(egress: egress, offset: offset, length: length, input: input))
        counters.sent &+= 1
    }

    mutating func drop(_ reason: DatapathDropReason) {
        counters.drops[reason.rawValue] &+= 1
    }

    // MARK: Upcalls

    /// When every rule the frame met is placed in hardware, the NIC should have handled the
    /// frame: those rules are missing there (not installed yet, or evicted). Queue them for the
    /// agent, within the per-rule and overall rates.
    private mutating func requestInstallsIfAllHardware(now: DatapathInstant) {
        guard !path.isEmpty else { return }
        for slot in path where placements[slot] != .hardware { return }
        let policy = configuration.upcalls
        for slot in path {
            if ruleLimiters[slot] == nil { ruleLimiters[slot] = TokenBucket(rate: policy.perRuleRate, burst: policy.perRuleBurst) }
            guard installRequests.count < policy.maximumPending, ruleLimiters[slot]!.take(1, now: now), overallLimiter.take(1, now: now),
                  let id = ruleIDs[slot] else {
                counters.suppressedUpcalls &+= 1
                ruleCounters[slot].suppressedUpcalls &+= 1
                continue
            }
            installRequests.append(id)
            counters.upcalls &+= 1
            ruleCounters[slot].upcalls &+= 1
        }
    }
}
