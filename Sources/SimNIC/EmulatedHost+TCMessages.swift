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
        var attributes = Self.withMasks(filter.options.attributes)
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

    /// The keys with their masks, as fl_dump_key reports them: a key sent without a mask (full
    /// match) is dumped with an all-ones mask right after it. Keys without a mask attribute
    /// (eth_type, ip_proto, vlan, enc_key_id) stay alone.
    static func withMasks(_ attributes: [FlowerAttribute]) -> [FlowerAttribute] {
        var present = Set<Int>()
        for attribute in attributes { if let tag = maskTag(of: attribute) { present.insert(tag) } }
        var out: [FlowerAttribute] = []
        out.reserveCapacity(attributes.count * 2)
        for attribute in attributes {
            out.append(attribute)
            if let (tag, mask) = fullMask(for: attribute), !present.contains(tag) { out.append(mask) }
        }
        return out
    }

    /// A number naming which key a mask attribute belongs to (the key's TCA_FLOWER type).
    private static func maskTag(of attribute: FlowerAttribute) -> Int? {
        switch attribute {
        case .dstMACMask: return Int(TCA_FLOWER.keyEthDst)
        case .srcMACMask: return Int(TCA_FLOWER.keyEthSrc)
        case .srcIPv4Mask: return Int(TCA_FLOWER.keyIPv4Src)
        case .dstIPv4Mask: return Int(TCA_FLOWER.keyIPv4Dst)
        case .srcIPv6Mask: return Int(TCA_FLOWER.keyIPv6Src)
        case .dstIPv6Mask: return Int(TCA_FLOWER.keyIPv6Dst)
        case .tcpSrcPortMask: return Int(TCA_FLOWER.keyTCPSrc)
        case .tcpDstPortMask: return Int(TCA_FLOWER.keyTCPDst)
        case .udpSrcPortMask: return Int(TCA_FLOWER.keyUDPSrc)
        case .udpDstPortMask: return Int(TCA_FLOWER.keyUDPDst)
        case .sctpSrcPortMask: return Int(TCA_FLOWER.keySCTPSrc)
        case .sctpDstPortMask: return Int(TCA_FLOWER.keySCTPDst)
        case .encSrcIPv4Mask: return Int(TCA_FLOWER.keyEncIPv4Src)
        case .encDstIPv4Mask: return Int(TCA_FLOWER.keyEncIPv4Dst)
        case .encSrcIPv6Mask: return Int(TCA_FLOWER.keyEncIPv6Src)
        case .encDstIPv6Mask: return Int(TCA_FLOWER.keyEncIPv6Dst)
        case .encSrcPortMask: return Int(TCA_FLOWER.keyEncUDPSrcPort)
        case .encDstPortMask: return Int(TCA_FLOWER.keyEncUDPDstPort)
        case .ipTOSMask: return Int(TCA_FLOWER.keyIPTOS)
        case .ipTTLMask: return Int(TCA_FLOWER.keyIPTTL)
        case .encTOSMask: return Int(TCA_FLOWER.keyEncIPTOS)
        case .encTTLMask: return Int(TCA_FLOWER.keyEncIPTTL)
        case .arpOpMask: return Int(TCA_FLOWER.keyARPOp)
        case .arpSIPMask: return Int(TCA_FLOWER.keyARPSIP)
        case .arpTIPMask: return Int(TCA_FLOWER.keyARPTIP)
        case .arpSHAMask: return Int(TCA_FLOWER.keyARPSHA)
        case .arpTHAMask: return Int(TCA_FLOWER.keyARPTHA)
        case .icmpv4TypeMask: return Int(TCA_FLOWER.keyICMPv4Type)
        case .icmpv4CodeMask: return Int(TCA_FLOWER.keyICMPv4Code)
        case .icmpv6TypeMask: return Int(TCA_FLOWER.keyICMPv6Type)
        case .icmpv6CodeMask: return Int(TCA_FLOWER.keyICMPv6Code)
        default: return nil
        }
    }

    /// The all-ones mask of a key attribute, with the key's tag.
    private static func fullMask(for attribute: FlowerAttribute) -> (Int, FlowerAttribute)? {
        let ip6 = IPv6Address(high: .max, low: .max), ip4 = IPv4Address(rawValue: .max)
        switch attribute {
        case .dstMAC: return (Int(TCA_FLOWER.keyEthDst), .dstMACMask(.broadcast))
        case .srcMAC: return (Int(TCA_FLOWER.keyEthSrc), .srcMACMask(.broadcast))
        case .srcIPv4: return (Int(TCA_FLOWER.keyIPv4Src), .srcIPv4Mask(ip4))
        case .dstIPv4: return (Int(TCA_FLOWER.keyIPv4Dst), .dstIPv4Mask(ip4))
        case .srcIPv6: return (Int(TCA_FLOWER.keyIPv6Src), .srcIPv6Mask(ip6))
        case .dstIPv6: return (Int(TCA_FLOWER.keyIPv6Dst), .dstIPv6Mask(ip6))
        case .tcpSrcPort: return (Int(TCA_FLOWER.keyTCPSrc), .tcpSrcPortMask(.max))
        case .tcpDstPort: return (Int(TCA_FLOWER.keyTCPDst), .tcpDstPortMask(.max))
        case .udpSrcPort: return (Int(TCA_FLOWER.keyUDPSrc), .udpSrcPortMask(.max))
        case .udpDstPort: return (Int(TCA_FLOWER.keyUDPDst), .udpDstPortMask(.max))
        case .sctpSrcPort: return (Int(TCA_FLOWER.keySCTPSrc), .sctpSrcPortMask(.max))
        case .sctpDstPort: return (Int(TCA_FLOWER.keySCTPDst), .sctpDstPortMask(.max))
        case .encSrcIPv4: return (Int(TCA_FLOWER.keyEncIPv4Src), .encSrcIPv4Mask(ip4))
        case .encDstIPv4: return (Int(TCA_FLOWER.keyEncIPv4Dst), .encDstIPv4Mask(ip4))
        case .encSrcIPv6: return (Int(TCA_FLOWER.keyEncIPv6Src), .encSrcIPv6Mask(ip6))
        case .encDstIPv6: return (Int(TCA_FLOWER.keyEncIPv6Dst), .encDstIPv6Mask(ip6))
        case .encSrcPort: return (Int(TCA_FLOWER.keyEncUDPSrcPort), .encSrcPortMask(.max))
        case .encDstPort: return (Int(TCA_FLOWER.keyEncUDPDstPort), .encDstPortMask(.max))
        case .ipTOS: return (Int(TCA_FLOWER.keyIPTOS), .ipTOSMask(.max))
        case .ipTTL: return (Int(TCA_FLOWER.keyIPTTL), .ipTTLMask(.max))
        case .encTOS: return (Int(TCA_FLOWER.keyEncIPTOS), .encTOSMask(.max))
        case .encTTL: return (Int(TCA_FLOWER.keyEncIPTTL), .encTTLMask(.max))
        case .arpOp: return (Int(TCA_FLOWER.keyARPOp), .arpOpMask(.max))
        case .arpSIP: return (Int(TCA_FLOWER.keyARPSIP), .arpSIPMask(ip4))
        case .arpTIP: return (Int(TCA_FLOWER.keyARPTIP), .arpTIPMask(ip4))
        case .arpSHA: return (Int(TCA_FLOWER.keyARPSHA), .arpSHAMask(.broadcast))
        case .arpTHA: return (Int(TCA_FLOWER.keyARPTHA), .arpTHAMask(.broadcast))
        case .icmpv4Type: return (Int(TCA_FLOWER.keyICMPv4Type), .icmpv4TypeMask(.max))
        case .icmpv4Code: return (Int(TCA_FLOWER.keyICMPv4Code), .icmpv4CodeMask(.max))
        case .icmpv6Type: return (Int(TCA_FLOWER.keyICMPv6Type), .icmpv6TypeMask(.max))
        case .icmpv6Code: return (Int(TCA_FLOWER.keyICMPv6Code), .icmpv6CodeMask(.max))
        default: return nil
        }
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
