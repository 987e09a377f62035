import EswitchModel

/// The ETH item (`struct rte_flow_item_eth`): Ethernet addresses and EtherType, each field
/// matched under its mask; nil fields are not matched (mask zero).
public struct RteFlowItemEth: Hashable, Sendable {
    public var destination: MaskedField<MACAddress>?
    public var source: MaskedField<MACAddress>?
    /// EtherType (or TPID when a VLAN item follows and this is set to 0x8100).
    public var type: MaskedField<UInt16>?

    public init(destination: MaskedField<MACAddress>? = nil, source: MaskedField<MACAddress>? = nil, type: MaskedField<UInt16>? = nil) {
        self.destination = destination
        self.source = source
        self.type = type
    }
}
