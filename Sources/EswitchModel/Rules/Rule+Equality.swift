// Equality of rules, written out and inlinable: diffing two compilations compares every rule of
// the recompiled pipelines, and a synthesized `==` (not inlinable) makes the caller copy both
// values into the call, retaining each string and action list inside them. Inlined, the fields
// are compared where they lie. Same meaning as the synthesized versions, field for field (the
// synthesized `hash(into:)` still hashes the same fields).

extension FlowMatch {
    @inlinable
    public static func == (a: FlowMatch, b: FlowMatch) -> Bool {
        same(a.ethDestination, b.ethDestination) && same(a.ethSource, b.ethSource) && a.etherType == b.etherType
            && a.vlanID == b.vlanID && a.ipProtocol == b.ipProtocol
            && same(a.ipv4Source, b.ipv4Source) && same(a.ipv4Destination, b.ipv4Destination)
            && same(a.ipv6Source, b.ipv6Source) && same(a.ipv6Destination, b.ipv6Destination)
            && same(a.sourcePort, b.sourcePort) && same(a.destinationPort, b.destinationPort)
            && a.icmpType == b.icmpType && a.icmpCode == b.icmpCode
            && a.tunnelID?.rawValue == b.tunnelID?.rawValue && same(a.tunnelSource, b.tunnelSource) && same(a.tunnelDestination, b.tunnelDestination)
            && a.tunnelDestinationPort == b.tunnelDestinationPort
            && a.connectionState?.set.rawValue == b.connectionState?.set.rawValue && a.connectionState?.clear.rawValue == b.connectionState?.clear.rawValue
    }

    @inlinable
    static func same(_ a: MaskedField<MACAddress>?, _ b: MaskedField<MACAddress>?) -> Bool {
        a?.value.integer == b?.value.integer && a?.mask.integer == b?.mask.integer
    }

    @inlinable
    static func same(_ a: MaskedField<IPv4Address>?, _ b: MaskedField<IPv4Address>?) -> Bool {
        a?.value.rawValue == b?.value.rawValue && a?.mask.rawValue == b?.mask.rawValue
    }

    @inlinable
    static func same(_ a: MaskedField<IPv6Address>?, _ b: MaskedField<IPv6Address>?) -> Bool {
        a?.value.high == b?.value.high && a?.value.low == b?.value.low && a?.mask.high == b?.mask.high && a?.mask.low == b?.mask.low
    }

    @inlinable
    static func same(_ a: MaskedField<UInt16>?, _ b: MaskedField<UInt16>?) -> Bool {
        a?.value == b?.value && a?.mask == b?.mask
    }

    @inlinable
    static func same(_ a: IPAddress?, _ b: IPAddress?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (let x?, let y?): return IPAddress.same(x, y)
        default: return false
        }
    }
}

extension IPAddress {
    @inlinable
    static func same(_ a: IPAddress, _ b: IPAddress) -> Bool {
        switch a {
        case .v4(let x): if case .v4(let y) = b { return x.rawValue == y.rawValue } else { return false }
        case .v6(let x): if case .v6(let y) = b { return x.high == y.high && x.low == y.low } else { return false }
        }
    }
}

extension FlowAction {
    @inlinable
    public static func == (a: FlowAction, b: FlowAction) -> Bool {
        switch a {
        case .output(let x): if case .output(let y) = b { return x == y }
        case .drop: if case .drop = b { return true }
        case .trap(let x): if case .trap(let y) = b { return x == y }
        case .gotoChain(let x): if case .gotoChain(let y) = b { return x == y }
        case .setEthSource(let x): if case .setEthSource(let y) = b { return x.integer == y.integer }
        case .setEthDestination(let x): if case .setEthDestination(let y) = b { return x.integer == y.integer }
        case .decrementTTL: if case .decrementTTL = b { return true }
        case .decrementHopLimit: if case .decrementHopLimit = b { return true }
        case .setIPv4Source(let x): if case .setIPv4Source(let y) = b { return x.rawValue == y.rawValue }
        case .setIPv4Destination(let x): if case .setIPv4Destination(let y) = b { return x.rawValue == y.rawValue }
        case .encapsulate(let x): if case .encapsulate(let y) = b { return x == y }
        case .decapsulate: if case .decapsulate = b { return true }
        case .pushVLAN(let x): if case .pushVLAN(let y) = b { return x == y }
        case .popVLAN: if case .popVLAN = b { return true }
        case .police(let r, let s): if case .police(let q, let t) = b { return r == q && s == t }
        case .conntrack(let z, let c, let n):
            if case .conntrack(let y, let d, let m) = b { return z == y && c == d && FlowMatch.same(n, m) }
        case .conntrackRestoreNAT(let z): if case .conntrackRestoreNAT(let y) = b { return z == y }
        }
        return false
    }
}

extension TunnelEncapsulation {
    @inlinable
    public static func == (a: TunnelEncapsulation, b: TunnelEncapsulation) -> Bool {
        a.vni.rawValue == b.vni.rawValue && IPAddress.same(a.source, b.source) && IPAddress.same(a.destination, b.destination)
            && a.destinationPort == b.destinationPort && a.ttl == b.ttl
    }
}

extension RuleOutput {
    @inlinable
    public static func == (a: RuleOutput, b: RuleOutput) -> Bool {
        switch a {
        case .port(let x): if case .port(let y) = b { return x.rawValue == y.rawValue } else { return false }
        case .tunnel: if case .tunnel = b { return true } else { return false }
        case .external: if case .external = b { return true } else { return false }
        case .slowPath: if case .slowPath = b { return true } else { return false }
        }
    }
}

extension DeliveryTopic {
    @inlinable
    public static func == (a: DeliveryTopic, b: DeliveryTopic) -> Bool {
        switch a {
        case .all: if case .all = b { return true } else { return false }
        case .track: if case .track = b { return true } else { return false }
        case .established: if case .established = b { return true } else { return false }
        case .arp: if case .arp = b { return true } else { return false }
        case .securityGroupRule(let g, let r, let n):
            if case .securityGroupRule(let h, let s, let m) = b { return r == s && n == m && g.rawValue == h.rawValue } else { return false }
        case .securityGroupRuleContent(let x, let n):
            if case .securityGroupRuleContent(let y, let m) = b { return n == m && x == y } else { return false }
        }
    }
}
