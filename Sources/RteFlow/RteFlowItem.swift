/// One pattern item of an rte_flow rule (`struct rte_flow_item`), with the fields it matches.
///
/// A pattern is an array of items read outermost first; the END item that terminates it in C is
/// implicit (``RteFlowRule/pattern`` never holds it), so a pattern cannot end early by mistake.
/// Item names and semantics: DPDK 22.11 `lib/ethdev/rte_flow.h` and the rte_flow programmer's
/// guide (doc/guides/prog_guide/rte_flow.rst).
public enum RteFlowItem: Hashable, Sendable {
    case eth(RteFlowItemEth)
    case vlan(RteFlowItemVLAN)
    case ipv4(RteFlowItemIPv4)
    case ipv6(RteFlowItemIPv6)
    case tcp(RteFlowItemPorts)
    case udp(RteFlowItemPorts)
    case sctp(RteFlowItemPorts)
    case icmp(RteFlowItemICMP)
    case icmp6(RteFlowItemICMP)
    case vxlan(RteFlowItemVXLAN)
    /// PORT_REPRESENTOR: traffic that entered the embedded switch from the given ethdev (the
    /// application side, for example a representor's transmit).
    case portRepresentor(RteFlowPortID)
    /// REPRESENTED_PORT: traffic that entered the embedded switch from the entity the given
    /// ethdev represents (the VF behind a representor, the wire behind the uplink port).
    case representedPort(RteFlowPortID)

    /// The C enumerator's name without its prefix (`RTE_FLOW_ITEM_TYPE_ETH` -> `ETH`), for
    /// messages that locate a problem.
    public var typeName: String {
        switch self {
        case .eth: return "ETH"
        case .vlan: return "VLAN"
        case .ipv4: return "IPV4"
        case .ipv6: return "IPV6"
        case .tcp: return "TCP"
        case .udp: return "UDP"
        case .sctp: return "SCTP"
        case .icmp: return "ICMP"
        case .icmp6: return "ICMP6"
        case .vxlan: return "VXLAN"
        case .portRepresentor: return "PORT_REPRESENTOR"
        case .representedPort: return "REPRESENTED_PORT"
        }
    }
}
