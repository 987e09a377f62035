import EswitchModel

/// Whether two matches can see the same frame, and what a rule's actions leave for the chain it
/// jumps to. Placement uses these to find which rules compete for a frame (a rule left in software
/// must not be overtaken by a lower-priority rule in hardware) and which rules a `goto chain`
/// leads to.
///
/// The answers are conservative: "may overlap" is false only when some field both matches set
/// cannot agree, so a wrong answer can only keep a rule out of hardware, never put a wrong rule in.
enum PlacementOverlap {
    /// False when no frame can satisfy both matches.
    static func mayOverlap(_ a: FlowMatch, _ b: FlowMatch) -> Bool {
        if let x = a.ethDestination, let y = b.ethDestination, (x.value.integer ^ y.value.integer) & x.mask.integer & y.mask.integer != 0 { return false }
        if let x = a.ethSource, let y = b.ethSource, (x.value.integer ^ y.value.integer) & x.mask.integer & y.mask.integer != 0 { return false }
        if let x = etherType(of: a), let y = etherType(of: b), x != y { return false }
        if let x = a.vlanID, let y = b.vlanID, x != y { return false }
        if let x = a.ipProtocol, let y = b.ipProtocol, x != y { return false }
        if let x = a.ipv4Source, let y = b.ipv4Source, !agree(x, y) { return false }
        if let x = a.ipv4Destination, let y = b.ipv4Destination, !agree(x, y) { return false }
        if let x = a.ipv6Source, let y = b.ipv6Source, !agree(x, y) { return false }
        if let x = a.ipv6Destination, let y = b.ipv6Destination, !agree(x, y) { return false }
        if let x = a.sourcePort, let y = b.sourcePort, (x.value ^ y.value) & x.mask & y.mask != 0 { return false }
        if let x = a.destinationPort, let y = b.destinationPort, (x.value ^ y.value) & x.mask & y.mask != 0 { return false }
        if let x = a.icmpType, let y = b.icmpType, x != y { return false }
        if let x = a.icmpCode, let y = b.icmpCode, x != y { return false }
        if let x = a.tunnelID, let y = b.tunnelID, x != y { return false }
        if let x = a.tunnelSource, let y = b.tunnelSource, x != y { return false }
        if let x = a.tunnelDestination, let y = b.tunnelDestination, x != y { return false }
        if let x = a.tunnelDestinationPort, let y = b.tunnelDestinationPort, x != y { return false }
        if let x = a.connectionState, let y = b.connectionState,
           !x.set.intersection(y.clear).isEmpty || !x.clear.intersection(y.set).isEmpty { return false }
        return true
    }

    /// The match a frame satisfies after `actions` ran on a frame that satisfied `match`: fields
    /// the actions rewrite take their new value, fields they remove become "any" (or absent).
    /// Used for the frames a `goto chain` hands to the next chain.
    static func frames(matching match: FlowMatch, after actions: [FlowAction]) -> FlowMatch {
        var m = match
        for action in actions {
            switch action {
            case .setEthSource(let mac): m.ethSource = .exact(mac)
            case .setEthDestination(let mac): m.ethDestination = .exact(mac)
            case .setIPv4Source(let ip): m.ipv4Source = .exact(ip)
            case .setIPv4Destination(let ip): m.ipv4Destination = .exact(ip)
            case .popVLAN: m.vlanID = nil
            case .pushVLAN(let id): m.vlanID = id
            case .decapsulate:
                m.tunnelID = nil
                m.tunnelSource = nil
                m.tunnelDestination = nil
                m.tunnelDestinationPort = nil
            case .encapsulate(let tunnel):
                m.tunnelID = tunnel.vni
                m.tunnelSource = tunnel.source
                m.tunnelDestination = tunnel.destination
                m.tunnelDestinationPort = tunnel.destinationPort
            // After conntrack the frame is tracked; whether it is new or established is unknown.
            case .conntrack(_, _, let snat):
                m.connectionState = ConnectionStateMatch(set: .tracked)
                if let snat {
                    // Source NAT: the translated address, any source port.
                    switch snat {
                    case .v4(let a): m.ipv4Source = .exact(a)
                    case .v6(let a): m.ipv6Source = .exact(a)
                    }
                    m.sourcePort = nil
                }
            case .conntrackRestoreNAT:
                // The connection's translation, whatever it was, may rewrite addresses and ports.
                m.connectionState = ConnectionStateMatch(set: .tracked)
                m.ipv4Source = nil
                m.ipv4Destination = nil
                m.ipv6Source = nil
                m.ipv6Destination = nil
                m.sourcePort = nil
                m.destinationPort = nil
            case .gotoChain: return m
            case .output, .drop, .trap, .decrementTTL, .decrementHopLimit, .police: break
            }
        }
        return m
    }

    /// The EtherType a match implies: its own, or the family of the IP fields it matches.
    private static func etherType(of m: FlowMatch) -> UInt16? {
        if let t = m.etherType { return t }
        if m.ipv4Source != nil || m.ipv4Destination != nil { return EtherTypes.ipv4 }
        if m.ipv6Source != nil || m.ipv6Destination != nil { return EtherTypes.ipv6 }
        return nil
    }

    private static func agree(_ x: MaskedField<IPv4Address>, _ y: MaskedField<IPv4Address>) -> Bool {
        (x.value.rawValue ^ y.value.rawValue) & x.mask.rawValue & y.mask.rawValue == 0
    }

    private static func agree(_ x: MaskedField<IPv6Address>, _ y: MaskedField<IPv6Address>) -> Bool {
        (x.value.high ^ y.value.high) & x.mask.high & y.mask.high == 0 && (x.value.low ^ y.value.low) & x.mask.low & y.mask.low == 0
    }
}
