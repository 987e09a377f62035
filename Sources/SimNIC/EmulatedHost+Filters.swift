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
        let ifindex = message.header.ifindex
        guard let link = links[ifindex] else { throw SimNICError(.noSuchDevice) }
        let hook = try hook(for: message.header.parent, on: ifindex)
        let chainIndex = message.chain ?? 0
        guard chainIndex <= Self.maximumChain else { throw SimNICError(.invalidArgument, "Specified chain index exceeds upper limit") }
        let protocolValue = message.protocol
        var priority = message.priority
        let allocate = priority == 0
        if allocate, !create { throw SimNICError(.noSuchFileOrDirectory, "Invalid filter command with priority of zero") }
        let blockID = TCBlockID(ifindex: ifindex, hook: hook)
        var block = blocks[blockID] ?? TCBlock()
        var chain = block.chains[chainIndex] ?? TCChain()
        if allocate {
            let high = chain.protos.first { $0.priority >= 0x8000 }
            if high?.priority == 0x8000 { throw SimNICError(.invalidArgument, "Filter with specified priority/protocol not found") }
            priority = high.map { $0.priority - 1 } ?? 0xC000
        }
        var protoIndex = chain.protos.firstIndex { $0.priority == priority }
        if let p = protoIndex {
            let proto = chain.protos[p]
            if protocolValue.rawValue != 0, proto.protocol != protocolValue {
                throw SimNICError(.invalidArgument, "Filter with specified priority/protocol not found")
            }
            if let kind = message.kind, kind != proto.kind {
                throw SimNICError(.invalidArgument, "Specified filter kind does not match existing one")
            }
        } else {
            guard let kind = message.kind, protocolValue.rawValue != 0 else {
                throw SimNICError(.invalidArgument, "Filter kind and protocol must be specified")
            }
            guard create else {
                throw SimNICError(.noSuchFileOrDirectory, "Need both RTM_NEWTFILTER and NLM_F_CREATE to create a new filter")
            }
            guard kind == "flower" else { throw SimNICError(.noSuchFileOrDirectory, "TC classifier not found") }
        }
        var handle = message.handle
        let replacing = protoIndex.flatMap { handle != 0 ? chain.protos[$0].filters[handle] : nil }
        if replacing != nil, exclusive { throw SimNICError(.fileExists, "Filter already exists") }
        if replacing == nil, !create {
            throw SimNICError(.noSuchFileOrDirectory, "Need both RTM_NEWTFILTER and NLM_F_CREATE to create a new filter")
        }
        guard let requestedOptions = message.flower else { throw SimNICError(.invalidArgument) }
        let flags = requestedOptions.flags ?? []
        try Self.validate(flags: flags)
        try validate(actions: requestedOptions.actions)
        let options = FlowerOptions(requestedOptions.attributes.filter {
            switch $0 {
            case .flags, .inHardwareCount, .actions: return false
            default: return true
            }
        })
        if let p = protoIndex {
            let keys = Self.matchSignature(options)
            for (existingHandle, existing) in chain.protos[p].filters where existingHandle != handle && Self.matchSignature(existing.options) == keys {
                throw SimNICError(.fileExists)
            }
        }

        // The offload decision, as the driver makes it.
        var inHardware = false
        var hardwarePF: Int?
        var reason: String?
        var warning: String?
        if flags.contains(.skipHardware) {
            reason = "skip_hw"
        } else {
            var decision = offloadDecision(options: requestedOptions, on: link, chain: chainIndex, priority: priority)
            if replacing?.inHardware == true, case .failure(let e) = decision, e.errno == .noSpace {
                // The filter being replaced frees its own entry.
                decision = offloadDecision(options: requestedOptions, on: link, chain: chainIndex, priority: priority, spareEntries: 1)
            }
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

        // Commit.
        if let old = replacing {
            released(old, notify: false)
            chain = blocks[blockID]?.chains[chainIndex] ?? chain
            block = blocks[blockID] ?? block
        }
        if protoIndex == nil {
            let proto = TCProto(priority: priority, protocol: protocolValue, kind: message.kind ?? "flower")
            let at = chain.protos.firstIndex { $0.priority > priority } ?? chain.protos.endIndex
            chain.protos.insert(proto, at: at)
            protoIndex = at
        }
        guard let p = protoIndex else { throw SimNICError(.invalidArgument) }
        if handle == 0 {
            handle = 1
            while chain.protos[p].filters[handle] != nil { handle += 1 }
        }
        let now = clock.now()
        var actions: [SimAction] = []
        for action in requestedOptions.actions {
            let kind = action.kind ?? .other("")
            let index = action.index ?? nextIndex(for: kind.name)
            actions.append(SimAction(requested: action, kind: kind, index: index, installedAt: now, lastUsedAt: now))
        }
        let id = SimFilterID(ifindex: ifindex, hook: hook, chain: chainIndex, priority: priority, handle: handle)
        chain.protos[p].filters[handle] = SimFilter(
            id: id, protocol: chain.protos[p].protocol, options: options, requestedFlags: flags, inHardware: inHardware,
            hardwarePF: hardwarePF, notInHardwareReason: reason, actions: actions)
        block.chains[chainIndex] = chain
        blocks[blockID] = block
        for target in Self.gotoChains(requestedOptions.actions) {
            blocks[blockID, default: TCBlock()].chains[target, default: TCChain()].actionReferences += 1
        }
        if inHardware { hardwareRuleCount += 1 }
        events.append(.filterAdded(id))
        return FilterInstallResult(id: id, inHardware: inHardware, warning: warning)
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
        guard let p = blocks[blockID]?.chains[id.chain]?.protos.firstIndex(where: { $0.priority == id.priority }),
              var filter = blocks[blockID]?.chains[id.chain]?.protos[p].filters[id.handle] else {
            throw SimNICError(.noSuchFileOrDirectory, "Specified filter handle not found")
        }
        let now = clock.now()
        for a in filter.actions.indices {
            filter.actions[a].packets &+= packets
            filter.actions[a].bytes &+= bytes
            if filter.inHardware {
                filter.actions[a].hardwarePackets &+= packets
                filter.actions[a].hardwareBytes &+= bytes
            }
            filter.actions[a].lastUsedAt = now
            if filter.actions[a].firstUsedAt == nil { filter.actions[a].firstUsedAt = now }
        }
        blocks[blockID]?.chains[id.chain]?.protos[p].filters[id.handle] = filter
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

    /// The kernel's checks of an action list (net/sched/act_api.c, act_mirred.c).
    func validate(actions: [TCAction]) throws(SimNICError) {
        // TCA_ACT_MAX_PRIO: at most 32 actions, numbered from 1.
        guard actions.count <= 32, actions.allSatisfy({ (1...32).contains($0.order) }) else {
            throw SimNICError(.invalidArgument, "Too many actions or action order out of range")
        }
        for action in actions {
            guard let kind = action.kind else { throw SimNICError(.invalidArgument, "TC action kind must be specified") }
            guard Self.knownActionKinds.contains(kind.name) else {
                throw SimNICError(.noSuchFileOrDirectory, "Failed to load TC action module")
            }
            if case .mirred(let o)? = action.options {
                guard let p = o.parameters else { throw SimNICError(.invalidArgument, "act_mirred: Missing required mirred parameters") }
                guard links[p.ifindex] != nil else { throw SimNICError(.noSuchDevice, "act_mirred: Specified device does not exist") }
            }
            if case .gact(let o)? = action.options, let chain = o.verdict?.chain, chain > Self.maximumChain {
                throw SimNICError(.invalidArgument, "Specified chain index exceeds upper limit")
            }
        }
    }

    static func gotoChains(_ actions: [TCAction]) -> [UInt32] {
        actions.compactMap { action -> UInt32? in
            if case .gact(let o)? = action.options { return o.verdict?.chain }
            return nil
        }
    }

    /// The match part of flower options, order-insensitive: two filters with the same keys and
    /// masks collide (flower's hash table refuses the second with EEXIST).
    static func matchSignature(_ options: FlowerOptions) -> [[UInt8]] {
        var parts: [[UInt8]] = []
        for attribute in options.attributes {
            switch attribute {
            case .actions, .flags, .inHardwareCount, .classID: continue
            default:
                var w = NetlinkWriter(capacity: 64)
                attribute.encode(into: &w)
                parts.append(w.bytes)
            }
        }
        return parts.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// The next index of an action kind's table (indexes start at 1, as idr_alloc_u32 hands them out).
    mutating func nextIndex(for kind: String) -> UInt32 {
        let index = nextActionIndex[kind, default: 1]
        nextActionIndex[kind] = index &+ 1
        return index
    }

    /// Book-keeping when a filter goes: hardware entry, chain references, the filter itself and
    /// the priority when it was its last filter, and the notification.
    mutating func released(_ filter: SimFilter, notify: Bool = true) {
        let blockID = TCBlockID(ifindex: filter.id.ifindex, hook: filter.id.hook)
        if filter.inHardware { hardwareRuleCount -= 1 }
        if let p = blocks[blockID]?.chains[filter.id.chain]?.protos.firstIndex(where: { $0.priority == filter.id.priority }) {
            blocks[blockID]?.chains[filter.id.chain]?.protos[p].filters[filter.id.handle] = nil
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
