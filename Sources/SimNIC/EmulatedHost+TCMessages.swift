import EswitchModel
import Netlink

extension EmulatedHost {
    /// The RTM_NEWQDISC body of a qdisc dump or notification: kind, empty options, not offloaded.
    func qdiscMessage(_ qdisc: SimQdisc) -> QdiscMessage {
        QdiscMessage(
            header: TCMessageHeader(ifindex: qdisc.ifindex, handle: .ingressQdisc, parent: .ingressQdiscParent, info: 1),
            attributes: [.kind(qdisc.kind), .unknown(RawAttribute(type: TCA.options, payload: [])), .hardwareOffload(0)])
    }

    /// The RTM_NEWTFILTER body of one dump entry (net/sched/cls_api.c tcf_fill_node: the tcmsg,
    /// TCA_KIND, TCA_CHAIN, then the classifier's options; a priority header has no options).
    func filterMessage(_ entry: FilterDumpEntry) -> FilterMessage {
        switch entry {
        case .priority(let ifindex, let hook, let chain, let priority, let protocolValue, let kind):
            return FilterMessage(
                header: TCMessageHeader(ifindex: ifindex, handle: 0, parent: hook.parent, priority: priority, protocol: protocolValue),
                attributes: [.kind(kind), .chain(chain)])
        case .filter(let filter):
            return filterMessage(filter)
        }
    }

    /// The RTM_NEWTFILTER body of an installed flower filter (cls_flower.c fl_dump): the keys as
    /// requested, TCA_FLOWER_IN_HW_COUNT, TCA_FLOWER_FLAGS with in_hw / not_in_hw, then the
    /// actions with their indexes, counters (TCA_ACT_STATS with the hardware part) and times.
    public func filterMessage(_ filter: SimFilter) -> FilterMessage {
        var attributes = filter.options.attributes
        attributes.append(.inHardwareCount(filter.inHardware ? 1 : 0))
        attributes.append(.flags(filter.reportedFlags))
        if !filter.actions.isEmpty {
            attributes.append(.actions(filter.actions.map { actionDump($0, inHardware: filter.inHardware) }))
        }
        return FilterMessage(
            header: TCMessageHeader(ifindex: filter.id.ifindex, handle: filter.id.handle, parent: filter.id.hook.parent,
                                    priority: filter.id.priority, protocol: filter.protocol),
            attributes: [.kind("flower"), .chain(filter.id.chain), .flower(FlowerOptions(attributes))])
    }

    /// One action as tcf_action_dump_1 writes it: kind, counters, cookie, hardware counter kind,
    /// in-hardware count, then the options with the table state (index, references) and times.
    func actionDump(_ action: SimAction, inHardware: Bool) -> TCAction {
        let now = clock.now()
        let time = TCActionTime(install: Self.ticks(now - action.installedAt), lastUse: Self.ticks(now - action.lastUsedAt),
                                expires: 0, firstUse: action.firstUsedAt.map { Self.ticks(now - $0) } ?? 0)
        var stats: [TCStatsAttribute] = [.basic(TCStatsBasic(bytes: action.bytes, packets: UInt32(truncatingIfNeeded: action.packets)))]
        if action.packets > UInt64(UInt32.max) { stats.append(.packets64(action.packets)) }
        stats.append(.basicHardware(TCStatsBasic(bytes: action.hardwareBytes, packets: UInt32(truncatingIfNeeded: action.hardwarePackets))))
        stats.append(.queue(TCStatsQueue()))
        var attributes: [TCActionAttribute] = [.kind(action.kind), .statistics(stats)]
        if let cookie = action.requested.cookie { attributes.append(.cookie(cookie)) }
        if inHardware { attributes.append(.usedHardwareStats(TCBitfield32(value: TCA_ACT_HW_STATS.delayed, selector: TCA_ACT_HW_STATS.immediate | TCA_ACT_HW_STATS.delayed))) }
        attributes.append(.inHardwareCount(inHardware ? 1 : 0))
        if let options = action.requested.options {
            attributes.append(.options(Self.dumpOptions(options, index: action.index, time: time), nestedFlag: false))
        }
        return TCAction(order: action.requested.order, attributes: attributes)
    }

    /// Jiffies as the kernel reports them to user space (jiffies_to_clock_t: USER_HZ = 100).
    static func ticks(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return 0 }
        return UInt64(seconds) * 100 + UInt64(attoseconds / 10_000_000_000_000_000)
    }

    /// The options with the fields the kernel fills on dump: the action's index, one reference and
    /// one binding (the filter), and the times.
    static func dumpOptions(_ options: TCActionOptions, index: UInt32, time: TCActionTime) -> TCActionOptions {
        func common(_ c: TCActionCommon) -> TCActionCommon {
            var c = c
            c.index = index
            c.refcnt = 1
            c.bindcnt = 1
            return c
        }
        switch options {
        case .mirred(var o):
            o.attributes = o.attributes.map {
                guard case .parameters(var p) = $0 else { return $0 }
                p.common = common(p.common)
                return .parameters(p)
            }
            o.attributes.append(.time(time))
            return .mirred(o)
        case .tunnelKey(var o):
            o.attributes = o.attributes.map {
                guard case .parameters(var p) = $0 else { return $0 }
                p.common = common(p.common)
                return .parameters(p)
            }
            o.attributes.append(.time(time))
            return .tunnelKey(o)
        case .vlan(var o):
            o.attributes = o.attributes.map {
                guard case .parameters(var p) = $0 else { return $0 }
                p.common = common(p.common)
                return .parameters(p)
            }
            o.attributes.append(.time(time))
            return .vlan(o)
        case .pedit(var o):
            o.attributes = o.attributes.map {
                switch $0 {
                case .parameters(var s):
                    s.common = common(s.common)
                    return .parameters(s)
                case .extendedParameters(var s):
                    s.common = common(s.common)
                    return .extendedParameters(s)
                case .extendedKeys(let keys, _):
                    return .extendedKeys(keys, nestedFlag: false)
                default:
                    return $0
                }
            }
            o.attributes.append(.time(time))
            return .pedit(o)
        case .csum(var o):
            o.attributes = o.attributes.map {
                guard case .parameters(var p) = $0 else { return $0 }
                p.common = common(p.common)
                return .parameters(p)
            }
            o.attributes.append(.time(time))
            return .csum(o)
        case .gact(var o):
            o.attributes = o.attributes.map {
                guard case .parameters(let c) = $0 else { return $0 }
                return .parameters(common(c))
            }
            o.attributes.append(.time(time))
            return .gact(o)
        case .police(var o):
            o.attributes = o.attributes.map {
                guard case .parameters(var p) = $0 else { return $0 }
                p.index = index
                p.refcnt = 1
                p.bindcnt = 1
                return .parameters(p)
            }
            o.attributes.append(.time(time))
            return .police(o)
        case .raw:
            return options
        }
    }
}
