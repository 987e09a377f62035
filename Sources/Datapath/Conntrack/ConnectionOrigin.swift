import EswitchModel

/// Where a translated connection came from, so that replies can be routed back after the
/// translation is undone (the `route-after-nat` trap): the frame's source and the gateway MAC it
/// was sent to, and the local port or the VXLAN tunnel it arrived through.
public enum ConnectionOrigin: Hashable, Sendable {
    /// From a local port.
    case port(PortHandle, source: MACAddress, gateway: MACAddress)
    /// Through VXLAN with `vni` from the node whose VTEP is `vtep`.
    case tunnel(vni: VNI, vtep: IPv4Address, source: MACAddress, gateway: MACAddress)
}

/// A network address translation to set up when a connection is committed.
public enum NATRequest: Hashable, Sendable {
    /// Source NAT to `address`, keeping the source port (or ICMP identifier) when it is free and
    /// taking another from 1024...65535 otherwise.
    case source(IPv4Address)
    /// Destination NAT to `address` (and `port`, when given).
    case destination(IPv4Address, port: UInt16?)
}

/// What connection tracking says about one packet.
public struct ConntrackVerdict: Hashable, Sendable {
    /// The packet's connection state (`+trk`, with `+new` or `+est`).
    public var state: ConnectionState
    /// The tuple the packet must be rewritten to (its connection is translated), nil when none.
    public var rewrite: ConnectionTuple?
    /// Where the connection came from, when it was committed with one.
    public var origin: ConnectionOrigin?
    /// True when this packet committed a new connection.
    public var committed: Bool
    /// True when a commit was asked for and refused (table full, or no free translated port).
    public var refused: Bool

    public init(state: ConnectionState, rewrite: ConnectionTuple? = nil, origin: ConnectionOrigin? = nil, committed: Bool = false, refused: Bool = false) {
        self.state = state
        self.rewrite = rewrite
        self.origin = origin
        self.committed = committed
        self.refused = refused
    }
}
