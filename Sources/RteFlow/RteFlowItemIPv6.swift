import EswitchModel

/// The IPV6 item (`struct rte_flow_item_ipv6`, over `struct rte_ipv6_hdr`): the header fields
/// eswitch matches.
public struct RteFlowItemIPv6: Hashable, Sendable {
    public var source: MaskedField<IPv6Address>?
    public var destination: MaskedField<IPv6Address>?
    /// The next header (`proto`: 6 TCP, 17 UDP, 58 ICMPv6...).
    public var proto: MaskedField<UInt8>?
    /// The hop limit (`hop_limits`).
    public var hopLimit: MaskedField<UInt8>?

    public init(source: MaskedField<IPv6Address>? = nil, destination: MaskedField<IPv6Address>? = nil,
                proto: MaskedField<UInt8>? = nil, hopLimit: MaskedField<UInt8>? = nil) {
        self.source = source
        self.destination = destination
        self.proto = proto
        self.hopLimit = hopLimit
    }
}
