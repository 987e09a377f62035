import EswitchModel
import Netlink
import Packet

/// The hardware rules of one device's ingress, by chain, each chain in priority then handle order.
struct CompiledBlock: Sendable {
    var chains: [UInt32: [CompiledFilter]] = [:]
}

/// One flower key compared under its mask: `(field & mask) == value`.
struct MatchCondition: Sendable {
    var field: FlowField
    var value: UInt64
    var mask: UInt64
}

/// The flow key fields a rule can compare, each read as a 64-bit integer.
enum FlowField: UInt8, Sendable {
    case dstMAC, srcMAC, ethType, vlanID, vlanPriority, vlanEthType, cvlanID, cvlanPriority, cvlanEthType
    case ipProto, ipTOS, ipTTL, srcIPv4, dstIPv4, srcIPv6High, srcIPv6Low, dstIPv6High, dstIPv6Low
    case tcpSrcPort, tcpDstPort, udpSrcPort, udpDstPort, icmpType, icmpCode, icmpv6Type, icmpv6Code
    case arpOp, arpSIP, arpTIP, arpSHA, arpTHA, vlanCount
    case encKeyID, encSrcIPv4, encDstIPv4, encSrcIPv6High, encSrcIPv6Low, encDstIPv6High, encDstIPv6Low
    case encSrcPort, encDstPort, encTOS, encTTL, hasTunnel
}

extension FlowKey {
    /// The value of one field; ports and ICMP fields are 0 unless the protocol matches, so that a
    /// TCP port key never matches a UDP packet.
    @inline(__always)
    func value(of field: FlowField) -> UInt64 {
        switch field {
        case .dstMAC: return dstMAC
        case .srcMAC: return srcMAC
        case .ethType: return UInt64(ethType)
        case .vlanID: return UInt64(vlanID)
        case .vlanPriority: return UInt64(vlanPriority)
        case .vlanEthType: return UInt64(vlanEthType)
        case .cvlanID: return UInt64(cvlanID)
        case .cvlanPriority: return UInt64(cvlanPriority)
        case .cvlanEthType: return UInt64(cvlanEthType)
        case .vlanCount: return UInt64(vlanCount)
        case .ipProto: return networkOffset >= 0 && networkType != 0x0806 ? UInt64(ipProto) : 0x1_0000
        case .ipTOS: return UInt64(ipTOS)
        case .ipTTL: return UInt64(ipTTL)
        case .srcIPv4: return isIPv4 ? UInt64(srcIPv4) : 0x1_0000_0000
        case .dstIPv4: return isIPv4 ? UInt64(dstIPv4) : 0x1_0000_0000
        case .srcIPv6High: return srcIPv6High
        case .srcIPv6Low: return srcIPv6Low
        case .dstIPv6High: return dstIPv6High
        case .dstIPv6Low: return dstIPv6Low
        case .tcpSrcPort: return ipProto == 6 && transportOffset >= 0 ? UInt64(srcPort) : 0x1_0000
        case .tcpDstPort: return ipProto == 6 && transportOffset >= 0 ? UInt64(dstPort) : 0x1_0000
        case .udpSrcPort: return ipProto == 17 && transportOffset >= 0 ? UInt64(srcPort) : 0x1_0000
        case .udpDstPort: return ipProto == 17 && transportOffset >= 0 ? UInt64(dstPort) : 0x1_0000
        case .icmpType: return ipProto == 1 && transportOffset >= 0 ? UInt64(icmpType) : 0x1_0000
        case .icmpCode: return ipProto == 1 && transportOffset >= 0 ? UInt64(icmpCode) : 0x1_0000
        case .icmpv6Type: return ipProto == 58 && transportOffset >= 0 ? UInt64(icmpType) : 0x1_0000
        case .icmpv6Code: return ipProto == 58 && transportOffset >= 0 ? UInt64(icmpCode) : 0x1_0000
        case .arpOp: return networkType == 0x0806 ? UInt64(arpOp) : 0x1_0000
        case .arpSIP: return UInt64(arpSIP)
        case .arpTIP: return UInt64(arpTIP)
        case .arpSHA: return arpSHA
        case .arpTHA: return arpTHA
        case .encKeyID: return UInt64(encKeyID)
        case .encSrcIPv4: return UInt64(encSrcIPv4)
        case .encDstIPv4: return UInt64(encDstIPv4)
        case .encSrcIPv6High: return encSrcIPv6High
        case .encSrcIPv6Low: return encSrcIPv6Low
        case .encDstIPv6High: return encDstIPv6High
        case .encDstIPv6Low: return encDstIPv6Low
        case .encSrcPort: return UInt64(encSrcPort)
        case .encDstPort: return UInt64(encDstPort)
        case .encTOS: return UInt64(encTOS)
        case .encTTL: return UInt64(encTTL)
        case .hasTunnel: return hasTunnel ? 1 : 0
        }
    }
}

/// A hardware rule ready to run: its identity, protocol, key comparisons and actions.
struct CompiledFilter: Sendable {
    var id: SimFilterID
    /// The filter protocol (ETH_P_ALL 0x0003 matches every frame).
    var ethProtocol: UInt16
    var conditions: [MatchCondition]
    var actions: [CompiledAction]
    var pf: Int

    @inline(__always)
    func matches(_ key: FlowKey) -> Bool {
        if ethProtocol != 0x0003, ethProtocol != key.ethType { return false }
        for c in conditions where key.value(of: c.field) & c.mask != c.value { return false }
        return true
    }
}

/// The outer headers a tunnel_key set action asks for.
struct TunnelSet: Sendable {
    var source: UInt32
    var destination: UInt32
    var vni: UInt32
    var port: UInt16?
    var ttl: UInt8?
    var tos: UInt8?
}

/// One pedit key: where it applies (header base), the word offset, and the kernel's mask/value.
struct PeditEdit: Sendable {
    enum Base: Sendable { case link, network, transport }
    var base: Base
    var offset: Int
    var mask: UInt32
    var value: UInt32
    var add: Bool
}

/// One action of a hardware rule, with the verdict it ends on.
struct CompiledAction: Sendable {
    enum Operation: Sendable {
        case redirect(IfIndex)
        case mirror(IfIndex)
        case tunnelSet(TunnelSet)
        case tunnelUnset
        case vlanPush(id: UInt16, priority: UInt8, tpid: UInt16)
        case vlanPop
        case vlanModify(id: UInt16, priority: UInt8?)
        case pedit([PeditEdit])
        case csum(CsumUpdateFlags)
        case gact
        case police(slot: Int, conform: TCVerdict, exceed: TCVerdict)
        case ignored
    }
    var operation: Operation
    var verdict: TCVerdict
}

/// A token bucket (bytes or packets) on the host's clock.
struct Policer: Sendable {
    /// Bytes (or packets) per second.
    var rate: UInt64
    /// Bucket depth in bytes (or packets).
    var burst: UInt64
    var countsPackets: Bool
    /// Tokens in units of 1/1e9 byte (rate × nanoseconds), so refills stay exact integers.
    var tokens: UInt64
    var last: Duration?

    /// Takes `size` from the bucket; false when over rate.
    mutating func admit(size: UInt64, now: Duration) -> Bool {
        let scale: UInt64 = 1_000_000_000
        let capacity = burst.multipliedReportingOverflow(by: scale).overflow ? UInt64.max : burst * scale
        if let last {
            let elapsed = now - last
            let ns = UInt64(clamping: elapsed.components.seconds) &* scale &+ UInt64(clamping: elapsed.components.attoseconds / 1_000_000_000)
            let (refill, overflow) = ns.multipliedReportingOverflow(by: rate)
            tokens = overflow ? capacity : min(capacity, tokens &+ min(refill, capacity))
        } else {
            tokens = capacity
        }
        last = now
        let cost = (countsPackets ? 1 : size) * scale
        guard tokens >= cost else { return false }
        tokens -= cost
        return true
    }
}

extension SimNICDataPlane {
    /// Turns an installed filter into match conditions and runnable actions.
    mutating func compile(_ filter: SimFilter, oldPolicers: inout [UInt32: Policer]) -> CompiledFilter {
        let m = filter.options.match
        var c: [MatchCondition] = []
        func add(_ field: FlowField, _ value: UInt64, _ mask: UInt64) { c.append(MatchCondition(field: field, value: value & mask, mask: mask)) }
        func mac(_ f: FlowField, _ v: Masked<MACAddress>?) {
            if let v { add(f, v.value.integer, v.mask?.integer ?? 0xFFFF_FFFF_FFFF) }
        }
        func byte(_ f: FlowField, _ v: Masked<UInt8>?) { if let v { add(f, UInt64(v.value), UInt64(v.mask ?? 0xFF)) } }
        func ip(_ v4: (FlowField, FlowField), _ v6: (FlowField, FlowField, FlowField, FlowField), _ v: Masked<IPAddress>?) {
            guard let v else { return }
            switch (v.value, v.mask) {
            case (.v4(let a), let mask):
                var mk: UInt64 = 0xFFFF_FFFF
                if case .v4(let mm)? = mask { mk = UInt64(mm.rawValue) }
                add(v4.0, UInt64(a.rawValue), mk)
            case (.v6(let a), let mask):
                var mk = IPv6Address(high: .max, low: .max)
                if case .v6(let mm)? = mask { mk = mm }
                add(v6.0, a.high, mk.high); add(v6.1, a.low, mk.low)
            }
            _ = v4.1; _ = v6.2; _ = v6.3
        }
        mac(.dstMAC, m.dstMAC)
        mac(.srcMAC, m.srcMAC)
        if let v = m.vlanID { add(.vlanID, UInt64(v), 0x0FFF) }
        if let v = m.vlanPriority { add(.vlanPriority, UInt64(v), 0x7) }
        if let v = m.vlanEthType { add(.vlanEthType, UInt64(v.rawValue), 0xFFFF) }
        if let v = m.cvlanID { add(.cvlanID, UInt64(v), 0x0FFF) }
        if let v = m.cvlanPriority { add(.cvlanPriority, UInt64(v), 0x7) }
        if let v = m.cvlanEthType { add(.cvlanEthType, UInt64(v.rawValue), 0xFFFF) }
        // flower's eth_type key with a VLAN tag is the filter protocol; without vlan keys it is the
        // frame's EtherType (checked through the filter protocol in `matches`).
        if let v = filter.options.ethType, m.vlanID == nil, m.vlanEthType == nil, v.rawValue != 0x0003 {
            add(.ethType, UInt64(v.rawValue), 0xFFFF)
        }
        if let p = m.ipProto { add(.ipProto, UInt64(p.rawValue), 0x1_FFFF) }
        byte(.ipTOS, m.ipTOS)
        byte(.ipTTL, m.ipTTL)
        ip((.srcIPv4, .srcIPv4), (.srcIPv6High, .srcIPv6Low, .srcIPv6High, .srcIPv6Low), m.srcIP)
        ip((.dstIPv4, .dstIPv4), (.dstIPv6High, .dstIPv6Low, .dstIPv6High, .dstIPv6Low), m.dstIP)
        if m.srcIP.map({ if case .v4 = $0.value { true } else { false } }) == true || m.dstIP.map({ if case .v4 = $0.value { true } else { false } }) == true {
            // The out-of-range value non-IPv4 frames read never equals a 32-bit key.
            c = c.map { $0.field == .srcIPv4 || $0.field == .dstIPv4 ? MatchCondition(field: $0.field, value: $0.value, mask: $0.mask | 0x1_0000_0000) : $0 }
        }
        let proto = m.ipProto?.rawValue
        func port(_ tcp: FlowField, _ udp: FlowField, _ v: Masked<UInt16>?) {
            guard let v else { return }
            let mask = UInt64(v.mask ?? 0xFFFF) | 0x1_0000
            add(proto == 6 ? tcp : udp, UInt64(v.value), mask)
        }
        port(.tcpSrcPort, .udpSrcPort, m.srcPort)
        port(.tcpDstPort, .udpDstPort, m.dstPort)
        if let v = m.icmpType { add(proto == 58 ? .icmpv6Type : .icmpType, UInt64(v.value), UInt64(v.mask ?? 0xFF) | 0x1_0000) }
        if let v = m.icmpCode { add(proto == 58 ? .icmpv6Code : .icmpCode, UInt64(v.value), UInt64(v.mask ?? 0xFF) | 0x1_0000) }
        if let v = m.arpOp { add(.arpOp, UInt64(v.value), UInt64(v.mask ?? 0xFF) | 0x1_0000) }
        if let v = m.arpSIP { add(.arpSIP, UInt64(v.value.rawValue), UInt64(v.mask?.rawValue ?? .max)) }
        if let v = m.arpTIP { add(.arpTIP, UInt64(v.value.rawValue), UInt64(v.mask?.rawValue ?? .max)) }
        mac(.arpSHA, m.arpSHA)
        mac(.arpTHA, m.arpTHA)
        var tunnelKeys = false
        if let v = m.encKeyID { add(.encKeyID, UInt64(v), 0xFFFF_FFFF); tunnelKeys = true }
        if m.encSrcIP != nil || m.encDstIP != nil { tunnelKeys = true }
        ip((.encSrcIPv4, .encSrcIPv4), (.encSrcIPv6High, .encSrcIPv6Low, .encSrcIPv6High, .encSrcIPv6Low), m.encSrcIP)
        ip((.encDstIPv4, .encDstIPv4), (.encDstIPv6High, .encDstIPv6Low, .encDstIPv6High, .encDstIPv6Low), m.encDstIP)
        if let v = m.encSrcPort { add(.encSrcPort, UInt64(v.value), UInt64(v.mask ?? 0xFFFF)); tunnelKeys = true }
        if let v = m.encDstPort { add(.encDstPort, UInt64(v.value), UInt64(v.mask ?? 0xFFFF)); tunnelKeys = true }
        byte(.encTOS, m.encTOS)
        byte(.encTTL, m.encTTL)
        if tunnelKeys { add(.hasTunnel, 1, 1) }

        var actions: [CompiledAction] = []
        for action in filter.actions {
            actions.append(compileAction(action, oldPolicers: &oldPolicers))
        }
        return CompiledFilter(id: filter.id, ethProtocol: filter.protocol.rawValue, conditions: c, actions: actions, pf: filter.hardwarePF ?? 0)
    }

    mutating func compileAction(_ action: SimAction, oldPolicers: inout [UInt32: Policer]) -> CompiledAction {
        switch action.requested.options {
        case .mirred(let o)?:
            guard let p = o.parameters else { break }
            let op: CompiledAction.Operation = p.action.mode == .mirror ? .mirror(p.ifindex) : .redirect(p.ifindex)
            return CompiledAction(operation: op, verdict: p.common.verdict)
        case .tunnelKey(let o)?:
            guard let p = o.parameters else { break }
            if p.action == .unset { return CompiledAction(operation: .tunnelUnset, verdict: p.common.verdict) }
            guard case .v4(let s)? = o.source, case .v4(let d)? = o.destination else { break }
            var set = TunnelSet(source: s.rawValue, destination: d.rawValue, vni: o.keyID ?? 0, port: o.destinationPort)
            for a in o.attributes {
                if case .ttl(let t) = a { set.ttl = t }
                if case .tos(let t) = a { set.tos = t }
            }
            return CompiledAction(operation: .tunnelSet(set), verdict: p.common.verdict)
        case .vlan(let o)?:
            guard let p = o.parameters else { break }
            var tpid: UInt16 = 0x8100
            var priority: UInt8?
            for a in o.attributes {
                if case .vlanProtocol(let t) = a { tpid = t }
                if case .vlanPriority(let t) = a { priority = t }
            }
            switch p.action {
            case .pop: return CompiledAction(operation: .vlanPop, verdict: p.common.verdict)
            case .push: return CompiledAction(operation: .vlanPush(id: o.vlanID ?? 0, priority: priority ?? 0, tpid: tpid), verdict: p.common.verdict)
            case .modify: return CompiledAction(operation: .vlanModify(id: o.vlanID ?? 0, priority: priority), verdict: p.common.verdict)
            default: return CompiledAction(operation: .ignored, verdict: p.common.verdict)
            }
        case .pedit(let o)?:
            guard let selector = o.selector, let keys = o.keys else { break }
            let edits = keys.map { k -> PeditEdit in
                let base: PeditEdit.Base
                switch k.header {
                case .eth: base = .link
                case .tcp, .udp: base = .transport
                default: base = .network
                }
                return PeditEdit(base: base, offset: Int(k.key.offset), mask: k.key.mask, value: k.key.value, add: k.command == .add)
            }
            return CompiledAction(operation: .pedit(edits), verdict: selector.common.verdict)
        case .csum(let o)?:
            guard let p = o.parameters else { break }
            return CompiledAction(operation: .csum(p.updateFlags), verdict: p.common.verdict)
        case .gact(let o)?:
            return CompiledAction(operation: .gact, verdict: o.verdict ?? .pass)
        case .police(let o)?:
            guard let p = o.parameters else { break }
            var conform = TCVerdict.pass
            var packetRate: UInt64?
            var packetBurst: UInt64?
            for a in o.attributes {
                if case .result(let v) = a { conform = v }
                if case .packetRate64(let r) = a { packetRate = r }
                if case .packetBurst64(let b) = a { packetBurst = b }
            }
            let policer: Policer
            if let packetRate {
                let burst = PschedClock.linux.transmitSize(rate: packetRate, ticks: UInt32(clamping: packetBurst ?? 0))
                policer = Policer(rate: packetRate, burst: max(1, burst), countsPackets: true, tokens: 0, last: nil)
            } else {
                policer = Policer(rate: o.rate ?? 0, burst: o.burst() ?? 0, countsPackets: false, tokens: 0, last: nil)
            }
            // Police actions with one index share one bucket (a shared meter).
            let slot: Int
            if let existing = policerSlots[action.index] {
                slot = existing
            } else {
                slot = policers.count
                policers.append(oldPolicers.removeValue(forKey: action.index) ?? policer)
                policerSlots[action.index] = slot
            }
            return CompiledAction(operation: .police(slot: slot, conform: conform, exceed: p.verdict), verdict: .pipe)
        default:
            break
        }
        return CompiledAction(operation: .ignored, verdict: .pipe)
    }
}
