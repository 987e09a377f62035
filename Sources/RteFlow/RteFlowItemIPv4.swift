import EswitchModel

/// The IPV4 item (`struct rte_flow_item_ipv4`, over `struct rte_ipv4_hdr`): the header fields
/// eswitch matches.
public struct RteFlowItemIPv4: Hashable, Sendable {
    public var source: MaskedField<IPv4Address>?
    public var destination: MaskedField<IPv4Address>?
    /// The next protocol (`next_proto_id`: 6 TCP, 17 UDP, 1 ICMP...).
    public var proto: MaskedField<UInt8>?
    public var ttl: MaskedField<UInt8>?

    public init(source: MaskedField<IPv4Address>? = nil, destination: MaskedField<IPv4Address>? = nil,
                proto: MaskedField<UInt8>? = nil, ttl: MaskedField<UInt8>? = nil) {
        self.source = source
        self.destination = destination
        self.proto = proto
        self.ttl = ttl
    }
}
