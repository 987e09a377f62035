import EswitchModel

/// Bit sets over the profile vocabulary (flower keys, offload actions, port kinds), so that
/// placement checks a rule against a profile without hashing: a node has 100,000 rules and more.
/// Keys are numbered by their position in `allCases`, actions by `ordinal(_:)` (a test checks
/// that both numberings are distinct and fit in 64 bits).
enum PlacementBits {
    /// The port kinds, in the order `index(of:)` numbers them.
    static let kinds: [PortKind] = [.uplink, .vfRepresentor, .tunnelDevice]

    @inline(__always) static func index(of kind: PortKind) -> Int {
        switch kind {
        case .uplink: return 0
        case .vfRepresentor: return 1
        case .tunnelDevice: return 2
        }
    }

    static func bit(_ key: FlowerKey) -> UInt64 { 1 << UInt64(FlowerKey.allCases.firstIndex(of: key)!) }

    /// The bit of an action; a switch, since this runs for every action of every rule.
    static func bit(_ action: OffloadAction) -> UInt64 { 1 << UInt64(ordinal(action)) }

    /// The bits of the keys `match` uses (the same keys as `FlowMatch.keys`).
    static func keys(of m: FlowMatch) -> UInt64 {
        var bits: UInt64 = 0
        if m.ethSource != nil { bits |= Key.srcMAC }
        if m.ethDestination != nil { bits |= Key.dstMAC }
        if m.etherType != nil { bits |= Key.ethType }
        if m.vlanID != nil { bits |= Key.vlanID }
        if m.ipProtocol != nil { bits |= Key.ipProto }
        if m.ipv4Source != nil || m.ipv6Source != nil { bits |= Key.srcIP }
        if m.ipv4Destination != nil || m.ipv6Destination != nil { bits |= Key.dstIP }
        if m.sourcePort != nil { bits |= Key.srcPort }
        if m.destinationPort != nil { bits |= Key.dstPort }
        if m.icmpType != nil { bits |= Key.icmpType }
        if m.icmpCode != nil { bits |= Key.icmpCode }
        if m.tunnelID != nil { bits |= Key.encKeyID }
        if m.tunnelSource != nil { bits |= Key.encSrcIP }
        if m.tunnelDestination != nil { bits |= Key.encDstIP }
        if m.tunnelDestinationPort != nil { bits |= Key.encDstPort }
        if m.connectionState != nil { bits |= Key.ctState }
        return bits
    }

    /// The bits of every tunnel (`enc_*`) key.
    static let tunnelKeys: UInt64 = FlowerKey.allCases.filter(\.isTunnelKey).reduce(0) { $0 | bit($1) }

    private enum Key {
        static let srcMAC = bit(.srcMAC), dstMAC = bit(.dstMAC), ethType = bit(.ethType), vlanID = bit(.vlanID)
        static let ipProto = bit(.ipProto), srcIP = bit(.srcIP), dstIP = bit(.dstIP)
        static let srcPort = bit(.srcPort), dstPort = bit(.dstPort), icmpType = bit(.icmpType), icmpCode = bit(.icmpCode)
        static let encKeyID = bit(.encKeyID), encSrcIP = bit(.encSrcIP), encDstIP = bit(.encDstIP), encDstPort = bit(.encDstPort)
        static let ctState = bit(.ctState)
    }

    /// A number for `action`, distinct per case (its position in `OffloadAction.allCases`).
    static func ordinal(_ action: OffloadAction) -> Int {
        switch action {
        case .mirredRedirect: return 0
        case .mirredMirror: return 1
        case .mirredIngressRedirect: return 2
        case .drop: return 3
        case .pass: return 4
        case .trap: return 5
        case .gotoChain: return 6
        case .tunnelKeySet: return 7
        case .tunnelKeyUnset: return 8
        case .vlanPush: return 9
        case .vlanPop: return 10
        case .vlanModify: return 11
        case .peditEth: return 12
        case .peditIP4: return 13
        case .peditIP4TTL: return 14
        case .peditIP6: return 15
        case .peditIP6HopLimit: return 16
        case .peditL4Ports: return 17
        case .csum: return 18
        case .police: return 19
        case .ct: return 20
        case .ctNAT: return 21
        case .sample: return 22
        case .mplsPush: return 23
        case .mplsPop: return 24
        }
    }
}
