import EswitchModel
import Netlink
import Platform

/// One match key of a flower filter in the profile's vocabulary: the key, or the name a refusal
/// uses when no profile has a word for it, and whether its mask is partial (a prefix or any
/// non-full mask).
typealias OffloadKey = (key: FlowerKey?, unknownName: String?, partial: Bool)

extension EmulatedHost {
    /// Decides whether the hardware takes a filter, checking in the driver's order (match keys,
    /// actions, mirred targets, encap, goto chains, then chain and priority ranges, then table
    /// space) and answering with the driver's error when it does not.
    ///
    /// ``HardwareProfile/maxActionsPerRule`` is not a refusal: ice parses the whole list and keeps
    /// the last action (Intel's switchdev guide), so a longer list of supported actions is taken.
    ///
    /// The checks walk the options in place: this runs for every insertion, and lists built only to
    /// be read once cost more than the checks themselves.
    ///
    /// - Returns: the index of the PF whose eswitch holds the rule, or the refusal.
    func offloadDecision(options: FlowerOptions, on role: SimLinkRole, chain: UInt32, priority: UInt16, spareEntries: Int = 0) -> Result<Int, SimNICError> {
        guard let port = role.portKind else { return .failure(DriverDialect.offloadDisabled()) }
        let actions = options.actions
        var pfNumber: Int
        switch role {
        case .physicalFunction(let number):
            guard let pf = physicalFunctions.firstIndex(where: { $0.number == number }) else { return .failure(DriverDialect.offloadDisabled()) }
            guard physicalFunctions[pf].eswitchMode == .switchdev else { return .failure(dialect.legacyMode()) }
            pfNumber = number
        case .representor(let number, _):
            pfNumber = number
        default:
            // A tunnel device is offloaded through the indirect block callbacks an eswitch in
            // switchdev mode registers; without one, nothing offloads it.
            guard let first = physicalFunctions.firstIndex(where: { $0.eswitchMode == .switchdev }) else {
                return .failure(DriverDialect.offloadDisabled())
            }
            pfNumber = physicalFunctions[first].number
            for action in actions {
                guard let target = Self.mirredTarget(action.parts.options), let role = links[target]?.role else { continue }
                switch role {
                case .representor(let n, _), .physicalFunction(let n): pfNumber = n
                default: break
                }
            }
        }
        if dialect.kind == .ice, let refusal = chainRefusal(chain: chain, priority: priority) { return .failure(refusal) }
        for attribute in options.attributes {
            if case .actions = attribute { continue }
            guard let entry = Self.offloadKey(attribute) else { continue }
            guard let key = entry.key else {
                let name = entry.unknownName ?? "flower attribute"
                return .failure(dialect.unsupportedKey(named: name, tunnel: name.hasPrefix("enc_"), on: port))
            }
            if !supports(key, on: port) { return .failure(dialect.unsupportedKey(key, on: port)) }
            if entry.partial, !profile.prefixMatch { return .failure(dialect.partialMask(key)) }
        }
        // One pass over the actions; the driver's order of refusals (every action's support, then
        // the mirred targets, then encap, then goto chains) is kept by holding the later ones back.
        var setsTunnelKey = false
        var targetRefusal: SimNICError?
        var gotoRefusal: SimNICError?
        for action in actions {
            let options = action.parts.options
            let refusal = Self.forEachOffloadAction(action, options: options) { (wanted, name) -> SimNICError? in
                guard let wanted, supports(wanted, on: port) else { return dialect.unsupportedAction(name) }
                if wanted == .tunnelKeySet { setsTunnelKey = true }
                return nil
            }
            if let refusal { return .failure(refusal) }
            if targetRefusal == nil, let target = Self.mirredTarget(options) {
                switch links[target]?.role {
                case .representor?, .physicalFunction?: break
                case .virtual(let kind)? where SimLinkRole.isTunnelKind(kind): break
                default: targetRefusal = dialect.foreignTarget()
                }
            }
            if gotoRefusal == nil, case .gact(let o)? = options, let target = o.verdict?.chain, target > profile.chains.maxChain {
                gotoRefusal = dialect.chainOutOfRange()
            }
        }
        if let targetRefusal { return .failure(targetRefusal) }
        if setsTunnelKey, dialect.kind == .mlx5,
           let pf = physicalFunctions.firstIndex(where: { $0.number == pfNumber }), physicalFunctions[pf].encapMode == .none {
            return .failure(dialect.encapDisabled())
        }
        if let gotoRefusal { return .failure(gotoRefusal) }
        if dialect.kind != .ice, let refusal = chainRefusal(chain: chain, priority: priority) { return .failure(refusal) }
        if hardwareRuleCount - spareEntries >= ruleCapacity { return .failure(dialect.tableFull(capacity: ruleCapacity)) }
        guard let index = physicalFunctions.firstIndex(where: { $0.number == pfNumber }) else { return .failure(DriverDialect.offloadDisabled()) }
        return .success(index)
    }

    /// Whether the profile matches `key` on `port` in hardware.
    func supports(_ key: FlowerKey, on port: PortKind) -> Bool {
        offloadTable.supports(key, on: port) ?? profile.supports(key: key, on: port).isSupported
    }

    /// Whether the profile carries `action` on `port` in hardware.
    func supports(_ action: OffloadAction, on port: PortKind) -> Bool {
        offloadTable.supports(action, on: port) ?? profile.supports(action: action, on: port).isSupported
    }

    /// The offload decision from what was read of the request, when it is an acceptance: the same
    /// checks as ``offloadDecision(options:on:chain:priority:spareEntries:)`` on key and action
    /// sets. Nil when any check fails or cannot be made this way; the caller then asks the full
    /// decision, which names the first refusal in the driver's order.
    func quickOffloadDecision(_ insert: FilterInsert, on role: SimLinkRole, chain: UInt32, priority: UInt16, spareEntries: Int) -> Result<Int, SimNICError>? {
        guard let port = role.portKind, let keys = insert.keys else { return nil }
        let facts = insert.actions
        let pfIndex: Int?
        switch role {
        case .physicalFunction(let number):
            pfIndex = physicalFunctions.firstIndex { $0.number == number && $0.eswitchMode == .switchdev }
        case .representor(let number, _):
            pfIndex = physicalFunctions.firstIndex { $0.number == number }
        default:
            // A tunnel device: the first switchdev eswitch, or the one a mirred target belongs to.
            guard let first = physicalFunctions.firstIndex(where: { $0.eswitchMode == .switchdev }) else { return nil }
            var number = physicalFunctions[first].number
            for (_, target) in facts.mirredTargets {
                switch links[target]?.role {
                case .representor(let n, _)?, .physicalFunction(let n)?: number = n
                default: break
                }
            }
            pfIndex = physicalFunctions.firstIndex { $0.number == number }
        }
        guard let pfIndex, chainRefusal(chain: chain, priority: priority) == nil,
              offloadTable.supportsKeys(keys.present, on: port) == true, !keys.partial || profile.prefixMatch,
              !facts.hasUnnamedAction, offloadTable.supportsActions(facts.offloadActions, on: port) == true else { return nil }
        for (_, target) in facts.mirredTargets {
            switch links[target]?.role {
            case .representor?, .physicalFunction?: break
            case .virtual(let kind)? where SimLinkRole.isTunnelKind(kind): break
            default: return nil
            }
        }
        if facts.setsTunnelKey, dialect.kind == .mlx5, physicalFunctions[pfIndex].encapMode == .none { return nil }
        for target in facts.gotoChains where target > profile.chains.maxChain { return nil }
        guard hardwareRuleCount - spareEntries < ruleCapacity else { return nil }
        return .success(pfIndex)
    }

    private func chainRefusal(chain: UInt32, priority: UInt16) -> SimNICError? {
        if chain > profile.chains.maxChain { return dialect.chainOutOfRange() }
        if priority > profile.chains.maxPriority { return dialect.priorityOutOfRange() }
        return nil
    }

    /// The device a mirred action sends to, if these are mirred options with parameters.
    static func mirredTarget(_ options: TCActionOptions?) -> IfIndex? {
        if case .mirred(let o)? = options { return o.parameters?.ifindex }
        return nil
    }

    /// A flower attribute as a match key in the profile's terms; nil for what is not a key (flags,
    /// the in-hardware count, the action list).
    static func offloadKey(_ attribute: FlowerAttribute) -> OffloadKey? {
        func key(_ k: FlowerKey) -> OffloadKey { (k, nil, false) }
        func masked(_ k: FlowerKey, full: Bool) -> OffloadKey { (k, nil, !full) }
        switch attribute {
        case .dstMAC: return key(.dstMAC)
        case .dstMACMask(let m): return masked(.dstMAC, full: m == .broadcast)
        case .srcMAC: return key(.srcMAC)
        case .srcMACMask(let m): return masked(.srcMAC, full: m == .broadcast)
        case .ethType: return key(.ethType)
        case .ipProto: return key(.ipProto)
        case .srcIPv4, .srcIPv6: return key(.srcIP)
        case .srcIPv4Mask(let m): return masked(.srcIP, full: m.rawValue == .max)
        case .srcIPv6Mask(let m): return masked(.srcIP, full: m.high == .max && m.low == .max)
        case .dstIPv4, .dstIPv6: return key(.dstIP)
        case .dstIPv4Mask(let m): return masked(.dstIP, full: m.rawValue == .max)
        case .dstIPv6Mask(let m): return masked(.dstIP, full: m.high == .max && m.low == .max)
        case .tcpSrcPort, .udpSrcPort, .sctpSrcPort: return key(.srcPort)
        case .tcpSrcPortMask(let m), .udpSrcPortMask(let m), .sctpSrcPortMask(let m): return masked(.srcPort, full: m == .max)
        case .tcpDstPort, .udpDstPort, .sctpDstPort: return key(.dstPort)
        case .tcpDstPortMask(let m), .udpDstPortMask(let m), .sctpDstPortMask(let m): return masked(.dstPort, full: m == .max)
        case .vlanID: return key(.vlanID)
        case .vlanPriority: return key(.vlanPrio)
        case .vlanEthType: return key(.vlanEthType)
        case .cvlanID: return key(.cvlanID)
        case .cvlanPriority: return key(.cvlanPrio)
        case .cvlanEthType: return key(.cvlanEthType)
        case .encKeyID: return key(.encKeyID)
        case .encSrcIPv4, .encSrcIPv6: return key(.encSrcIP)
        case .encSrcIPv4Mask(let m): return masked(.encSrcIP, full: m.rawValue == .max)
        case .encSrcIPv6Mask(let m): return masked(.encSrcIP, full: m.high == .max && m.low == .max)
        case .encDstIPv4, .encDstIPv6: return key(.encDstIP)
        case .encDstIPv4Mask(let m): return masked(.encDstIP, full: m.rawValue == .max)
        case .encDstIPv6Mask(let m): return masked(.encDstIP, full: m.high == .max && m.low == .max)
        case .encSrcPort: return key(.encSrcPort)
        case .encSrcPortMask(let m): return masked(.encSrcPort, full: m == .max)
        case .encDstPort: return key(.encDstPort)
        case .encDstPortMask(let m): return masked(.encDstPort, full: m == .max)
        case .icmpv4Type, .icmpv6Type: return key(.icmpType)
        case .icmpv4TypeMask(let m), .icmpv6TypeMask(let m): return masked(.icmpType, full: m == .max)
        case .icmpv4Code, .icmpv6Code: return key(.icmpCode)
        case .icmpv4CodeMask(let m), .icmpv6CodeMask(let m): return masked(.icmpCode, full: m == .max)
        case .arpOp, .arpOpMask: return key(.arpOp)
        case .arpSIP: return key(.arpSIP)
        case .arpSIPMask(let m): return masked(.arpSIP, full: m.rawValue == .max)
        case .arpTIP: return key(.arpTIP)
        case .arpTIPMask(let m): return masked(.arpTIP, full: m.rawValue == .max)
        case .arpSHA, .arpSHAMask: return key(.arpSHA)
        case .arpTHA, .arpTHAMask: return key(.arpTHA)
        case .ipTOS: return key(.ipTOS)
        case .ipTOSMask(let m): return masked(.ipTOS, full: m == .max)
        case .ipTTL: return key(.ipTTL)
        case .ipTTLMask(let m): return masked(.ipTTL, full: m == .max)
        case .encTOS: return key(.encTOS)
        case .encTOSMask(let m): return masked(.encTOS, full: m == .max)
        case .encTTL: return key(.encTTL)
        case .encTTLMask(let m): return masked(.encTTL, full: m == .max)
        case .classID: return (nil, "classid", false)
        case .inputDevice: return (nil, "indev", false)
        case .flags, .inHardwareCount, .actions: return nil
        case .unknown(let raw): return rawKey(raw)
        }
    }

    /// Keys the codec keeps raw (conntrack, MPLS, TCP flags, IP flags, tunnel options...).
    private static func rawKey(_ raw: RawAttribute) -> OffloadKey {
        let type = raw.type & NLA.typeMask
        let key: FlowerKey?
        switch type {
        case TCA_FLOWER.keyTCPFlags, TCA_FLOWER.keyTCPFlagsMask: key = .tcpFlags
        case TCA_FLOWER.keyFlags, TCA_FLOWER.keyFlagsMask: key = .ipFlags
        case TCA_FLOWER.keyCTState, TCA_FLOWER.keyCTStateMask: key = .ctState
        case TCA_FLOWER.keyCTZone, TCA_FLOWER.keyCTZoneMask: key = .ctZone
        case TCA_FLOWER.keyCTMark, TCA_FLOWER.keyCTMarkMask: key = .ctMark
        case TCA_FLOWER.keyCTLabels, TCA_FLOWER.keyCTLabelsMask: key = .ctLabel
        case TCA_FLOWER.keyMPLSLabel, TCA_FLOWER.keyMPLSTTL, TCA_FLOWER.keyMPLSBOS, TCA_FLOWER.keyMPLSTC, TCA_FLOWER.keyMPLSOpts: key = .mplsLabel
        case TCA_FLOWER.keyEncOpts, TCA_FLOWER.keyEncOptsMask: key = .encOpts
        case TCA_FLOWER.keyPortSrcMin, TCA_FLOWER.keyPortSrcMax: key = .srcPort
        case TCA_FLOWER.keyPortDstMin, TCA_FLOWER.keyPortDstMax: key = .dstPort
        default: key = nil
        }
        if let key { return (key, nil, false) }
        return (nil, "flower attribute \(type)", false)
    }

    /// Calls `body` with each profile action one tc action needs (a pedit action needs one per
    /// key; a pipe gact, which only counts, needs none), with the name a refusal uses; stops at
    /// the first refusal `body` returns.
    static func forEachOffloadAction(_ action: TCAction, options: TCActionOptions?,
                                     _ body: (OffloadAction?, String) -> SimNICError?) -> SimNICError? {
        switch options {
        case .mirred(let o)?:
            guard let p = o.parameters else { return body(nil, "mirred") }
            switch p.action {
            case .egressRedirect: return body(.mirredRedirect, "mirred egress redirect")
            case .egressMirror: return body(.mirredMirror, "mirred egress mirror")
            case .ingressRedirect: return body(.mirredIngressRedirect, "mirred ingress redirect")
            default: return body(nil, "mirred ingress mirror")
            }
        case .gact(let o)?:
            let verdict = o.verdict ?? .pass
            if verdict.chain != nil { return body(.gotoChain, "goto chain") }
            switch verdict {
            case .drop: return body(.drop, "drop")
            case .pass: return body(.pass, "pass")
            case .trap: return body(.trap, "trap")
            // A pipe gact only counts: drivers skip it (FLOW_ACTION_PIPE is ignored by mlx5 and ice).
            case .pipe: return nil
            default: return body(nil, "gact \(verdict)")
            }
        case .tunnelKey(let o)?:
            switch o.parameters?.action {
            case .set?: return body(.tunnelKeySet, "tunnel_key set")
            case .unset?: return body(.tunnelKeyUnset, "tunnel_key unset")
            default: return body(nil, "tunnel_key")
            }
        case .vlan(let o)?:
            switch o.parameters?.action {
            case .push?: return body(.vlanPush, "vlan push")
            case .pop?: return body(.vlanPop, "vlan pop")
            case .modify?: return body(.vlanModify, "vlan modify")
            default: return body(nil, "vlan")
            }
        case .pedit(let o)?:
            guard let keys = o.keys else { return body(nil, "pedit") }
            for key in keys {
                let (wanted, name) = peditAction(key)
                if let refusal = body(wanted, name) { return refusal }
            }
            return nil
        case .csum?: return body(.csum, "csum")
        case .police?: return body(.police, "police")
        case .raw?, nil:
            switch action.kind {
            case .other("ct")?: return body(.ct, "ct")
            case .other("sample")?: return body(.sample, "sample")
            case .other("mpls")?: return body(.mplsPush, "mpls")
            case let kind?: return body(nil, kind.name)
            case nil: return body(nil, "action without kind")
            }
        }
    }

    /// The profile's pedit variant for one key: which header, and for IPv4 TTL / IPv6 hop limit
    /// whether only that byte is written.
    private static func peditAction(_ key: PeditKey) -> (OffloadAction?, String) {
        let written = ~key.key.mask
        switch key.header {
        case .eth: return (.peditEth, "pedit eth")
        case .ip4, .network:
            if key.key.offset == 8, written == 0xFF00_0000 { return (.peditIP4TTL, "pedit ip4 ttl") }
            return (.peditIP4, "pedit ip4")
        case .ip6:
            if key.key.offset == 4, written == 0x0000_00FF { return (.peditIP6HopLimit, "pedit ip6 hoplimit") }
            return (.peditIP6, "pedit ip6")
        case .tcp, .udp: return (.peditL4Ports, "pedit l4 ports")
        default: return (nil, "pedit header \(key.header.rawValue)")
        }
    }
}

extension DriverDialect {
    /// A key the profile has no word for (raw flower attributes).
    func unsupportedKey(named name: String, tunnel: Bool, on port: PortKind) -> SimNICError {
        switch kind {
        case .mlx5: return SimNICError(.notSupported, "\(module): Unsupported key")
        case .ice:
            if tunnel && port != .tunnelDevice { return SimNICError(.notSupported, "\(module): Tunnel key used, but device isn't a tunnel") }
            return SimNICError(.notSupported, "\(module): Unsupported key used")
        case .other: return SimNICError(.notSupported, "\(module): Unsupported key \(name) on \(port)")
        }
    }
}
