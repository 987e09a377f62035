extension RteFlowAction {
    /// The action as dpdk-testpmd's `flow` command spells it, e.g. `set_mac_dst mac_addr
    /// 52:54:00:10:00:02` or `jump group 3`. VXLAN_ENCAP is the bare `vxlan_encap`: testpmd takes
    /// its definition from a preceding `set vxlan...` command (``RteFlowVXLANEncap/testpmdSetCommand``).
    public var testpmdText: String {
        switch self {
        case .vxlanEncap: return "vxlan_encap"
        case .vxlanDecap: return "vxlan_decap"
        case .portRepresentor(let port): return "port_representor port_id \(port.rawValue)"
        case .representedPort(let port): return "represented_port ethdev_port_id \(port.rawValue)"
        case .setMACSource(let mac): return "set_mac_src mac_addr \(mac)"
        case .setMACDestination(let mac): return "set_mac_dst mac_addr \(mac)"
        case .decrementTTL: return "dec_ttl"
        case .setIPv4Source(let ip): return "set_ipv4_src ipv4_addr \(ip)"
        case .setIPv4Destination(let ip): return "set_ipv4_dst ipv4_addr \(ip)"
        case .ofPushVLAN(let etherType): return "of_push_vlan ethertype \(TestpmdField.hexText(etherType))"
        case .ofSetVLANVID(let vid): return "of_set_vlan_vid vlan_vid \(vid)"
        case .ofPopVLAN: return "of_pop_vlan"
        case .meter(let id): return "meter mtr_id \(id.rawValue)"
        case .count: return "count"
        case .drop: return "drop"
        case .jump(let group): return "jump group \(group)"
        case .queue(let index): return "queue index \(index)"
        }
    }
}
