/// What a rule matches: masked header fields, nil meaning "any". The fields are those both the TC
/// flower classifier and rte_flow items express; each backend maps them to its own keys.
public struct FlowMatch: Hashable, Sendable {
    public var ethSource: MaskedField<MACAddress>?
    public var ethDestination: MaskedField<MACAddress>?
    /// EtherType after any VLAN tag (0x0800 IPv4, 0x86dd IPv6, 0x0806 ARP).
    public var etherType: UInt16?
    /// The 802.1Q VLAN id of a tagged frame.
    public var vlanID: UInt16?
    public var ipProtocol: UInt8?
    public var ipv4Source: MaskedField<IPv4Address>?
    public var ipv4Destination: MaskedField<IPv4Address>?
    public var ipv6Source: MaskedField<IPv6Address>?
    public var ipv6Destination: MaskedField<IPv6Address>?
    /// TCP/UDP/SCTP ports (masked, so that port ranges compile to a few prefix matches).
    public var sourcePort: MaskedField<UInt16>?
    public var destinationPort: MaskedField<UInt16>?
    public var icmpType: UInt8?
    public var icmpCode: UInt8?
    /// Tunnel metadata of a frame that arrived encapsulated.
    public var tunnelID: VNI?
    public var tunnelSource: IPAddress?
    public var tunnelDestination: IPAddress?
    public var tunnelDestinationPort: UInt16?
    /// Connection-tracking state, for stateful rules (after a `conntrack` action).
    public var connectionState: ConnectionStateMatch?

    public init() {}

    /// The flower keys this match uses, in `HardwareProfile` vocabulary (for placement checks).
    public var keys: [FlowerKey] {
        var keys: [FlowerKey] = []
        if ethSource != nil { keys.append(.srcMAC) }
        if ethDestination != nil { keys.append(.dstMAC) }
        if etherType != nil { keys.append(.ethType) }
        if vlanID != nil { keys.append(.vlanID) }
        if ipProtocol != nil { keys.append(.ipProto) }
        if ipv4Source != nil || ipv6Source != nil { keys.append(.srcIP) }
        if ipv4Destination != nil || ipv6Destination != nil { keys.append(.dstIP) }
        if sourcePort != nil { keys.append(.srcPort) }
        if destinationPort != nil { keys.append(.dstPort) }
        if icmpType != nil { keys.append(.icmpType) }
        if icmpCode != nil { keys.append(.icmpCode) }
        if tunnelID != nil { keys.append(.encKeyID) }
        if tunnelSource != nil { keys.append(.encSrcIP) }
        if tunnelDestination != nil { keys.append(.encDstIP) }
        if tunnelDestinationPort != nil { keys.append(.encDstPort) }
        if connectionState != nil { keys.append(.ctState) }
        return keys
    }
}

/// A ct_state match: flags that must be set and flags that must be clear (`+trk+est`, `-trk`).
public struct ConnectionStateMatch: Hashable, Sendable {
    public var set: ConnectionState
    public var clear: ConnectionState
    public init(set: ConnectionState = [], clear: ConnectionState = []) {
        self.set = set
        self.clear = clear
    }
    /// Not yet through conntrack (`-trk`).
    public static let untracked = ConnectionStateMatch(clear: .tracked)
    /// `+trk+est`.
    public static let established = ConnectionStateMatch(set: [.tracked, .established])
    /// `+trk+new`.
    public static let new = ConnectionStateMatch(set: [.tracked, .new])
}

/// Connection-tracking states a rule can require (a subset of TC's ct_state flags).
public struct ConnectionState: OptionSet, Hashable, Sendable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// The frame went through conntrack.
    public static let tracked = ConnectionState(rawValue: 1 << 0)
    /// It starts a new connection.
    public static let new = ConnectionState(rawValue: 1 << 1)
    /// It belongs to an established connection (either direction).
    public static let established = ConnectionState(rawValue: 1 << 2)
}
