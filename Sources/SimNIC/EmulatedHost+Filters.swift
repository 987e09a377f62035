import EswitchModel
import Netlink
import Platform

/// What a successful filter change reports besides its identity: a warning the ACK carries.
public struct FilterInstallResult: Hashable, Sendable {
    /// The filter's identity (with the handle and priority the kernel chose when asked for 0).
    public var id: SimFilterID
    /// True when the emulated hardware took the filter.
    public var inHardware: Bool
    /// The driver's text when the offload was refused and the request asked for verbose messages
    /// (the kernel passes extack to the driver only for skip_sw or verbose filters).
    public var warning: String?
}

/// One entry of a filter dump: the priority header the kernel emits first for each tcf_proto
/// (kind and chain, no handle), then each filter.
public enum FilterDumpEntry: Hashable, Sendable {
    case priority(ifindex: IfIndex, hook: TCHook, chain: UInt32, priority: UInt16, protocol: EtherType, kind: String)
    case filter(SimFilter)
}

extension EmulatedHost {
    /// TC_ACT_EXT_VAL_MASK: the largest chain index (net/sched/cls_api.c "Specified chain index
    /// exceeds upper limit").
    static let maximumChain: UInt32 = 0x0FFF_FFFF
    /// Action kinds the kernel has modules for; others fail as tcf_action_init_1 does when
    /// request_module finds nothing (ENOENT "Failed to load TC action module").
    static let knownActionKinds: Set<String> = [
        "mirred", "tunnel_key", "vlan", "pedit", "csum", "gact", "police", "ct", "sample", "mpls", "skbedit",
        "nat", "connmark", "ctinfo", "gate", "simple", "ife", "bpf", "xt", "ipt", "skbmod",
    ]

    /// Adds or replaces a flower filter (RTM_NEWTFILTER), with the core's checks
    /// (net/sched/cls_api.c tc_new_tfilter, cls_flower.c fl_change) and the profile's offload
    /// decision:
    /// - device ENODEV; no ingress/clsact qdisc EINVAL "Parent Qdisc doesn't exists";
    /// - priority 0 allocates one (tcf_auto_prio: one below the lowest priority at or above
    ///   0x8000, else 0xC000), or ENOENT without NLM_F_CREATE;
    /// - an existing priority with another protocol or kind is EINVAL; a new one needs a kind and a
    ///   protocol (EINVAL), NLM_F_CREATE (ENOENT) and the flower classifier (ENOENT "TC classifier
    ///   not found");
    /// - an existing handle with NLM_F_EXCL is EEXIST "Filter already exists", without it the
    ///   filter is replaced; a new handle needs NLM_F_CREATE; handle 0 takes the lowest free one;
    /// - skip_sw with skip_hw, or unknown flag bits, is EINVAL; the same keys twice in one priority
    ///   is EEXIST;
    /// - offload: skip_hw stays in software; otherwise the profile decides (``offloadDecision``);
    ///   a refusal fails a skip_sw filter with the driver's errno and extack, and leaves any other
    ///   filter in software (not_in_hw).
    public mutating func addFilter(_ message: FilterMessage, create: Bool = true, exclusive: Bool = true) throws(SimNICError) -> FilterInstallResult {
        try insertFilter(FilterInsert(message), create: create, exclusive: exclusive)
    }

    /// ``addFilter(_:create:exclusive:)`` on a request already read (from a typed message or from
    /// the wire): the kernel's checks in order, the offload decision, then the tables.
    mutating func insertFilter(_ insert: FilterInsert, create: Bool, exclusive: Bool) throws(SimNICError) -> FilterInstallResult {
        let ifindex = insert.ifindex
        // The role alone, read in place (a copy of the link would retain its names).
        guard let linkIndex = links.index(forKey: ifindex) else { throw SimNICError(.noSuchDevice) }
        let role = links.values[linkIndex].role
        let hook = try hook(for: insert.parent, on: ifindex)
        let chainIndex = insert.chain ?? 0
        guard chainIndex <= Self.maximumChain else { throw SimNICError(.invalidArgument, "Specified chain index exceeds upper limit") }
        let blockID = TCBlockID(ifindex: ifindex, hook: hook)
        let lookup = try protoLookup(blockID, chain: chainIndex, priority: insert.priority, create: create, handle: insert.handle,
                                     protocol: insert.protocol, kind: insert.kind, options: insert.options, digest: insert.digest)
        let priority = lookup.priority
        var handle = insert.handle
        if lookup.replacing != nil, exclusive { throw SimNICError(.fileExists, "Filter already exists") }
        if lookup.replacing == nil, !create {
            throw SimNICError(.noSuchFileOrDirectory, "Need both RTM_NEWTFILTER and NLM_F_CREATE to create a new filter")
        }
        guard let storedOptions = insert.options else { throw SimNICError(.invalidArgument) }
        let flags = insert.flags
        try Self.validate(flags: flags)
        try validate(insert.actions)
        if lookup.hasTwin { throw SimNICError(.fileExists) }

        // The offload decision, as the driver makes it.
        var inHardware = false
        var hardwarePF: Int?
        var reason: String?
        var warning: String?
        if flags.contains(.skipHardware) {
            reason = "skip_hw"
        } else {
            // The filter being replaced frees its own entry.
            let spare = lookup.replacing?.inHardware == true ? 1 : 0
            var decision = quickOffloadDecision(insert, on: role, chain: chainIndex, priority: priority, spareEntries: spare)
                ?? offloadDecision(options: storedOptions.flowerOptions, on: role, chain: chainIndex, priority: priority, spareEntries: spare)
            if case .success = decision, let fault = faults.nextInsertion {
                faults.nextInsertion = nil
                decision = .failure(fault)
            }
            switch decision {
            case .success(let pf):
                inHardware = true
                hardwarePF = pf
            case .failure(let refusal):
                if flags.contains(.skipSoftware) { throw refusal }
                reason = refusal.message ?? refusal.errno.description
                if flags.contains(.verbose) { warning = refusal.message }
            }
        }

        // Commit, changing the stored tables in place through one access (no copy of a
        // priority's filters, one lookup of the block and chain).
        if let old = lookup.replacing { released(old, notify: false) }
        let p: Int
        if let existing = lookup.protoIndex {
            p = existing
        } else {
            let proto = TCProto(priority: priority, protocol: insert.protocol, kind: insert.kind ?? "flower")
            let at = blocks[blockID]?.chains[chainIndex]?.protos.firstIndex { $0.priority > priority } ?? (blocks[blockID]?.chains[chainIndex]?.protos.count ?? 0)
            blocks[blockID, default: TCBlock()].chains[chainIndex, default: TCChain()].protos.insert(proto, at: at)
            p = at
        }
        let now = clock.now()
        let requested = insert.actions.actions
        var actions: [SimAction] = []
        actions.reserveCapacity(requested.count)
        for (action, (kind, index)) in zip(requested, insert.actions.kinds) {
            actions.append(SimAction(requested: action, kind: kind, index: index ?? nextIndex(for: kind), installedAt: now, lastUsedAt: now))
        }
        let storedProtocol = lookup.protocol ?? insert.protocol
        let digest = insert.digest
        func store(_ proto: inout TCProto) -> UInt32 {
            if handle == 0 { handle = proto.lowestFreeHandle() }
            let id = SimFilterID(ifindex: ifindex, hook: hook, chain: chainIndex, priority: priority, handle: handle)
            proto.filters[handle] = SimFilter(id: id, protocol: storedProtocol, options: storedOptions, matchDigest: digest, requestedFlags: flags,
                                              inHardware: inHardware, hardwarePF: hardwarePF, notInHardwareReason: reason, actions: actions)
            proto.recordDigest(digest, handle: handle)
            return handle
        }
        handle = store(&blocks[blockID, default: TCBlock()].chains[chainIndex, default: TCChain()].protos[p])
        for target in insert.actions.gotoChains {
            blocks[blockID, default: TCBlock()].chains[target, default: TCChain()].actionReferences += 1
        }
        if inHardware { hardwareRuleCount += 1 }
        let id = SimFilterID(ifindex: ifindex, hook: hook, chain: chainIndex, priority: priority, handle: handle)
        events.append(.filterAdded(id))
        return FilterInstallResult(id: id, inHardware: inHardware, warning: warning)
    }

    /// What the tables say about a new filter's priority (net/sched/cls_api.c tc_new_tfilter and
    /// tcf_chain_tp_find), read without keeping a copy of the tables.
    ///
    /// `hasTwin` tells whether another filter of the priority has the same match (`options` with
    /// `digest`); the caller refuses it after its own checks, in the kernel's order.
    private func protoLookup(_ blockID: TCBlockID, chain chainIndex: UInt32, priority requested: UInt16, create: Bool, handle: UInt32,
                             protocol protocolValue: EtherType, kind: String?, options: SimFilterOptions?, digest: UInt64) throws(SimNICError)
        -> (priority: UInt16, protoIndex: Int?, protocol: EtherType?, replacing: SimFilter?, hasTwin: Bool) {
        let protos = blocks[blockID]?.chains[chainIndex]?.protos ?? []
        var priority = requested
        if priority == 0 {
            guard create else { throw SimNICError(.noSuchFileOrDirectory, "Invalid filter command with priority of zero") }
            // tcf_auto_prio: one below the first priority at or above 0x8000, else 0xC000; a
            // priority of exactly 0x8000 there leaves nothing to allocate (EINVAL).
            let high = protos.first { $0.priority >= 0x8000 }
            if high?.priority == 0x8000 { throw SimNICError(.invalidArgument, "Filter with specified priority/protocol not found") }
            priority = high.map { $0.priority - 1 } ?? 0xC000
        }
        guard let p = protos.firstIndex(where: { $0.priority == priority }) else {
            guard let kind, protocolValue.rawValue != 0 else { throw SimNICError(.invalidArgument, "Filter kind and protocol must be specified") }
            guard create else {
                throw SimNICError(.noSuchFileOrDirectory, "Need both RTM_NEWTFILTER and NLM_F_CREATE to create a new filter")
            }
            guard kind == "flower" else { throw SimNICError(.noSuchFileOrDirectory, "TC classifier not found") }
            return (priority, nil, nil, nil, false)
        }
        // Read through the array's storage in place: a copy of the priority would cost a retain
        // and a release of each of its tables.
        return try protos.withUnsafeBufferPointer { (all) throws(SimNICError) in
            let storedProtocol = all[p].protocol
            if protocolValue.rawValue != 0, storedProtocol != protocolValue {
                throw SimNICError(.invalidArgument, "Filter with specified priority/protocol not found")
            }
            if let kind, kind != all[p].kind { throw SimNICError(.invalidArgument, "Specified filter kind does not match existing one") }
            let hasTwin = options.map { all[p].twin(of: $0, digest: digest, handle: handle) != nil } ?? false
            return (priority, p, storedProtocol, handle == 0 ? nil : all[p].filters[handle], hasTwin)
        }
    }

    /// Deletes filters (RTM_DELTFILTER): one filter by handle, a whole priority with handle 0, or
    /// the whole chain with priority 0 (`tc filter del dev X ingress`), with the core's answers:
    /// ENOENT "Cannot find specified filter chain", ENOENT "Filter with specified priority/protocol
    /// not found", EINVAL "Specified filter kind does not match existing one", ENOENT "Specified
    /// filter handle not found".
    ///
    /// - Returns: the filters removed.
    @discardableResult
    public mutating func deleteFilters(ifindex: IfIndex, parent: TCHandle, chain chainIndex: UInt32 = 0, priority: UInt16,
                                       protocol protocolValue: EtherType = EtherType(0), handle: UInt32 = 0,
                                       kind: String? = nil) throws(SimNICError) -> [SimFilter] {
        guard links[ifindex] != nil else { throw SimNICError(.noSuchDevice) }
        let hook = try hook(for: parent, on: ifindex)
        let blockID = TCBlockID(ifindex: ifindex, hook: hook)
        guard let chain = blocks[blockID]?.chains[chainIndex] else {
            if priority == 0 { return [] }
            throw SimNICError(.noSuchFileOrDirectory, "Cannot find specified filter chain")
        }
        var removed: [SimFilter] = []
        if priority == 0 {
            for proto in chain.protos { removed += proto.filters.keys.sorted().compactMap { proto.filters[$0] } }
        } else {
            guard let proto = chain.protos.first(where: { $0.priority == priority }) else {
                throw SimNICError(.noSuchFileOrDirectory, "Filter with specified priority/protocol not found")
            }
            if protocolValue.rawValue != 0, proto.protocol != protocolValue {
                throw SimNICError(.invalidArgument, "Filter with specified priority/protocol not found")
            }
            if let kind, kind != proto.kind { throw SimNICError(.invalidArgument, "Specified filter kind does not match existing one") }
            if handle == 0 {
                removed = proto.filters.keys.sorted().compactMap { proto.filters[$0] }
            } else {
                guard let filter = proto.filters[handle] else {
                    throw SimNICError(.noSuchFileOrDirectory, "Specified filter handle not found")
                }
                removed = [filter]
            }
        }
        for filter in removed { released(filter) }
        if priority == 0 || handle == 0 {
            // A flushed chain or priority goes away even when it held no filter.
            if priority == 0 {
                blocks[blockID]?.chains[chainIndex]?.protos.removeAll()
            } else {
                blocks[blockID]?.chains[chainIndex]?.protos.removeAll { $0.priority == priority }
            }
            pruneChain(blockID, chainIndex)
        }
        return removed
    }

    /// Finds one filter (RTM_GETTFILTER), with the core's answers (the missing chain is EINVAL
    /// here, as tc_get_tfilter says).
    public func filter(ifindex: IfIndex, parent: TCHandle, chain chainIndex: UInt32 = 0, priority: UInt16,
                       protocol protocolValue: EtherType = EtherType(0), handle: UInt32, kind: String? = nil) throws(SimNICError) -> SimFilter {
        guard links[ifindex] != nil else { throw SimNICError(.noSuchDevice) }
        let hook = try hook(for: parent, on: ifindex)
        guard priority != 0 else { throw SimNICError(.noSuchFileOrDirectory, "Invalid filter command with priority of zero") }
        guard let chain = blocks[TCBlockID(ifindex: ifindex, hook: hook)]?.chains[chainIndex] else {
            throw SimNICError(.invalidArgument, "Cannot find specified filter chain")
        }
        guard let proto = chain.protos.first(where: { $0.priority == priority }) else {
            throw SimNICError(.noSuchFileOrDirectory, "Filter with specified priority/protocol not found")
        }
        if protocolValue.rawValue != 0, proto.protocol != protocolValue {
            throw SimNICError(.invalidArgument, "Filter with specified priority/protocol not found")
        }
        if let kind, kind != proto.kind { throw SimNICError(.invalidArgument, "Specified filter kind does not match existing one") }
        guard let filter = proto.filters[handle] else { throw SimNICError(.noSuchFileOrDirectory, "Specified filter handle not found") }
        return filter
    }

    /// The filter with this identity, if installed.
    public func filter(_ id: SimFilterID) -> SimFilter? {
        blocks[TCBlockID(ifindex: id.ifindex, hook: id.hook)]?.chains[id.chain]?.protos.first { $0.priority == id.priority }?.filters[id.handle]
    }

    /// Every installed filter, in device, hook, chain, priority and handle order.
    public var allFilters: [SimFilter] {
        var out: [SimFilter] = []
        for id in blocks.keys.sorted(by: { ($0.ifindex, $0.hook) < ($1.ifindex, $1.hook) }) {
            guard let block = blocks[id] else { continue }
            for chain in block.chains.keys.sorted() {
                for proto in block.chains[chain]?.protos ?? [] {
                    out += proto.filters.keys.sorted().compactMap { proto.filters[$0] }
                }
            }
        }
        return out
    }

    /// The entries of `tc filter show dev X PARENT [chain C]`: for each chain, each priority's
    /// header then its filters by handle (net/sched/cls_api.c tcf_chain_dump).
    public func filterDump(ifindex: IfIndex, parent: TCHandle, chain: UInt32? = nil) throws(SimNICError) -> [FilterDumpEntry] {
        guard links[ifindex] != nil else { throw SimNICError(.noSuchDevice) }
        let hook = try hook(for: parent, on: ifindex)
        guard let block = blocks[TCBlockID(ifindex: ifindex, hook: hook)] else { return [] }
        var out: [FilterDumpEntry] = []
        for index in block.chains.keys.sorted() where chain == nil || chain == index {
            for proto in block.chains[index]?.protos ?? [] {
                out.append(.priority(ifindex: ifindex, hook: hook, chain: index, priority: proto.priority, protocol: proto.protocol, kind: proto.kind))
                out += proto.filters.keys.sorted().compactMap { proto.filters[$0] }.map { .filter($0) }
            }
        }
        return out
    }

    /// Counts traffic on a filter's actions (what the data path or a test reports): every action
    /// sees the packets; in hardware the counters are also the hardware part. Updates last use.
    ///
    /// - Throws: ENOENT when no such filter is installed.
    public mutating func recordTraffic(on id: SimFilterID, packets: UInt64, bytes: UInt64) throws(SimNICError) {
        let blockID = TCBlockID(ifindex: id.ifindex, hook: id.hook)
        // Counted in place: a copy of the filter would copy its action list on every packet.
        let now = clock.now()
        guard let p = blocks[blockID]?.chains[id.chain]?.protos.firstIndex(where: { $0.priority == id.priority }),
              blocks[blockID]?.chains[id.chain]?.protos[p].filters[id.handle]?.count(packets: packets, bytes: bytes, at: now) != nil else {
            throw SimNICError(.noSuchFileOrDirectory, "Specified filter handle not found")
        }
    }

    // MARK: Helpers

    /// The block a filter parent designates, as __tcf_qdisc_find / __tcf_block_find resolve it:
    /// major ffff is the ingress/clsact qdisc; the ingress qdisc maps every minor to its one
    /// block, clsact knows ffff:fff2 (ingress) and ffff:fff3 (egress).
    func hook(for parent: TCHandle, on ifindex: IfIndex) throws(SimNICError) -> TCHook {
        guard parent.major == 0xFFFF, let qdisc = qdiscs[ifindex] else {
            throw SimNICError(.invalidArgument, "Parent Qdisc doesn't exists")
        }
        if qdisc.kind == "ingress" { return .ingress }
        switch parent.minor {
        case TCHandle.ingressHook.minor: return .ingress
        case TCHandle.egressHook.minor: return .egress
        default: throw SimNICError(.noSuchFileOrDirectory, "Specified class doesn't exist")
        }
    }

    static func validate(flags: FilterFlags) throws(SimNICError) {
        // tc_flags_valid (include/net/pkt_cls.h): only skip_hw, skip_sw, verbose, never both skips.
        let known: FilterFlags = [.skipHardware, .skipSoftware, .verbose]
        guard flags.subtracting(known).isEmpty, !flags.contains([.skipHardware, .skipSoftware]) else {
            throw SimNICError(.invalidArgument)
        }
    }

    /// The kernel's checks of an action list (net/sched/act_api.c, act_mirred.c), in action
    /// order: a mirred device that does not exist before the first host-independent refusal.
    func validate(_ facts: ActionListFacts) throws(SimNICError) {
        let limit = facts.refusal?.index ?? Int.max
        for (position, target) in facts.mirredTargets where position < limit && links.index(forKey: target) == nil {
            throw SimNICError(.noSuchDevice, "act_mirred: Specified device does not exist")
        }
        if let refusal = facts.refusal { throw refusal.error }
    }

    static func gotoChains(_ actions: [TCAction]) -> [UInt32] {
        actions.compactMap { action -> UInt32? in
            if case .gact(let o)? = action.parts.options { return o.verdict?.chain }
            return nil
        }
    }

    /// The next index of an action kind's table (indexes start at 1, as idr_alloc_u32 hands them out).
    mutating func nextIndex(for kind: TCActionKind) -> UInt32 {
        nextActionIndex.take(for: kind)
    }

    /// Book-keeping when a filter goes: hardware entry, chain references, the filter itself and
    /// the priority when it was its last filter, and the notification.
    mutating func released(_ filter: SimFilter, notify: Bool = true) {
        let blockID = TCBlockID(ifindex: filter.id.ifindex, hook: filter.id.hook)
        if filter.inHardware { hardwareRuleCount -= 1 }
        if let p = blocks[blockID]?.chains[filter.id.chain]?.protos.firstIndex(where: { $0.priority == filter.id.priority }) {
            blocks[blockID]?.chains[filter.id.chain]?.protos[p].filters[filter.id.handle] = nil
            blocks[blockID]?.chains[filter.id.chain]?.protos[p].forgetDigest(filter.matchDigest, handle: filter.id.handle)
            if let hint = blocks[blockID]?.chains[filter.id.chain]?.protos[p].nextHandle, filter.id.handle < hint {
                blocks[blockID]?.chains[filter.id.chain]?.protos[p].nextHandle = filter.id.handle
            }
            if notify, blocks[blockID]?.chains[filter.id.chain]?.protos[p].filters.isEmpty == true {
                blocks[blockID]?.chains[filter.id.chain]?.protos.remove(at: p)
            }
        }
        for target in Self.gotoChains(filter.actions.map(\.requested)) {
            blocks[blockID]?.chains[target]?.actionReferences -= 1
            pruneChain(blockID, target)
        }
        pruneChain(blockID, filter.id.chain)
        if notify { events.append(.filterRemoved(filter)) }
    }

    /// Drops a chain nobody uses any more, and the block when it has no chain left.
    mutating func pruneChain(_ blockID: TCBlockID, _ chain: UInt32) {
        if blocks[blockID]?.chains[chain]?.isEmpty == true { blocks[blockID]?.chains[chain] = nil }
        if blocks[blockID]?.chains.isEmpty == true { blocks[blockID] = nil }
    }
}

extension TCProto {
    /// The lowest free handle, from 1 (flower's idr_alloc_u32), found from a hint so that filling a
    /// priority stays linear.
    mutating func lowestFreeHandle() -> UInt32 {
        var handle = max(1, nextHandle)
        while filters[handle] != nil { handle &+= 1 }
        nextHandle = handle &+ 1
        return handle
    }
}

extension SimFilter {
    /// Adds traffic to every action's counters (and to their hardware part when in hardware).
    mutating func count(packets: UInt64, bytes: UInt64, at now: Duration) {
        for a in actions.indices {
            actions[a].packets &+= packets
            actions[a].bytes &+= bytes
            if inHardware {
                actions[a].hardwarePackets &+= packets
                actions[a].hardwareBytes &+= bytes
            }
            actions[a].lastUsedAt = now
            if actions[a].firstUsedAt == nil { actions[a].firstUsedAt = now }
        }
    }
}
