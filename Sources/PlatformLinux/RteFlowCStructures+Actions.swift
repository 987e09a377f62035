#if DPDK
import CDpdk
import EswitchModel
import RteFlow

/// Actions to `struct rte_flow_action` with their conf structures.
extension RteFlowCStructures {
    func encode(_ action: RteFlowAction, owner: RteFlowErrorLocation) -> rte_flow_action {
        var out = rte_flow_action()
        switch action {
        case .vxlanEncap(let encap):
            out.type = RTE_FLOW_ACTION_TYPE_VXLAN_ENCAP
            let conf = allocate(rte_flow_action_vxlan_encap.self, owner: owner)
            conf.pointee.definition = definition(encap, owner: owner)
            out.conf = UnsafeRawPointer(conf)
        case .vxlanDecap:
            out.type = RTE_FLOW_ACTION_TYPE_VXLAN_DECAP
        case .portRepresentor(let port):
            out.type = RTE_FLOW_ACTION_TYPE_PORT_REPRESENTOR
            let conf = allocate(rte_flow_action_ethdev.self, owner: owner)
            conf.pointee.port_id = port.rawValue
            out.conf = UnsafeRawPointer(conf)
        case .representedPort(let port):
            out.type = RTE_FLOW_ACTION_TYPE_REPRESENTED_PORT
            let conf = allocate(rte_flow_action_ethdev.self, owner: owner)
            conf.pointee.port_id = port.rawValue
            out.conf = UnsafeRawPointer(conf)
        case .setMACSource(let mac):
            out.type = RTE_FLOW_ACTION_TYPE_SET_MAC_SRC
            let conf = allocate(rte_flow_action_set_mac.self, owner: owner)
            conf.pointee.mac_addr = mac.bytes
            out.conf = UnsafeRawPointer(conf)
        case .setMACDestination(let mac):
            out.type = RTE_FLOW_ACTION_TYPE_SET_MAC_DST
            let conf = allocate(rte_flow_action_set_mac.self, owner: owner)
            conf.pointee.mac_addr = mac.bytes
            out.conf = UnsafeRawPointer(conf)
        case .decrementTTL:
            out.type = RTE_FLOW_ACTION_TYPE_DEC_TTL
        case .setIPv4Source(let ip):
            out.type = RTE_FLOW_ACTION_TYPE_SET_IPV4_SRC
            let conf = allocate(rte_flow_action_set_ipv4.self, owner: owner)
            conf.pointee.ipv4_addr = ip.rawValue.bigEndian
            out.conf = UnsafeRawPointer(conf)
        case .setIPv4Destination(let ip):
            out.type = RTE_FLOW_ACTION_TYPE_SET_IPV4_DST
            let conf = allocate(rte_flow_action_set_ipv4.self, owner: owner)
            conf.pointee.ipv4_addr = ip.rawValue.bigEndian
            out.conf = UnsafeRawPointer(conf)
        case .ofPushVLAN(let etherType):
            out.type = RTE_FLOW_ACTION_TYPE_OF_PUSH_VLAN
            let conf = allocate(rte_flow_action_of_push_vlan.self, owner: owner)
            conf.pointee.ethertype = etherType.bigEndian
            out.conf = UnsafeRawPointer(conf)
        case .ofSetVLANVID(let vid):
            out.type = RTE_FLOW_ACTION_TYPE_OF_SET_VLAN_VID
            let conf = allocate(rte_flow_action_of_set_vlan_vid.self, owner: owner)
            conf.pointee.vlan_vid = vid.bigEndian
            out.conf = UnsafeRawPointer(conf)
        case .ofPopVLAN:
            out.type = RTE_FLOW_ACTION_TYPE_OF_POP_VLAN
        case .meter(let id):
            out.type = RTE_FLOW_ACTION_TYPE_METER
            let conf = allocate(rte_flow_action_meter.self, owner: owner)
            conf.pointee.mtr_id = id.rawValue
            out.conf = UnsafeRawPointer(conf)
        case .count:
            // A conf with counter id 0, as testpmd's bare `count` passes.
            out.type = RTE_FLOW_ACTION_TYPE_COUNT
            out.conf = UnsafeRawPointer(allocate(rte_flow_action_count.self, owner: owner))
        case .drop:
            out.type = RTE_FLOW_ACTION_TYPE_DROP
        case .jump(let group):
            out.type = RTE_FLOW_ACTION_TYPE_JUMP
            let conf = allocate(rte_flow_action_jump.self, owner: owner)
            conf.pointee.group = group
            out.conf = UnsafeRawPointer(conf)
        case .queue(let index):
            out.type = RTE_FLOW_ACTION_TYPE_QUEUE
            let conf = allocate(rte_flow_action_queue.self, owner: owner)
            conf.pointee.index = index
            out.conf = UnsafeRawPointer(conf)
        }
        return out
    }

    /// The END-terminated item array of a VXLAN_ENCAP definition (ETH / IPV4|IPV6 / UDP / VXLAN):
    /// specs hold the headers to write, masks are absent. TOS / traffic class, which the items do
    /// not model, is written here.
    private func definition(_ encap: RteFlowVXLANEncap, owner: RteFlowErrorLocation) -> UnsafeMutablePointer<rte_flow_item> {
        let items = encap.definition
        let array = allocate(rte_flow_item.self, count: items.count + 1, owner: owner)
        for (index, item) in items.enumerated() {
            array[index] = encode(item, owner: owner, header: true)
        }
        array[items.count].type = RTE_FLOW_ITEM_TYPE_END
        if let l3 = array[1].spec {
            switch encap.addresses {
            case .ipv4:
                UnsafeMutableRawPointer(mutating: l3).assumingMemoryBound(to: rte_flow_item_ipv4.self).pointee.hdr.type_of_service = encap.tos
            case .ipv6:
                // RFC 8200: version (4 bits), traffic class (8 bits), flow label (20 bits).
                let ipv6 = UnsafeMutableRawPointer(mutating: l3).assumingMemoryBound(to: rte_flow_item_ipv6.self)
                ipv6.pointee.hdr.vtc_flow = (UInt32(6) << 28 | UInt32(encap.tos) << 20).bigEndian
            }
        }
        return array
    }
}
#endif
