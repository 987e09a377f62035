import EswitchModel

/// The type and code of an ICMP item (`struct rte_flow_item_icmp`, over `struct rte_icmp_hdr`)
/// or an ICMP6 item (`struct rte_flow_item_icmp6`).
public struct RteFlowItemICMP: Hashable, Sendable {
    public var type: MaskedField<UInt8>?
    public var code: MaskedField<UInt8>?

    public init(type: MaskedField<UInt8>? = nil, code: MaskedField<UInt8>? = nil) {
        self.type = type
        self.code = code
    }
}
