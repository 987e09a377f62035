import EswitchModel

/// One action of an rte_flow rule (`struct rte_flow_action`), with its configuration.
///
/// Actions run in list order; the END action that terminates the C array is implicit. Names and
/// semantics: DPDK 22.11 `lib/ethdev/rte_flow.h`.
public enum RteFlowAction: Hashable, Sendable {
    /// VXLAN_ENCAP: wrap the frame in the outer headers of the definition.
    case vxlanEncap(RteFlowVXLANEncap)
    /// VXLAN_DECAP: strip the outer headers the pattern matched (ETH / IP / UDP / VXLAN).
    case vxlanDecap
    /// PORT_REPRESENTOR: deliver to the given ethdev itself (the application: the slow path).
    case portRepresentor(RteFlowPortID)
    /// REPRESENTED_PORT: deliver to the entity the given ethdev represents (a VF, the wire).
    case representedPort(RteFlowPortID)
    /// SET_MAC_SRC.
    case setMACSource(MACAddress)
    /// SET_MAC_DST.
    case setMACDestination(MACAddress)
    /// DEC_TTL: decrement the IPv4 TTL or the IPv6 hop limit.
    case decrementTTL
    /// SET_IPV4_SRC (the pattern must hold an IPV4 item).
    case setIPv4Source(IPv4Address)
    /// SET_IPV4_DST (the pattern must hold an IPV4 item).
    case setIPv4Destination(IPv4Address)
    /// OF_PUSH_VLAN: push a tag with this TPID (0x8100 for 802.1Q).
    case ofPushVLAN(etherType: UInt16)
    /// OF_SET_VLAN_VID: set the VLAN id of the outermost tag (after OF_PUSH_VLAN: the new one).
    case ofSetVLANVID(UInt16)
    /// OF_POP_VLAN: remove the outermost tag.
    case ofPopVLAN
    /// METER: run the frame through a meter created beforehand with rte_mtr_create.
    case meter(RteFlowMeterID)
    /// COUNT: count hits and bytes (queried with rte_flow_query).
    case count
    /// DROP.
    case drop
    /// JUMP: continue in another group.
    case jump(group: UInt32)
    /// QUEUE: deliver to an Rx queue of the port the rule is created on.
    case queue(index: UInt16)

    /// The C enumerator's name without its prefix (`RTE_FLOW_ACTION_TYPE_DROP` -> `DROP`).
    public var typeName: String {
        switch self {
        case .vxlanEncap: return "VXLAN_ENCAP"
        case .vxlanDecap: return "VXLAN_DECAP"
        case .portRepresentor: return "PORT_REPRESENTOR"
        case .representedPort: return "REPRESENTED_PORT"
        case .setMACSource: return "SET_MAC_SRC"
        case .setMACDestination: return "SET_MAC_DST"
        case .decrementTTL: return "DEC_TTL"
        case .setIPv4Source: return "SET_IPV4_SRC"
        case .setIPv4Destination: return "SET_IPV4_DST"
        case .ofPushVLAN: return "OF_PUSH_VLAN"
        case .ofSetVLANVID: return "OF_SET_VLAN_VID"
        case .ofPopVLAN: return "OF_POP_VLAN"
        case .meter: return "METER"
        case .count: return "COUNT"
        case .drop: return "DROP"
        case .jump: return "JUMP"
        case .queue: return "QUEUE"
        }
    }
}
