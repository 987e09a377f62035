import EswitchModel

/// The port numbers of a TCP, UDP or SCTP item (`src_port` / `dst_port` of `struct rte_tcp_hdr`,
/// `rte_udp_hdr`, `rte_sctp_hdr`).
public struct RteFlowItemPorts: Hashable, Sendable {
    public var source: MaskedField<UInt16>?
    public var destination: MaskedField<UInt16>?

    public init(source: MaskedField<UInt16>? = nil, destination: MaskedField<UInt16>? = nil) {
        self.source = source
        self.destination = destination
    }
}
