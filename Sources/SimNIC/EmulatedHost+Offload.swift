import EswitchModel
import Netlink
import Platform

/// What a flower filter asks of the hardware, in the profile's vocabulary.
struct OffloadRequest {
    /// Match keys, each with whether its mask is partial (a prefix or any non-full mask).
    var keys: [(key: FlowerKey?, name: String, partial: Bool)] = []
    /// Actions, each as the profile names it, or nil with a name when no profile offloads it.
    var actions: [(action: OffloadAction?, name: String)] = []
    /// mirred targets.
    var mirredTargets: [IfIndex] = []
    /// Chains named by goto actions.
    var gotoChains: [UInt32] = []
    var setsTunnelKey = false
}

extension EmulatedHost {
    /// Decides whether the hardware takes a filter, checking in the driver's order (match keys,
    /// actions, then chain and priority ranges, then table space) and answering with the driver's
    /// error when it does not.
    ///
    /// ``HardwareProfile/maxActionsPerRule`` is not a refusal: ice parses the whole list and keeps
    /// the last action (Intel's switchdev guide), so a longer list of supported actions is taken.
    ///
    /// - Returns: the PF whose eswitch holds the rule, or the refusal.
    func offloadDecision(options: FlowerOptions, on link: SimLink, chain: UInt32, priority: UInt16, spareEntries: Int = 0) -> Result<Int, SimNICError> {
        guard let port = link.role.portKind else { return .failure(DriverDialect.offloadDisabled()) }
        let switchdevPFs = physicalFunctions.filter { $0.eswitchMode == .switchdev }
        let request = Self.offloadRequest(options)
        var pfNumber: Int
        switch link.role {
        case .physicalFunction(let number):
            guard let pf = physicalFunctions.first(where: { $0.number == number }) else { return .failure(DriverDialect.offloadDisabled()) }
            guard pf.eswitchMode == .switchdev else { return .failure(dialect.legacyMode()) }
            pfNumber = number
        case .representor(let number, _):
            pfNumber = number
        default:
            // A tunnel device is offloaded through the indirect block callbacks an eswitch in
            // switchdev mode registers; without one, nothing offloads it.
            guard let first = switchdevPFs.first else { return .failure(DriverDialect.offloadDisabled()) }
            pfNumber = first.number
            for target in request.mirredTargets {
                if let role = links[target]?.role {
                    switch role {
                    case .representor(let n, _), .physicalFunction(let n): pfNumber = n
                    default: break
                    }
                }
            }
        }
        if dialect.kind == .ice, let refusal = chainRefusal(chain: chain, priority: priority) { return .failure(refusal) }
        for entry in request.keys {
            guard let key = entry.key else {
                return .failure(dialect.unsupportedKey(named: entry.name, tunnel: entry.name.hasPrefix("enc_"), on: port))
            }
            if !profile.supports(key: key, on: port).isSupported { return .failure(dialect.unsupportedKey(key, on: port)) }
            if entry.partial, !profile.prefixMatch { return .failure(dialect.partialMask(key)) }
        }
        for entry in request.actions {
            guard let action = entry.action, profile.supports(action: action, on: port).isSupported else {
                return .failure(dialect.unsupportedAction(entry.name))
            }
        }
        for target in request.mirredTargets {
            guard let role = links[target]?.role else { return .failure(dialect.foreignTarget()) }
            switch role {
            case .representor, .physicalFunction: break
            case .virtual(let kind) where SimLinkRole.tunnelKinds.contains(kind): break
            default: return .failure(dialect.foreignTarget())
            }
        }
        if request.setsTunnelKey, dialect.kind == .mlx5,
           let pf = physicalFunctions.first(where: { $0.number == pfNumber }), pf.encapMode == .none {
            return .failure(dialect.encapDisabled())
        }
        for target in request.gotoChains where target > profile.chains.maxChain { return .failure(dialect.chainOutOfRange()) }
        if dialect.kind != .ice, let refusal = chainRefusal(chain: chain, priority: priority) { return .failure(refusal) }
        if hardwareRuleCount - spareEntries >= ruleCapacity { return .failure(dialect.tableFull(capacity: ruleCapacity)) }
        guard let index = physicalFunctions.firstIndex(where: { $0.number == pfNumber }) else { return .failure(DriverDialect.offloadDisabled()) }
        return .success(index)
    }

    private func chainRefusal(chain: UInt32, priority: UInt16) -> SimNICError? {
        if chain > profile.chains.maxChain { return dialect.chainOutOfRange() }
        if priority > profile.chains.maxPriority { return dialect.priorityOutOfRange() }
        return nil
    }

    /// Reads the keys and actions of flower options in the profile's terms.
    static func offloadRequest(_ options: FlowerOptions) -> OffloadRequest {
        var request = OffloadRequest()
        func key(_ k: FlowerKey) { request.keys.append((k, k.rawValue, false)) }
        func masked(_ k: FlowerKey, full: Bool) { request.keys.append((k, k.rawValue, !full)) }
        for attribute in options.attributes {
            switch attribute {
            case .dstMAC: key(.dstMAC)
            case .dstMACMask(let m): masked(.dstMAC, full: m == .broadcast)
            case .srcMAC: key(.srcMAC)
            case .srcMACMask(let m): masked(.srcMAC, full: m == .broadcast)
            case .ethType: key(.ethType)
            case .ipProto: key(.ipProto)
            case .srcIPv4, .srcIPv6: key(.srcIP)
            case .srcIPv4Mask(let m): masked(.srcIP, full: m.rawValue == .max)
            case .srcIPv6Mask(let m): masked(.srcIP, full: m.high == .max && m.low == .max)
            case .dstIPv4, .dstIPv6: key(.dstIP)
            case .dstIPv4Mask(let m): masked(.dstIP, full: m.rawValue == .max)
            case .dstIPv6Mask(let m): masked(.dstIP, full: m.high == .max && m.low == .max)
            case .tcpSrcPort, .udpSrcPort, .sctpSrcPort: key(.srcPort)
            case .tcpSrcPortMask(let m), .udpSrcPortMask(let m), .sctpSrcPortMask(let m): masked(.srcPort, full: m == .max)
            case .tcpDstPort, .udpDstPort, .sctpDstPort: key(.dstPort)
            case .tcpDstPortMask(let m), .udpDstPortMask(let m), .sctpDstPortMask(let m): masked(.dstPort, full: m == .max)
            case .vlanID: key(.vlanID)
            case .vlanPriority: key(.vlanPrio)
            case .vlanEthType: key(.vlanEthType)
            case .cvlanID: key(.cvlanID)
            case .cvlanPriority: key(.cvlanPrio)
            case .cvlanEthType: key(.cvlanEthType)
            case .encKeyID: key(.encKeyID)
            case .encSrcIPv4, .encSrcIPv6: key(.encSrcIP)
            case .encSrcIPv4Mask(let m): masked(.encSrcIP, full: m.rawValue == .max)
            case .encSrcIPv6Mask(let m): masked(.encSrcIP, full: m.high == .max && m.low == .max)
            case .encDstIPv4, .encDstIPv6: key(.encDstIP)
            case .encDstIPv4Mask(let m): masked(.encDstIP, full: m.rawValue == .max)
            case .encDstIPv6Mask(let m): masked(.encDstIP, full: m.high == .max && m.low == .max)
            case .encSrcPort: key(.encSrcPort)
            case .encSrcPortMask(let m): masked(.encSrcPort, full: m == .max)
            case .encDstPort: key(.encDstPort)
            case .encDstPortMask(let m): masked(.encDstPort, full: m == .max)
            case .icmpv4Type, .icmpv6Type: key(.icmpType)
            case .icmpv4TypeMask(let m), .icmpv6TypeMask(let m): masked(.icmpType, full: m == .max)
            case .icmpv4Code, .icmpv6Code: key(.icmpCode)
            case .icmpv4CodeMask(let m), .icmpv6CodeMask(let m): masked(.icmpCode, full: m == .max)
            case .arpOp, .arpOpMask: key(.arpOp)
            case .arpSIP: key(.arpSIP)
            case .arpSIPMask(let m): masked(.arpSIP, full: m.rawValue == .max)
            case .arpTIP: key(.arpTIP)
            case .arpTIPMask(let m): masked(.arpTIP, full: m.rawValue == .max)
            case .arpSHA, .arpSHAMask: key(.arpSHA)
            case .arpTHA, .arpTHAMask: key(.arpTHA)
            case .ipTOS: key(.ipTOS)
            case .ipTOSMask(let m): masked(.ipTOS, full: m == .max)
            case .ipTTL: key(.ipTTL)
            case .ipTTLMask(let m): masked(.ipTTL, full: m == .max)
            case .encTOS: key(.encTOS)
            case .encTOSMask(let m): masked(.encTOS, full: m == .max)
            case .encTTL: key(.encTTL)
            case .encTTLMask(let m): masked(.encTTL, full: m == .max)
            case .classID: request.keys.append((nil, "classid", false))
            case .inputDevice: request.keys.append((nil, "indev", false))
            case .flags, .inHardwareCount: break
            case .actions(let actions): readActions(actions, into: &request)
            case .unknown(let raw): rawKey(raw, into: &request)
            }
        }
        return request
    }

    /// Keys the codec keeps raw (conntrack, MPLS, TCP flags, IP flags, tunnel options...).
    private static func rawKey(_ raw: RawAttribute, into request: inout OffloadRequest) {
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
        if let key {
            request.keys.append((key, key.rawValue, false))
        } else {
            request.keys.append((nil, "flower attribute \(type)", false))
        }
    }

    /// The profile actions a tc action list needs.
    private static func readActions(_ actions: [TCAction], into request: inout OffloadRequest) {
        for action in actions {
            switch action.options {
            case .mirred(let o)?:
                guard let p = o.parameters else { request.actions.append((nil, "mirred")); continue }
                switch p.action {
                case .egressRedirect: request.actions.append((.mirredRedirect, "mirred egress redirect"))
                case .egressMirror: request.actions.append((.mirredMirror, "mirred egress mirror"))
                case .ingressRedirect: request.actions.append((.mirredIngressRedirect, "mirred ingress redirect"))
                default: request.actions.append((nil, "mirred ingress mirror"))
                }
                request.mirredTargets.append(p.ifindex)
            case .gact(let o)?:
                let verdict = o.verdict ?? .pass
                if let chain = verdict.chain {
                    request.actions.append((.gotoChain, "goto chain"))
                    request.gotoChains.append(chain)
                } else {
                    switch verdict {
                    case .drop: request.actions.append((.drop, "drop"))
                    case .pass: request.actions.append((.pass, "pass"))
                    case .trap: request.actions.append((.trap, "trap"))
                    // A pipe gact only counts: drivers skip it (FLOW_ACTION_PIPE is ignored by mlx5 and ice).
                    case .pipe: break
                    default: request.actions.append((nil, "gact \(verdict)"))
                    }
                }
            case .tunnelKey(let o)?:
                switch o.parameters?.action {
                case .set?:
                    request.actions.append((.tunnelKeySet, "tunnel_key set"))
                    request.setsTunnelKey = true
                case .unset?: request.actions.append((.tunnelKeyUnset, "tunnel_key unset"))
                default: request.actions.append((nil, "tunnel_key"))
                }
            case .vlan(let o)?:
                switch o.parameters?.action {
                case .push?: request.actions.append((.vlanPush, "vlan push"))
                case .pop?: request.actions.append((.vlanPop, "vlan pop"))
                case .modify?: request.actions.append((.vlanModify, "vlan modify"))
                default: request.actions.append((nil, "vlan"))
                }
            case .pedit(let o)?:
                guard let keys = o.keys else { request.actions.append((nil, "pedit")); continue }
                for key in keys { request.actions.append(peditAction(key)) }
            case .csum?: request.actions.append((.csum, "csum"))
            case .police?: request.actions.append((.police, "police"))
            case .raw?, nil:
                switch action.kind {
                case .other("ct")?: request.actions.append((.ct, "ct"))
                case .other("sample")?: request.actions.append((.sample, "sample"))
                case .other("mpls")?: request.actions.append((.mplsPush, "mpls"))
                case let kind?: request.actions.append((nil, kind.name))
                case nil: request.actions.append((nil, "action without kind"))
                }
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
