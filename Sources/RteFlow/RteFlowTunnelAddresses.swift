import EswitchModel

/// The outer source and destination of a tunnel, both of one family (an encapsulation cannot mix
/// an IPv4 source with an IPv6 destination, so the type does not allow it).
public enum RteFlowTunnelAddresses: Hashable, Sendable {
    case ipv4(source: IPv4Address, destination: IPv4Address)
    case ipv6(source: IPv6Address, destination: IPv6Address)

    /// The pair, or nil when the two addresses are of different families.
    public init?(source: IPAddress, destination: IPAddress) {
        switch (source, destination) {
        case (.v4(let s), .v4(let d)): self = .ipv4(source: s, destination: d)
        case (.v6(let s), .v6(let d)): self = .ipv6(source: s, destination: d)
        default: return nil
        }
    }

    public var source: IPAddress {
        switch self {
        case .ipv4(let s, _): return .v4(s)
        case .ipv6(let s, _): return .v6(s)
        }
    }

    public var destination: IPAddress {
        switch self {
        case .ipv4(_, let d): return .v4(d)
        case .ipv6(_, let d): return .v6(d)
        }
    }
}
