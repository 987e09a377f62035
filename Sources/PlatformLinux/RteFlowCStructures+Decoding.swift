#if DPDK
import CDpdk
import EswitchModel
import RteFlow

/// Reading the C structures back into the model: the decoder that checks the encoder (a field
/// whose mask is zero is "not matched", as rte_flow reads it).
extension RteFlowCStructures {
    /// The rule the C structures describe, or nil when they hold something the model has no form
    /// for (an unknown type, a VXLAN_ENCAP definition of another shape).
    public func decoded() -> RteFlowRule? {
        var attributes = RteFlowAttributes(group: self.attributes.pointee.group, priority: self.attributes.pointee.priority)
        attributes.ingress = self.attributes.pointee.ingress != 0
        attributes.egress = self.attributes.pointee.egress != 0
        attributes.transfer = self.attributes.pointee.transfer != 0
        guard let pattern = Self.decodeItems(UnsafePointer(items.baseAddress!)),
              let actions = Self.decodeActions(UnsafePointer(actions.baseAddress!)) else { return nil }
        return RteFlowRule(port: rule.port, attributes: attributes, pattern: pattern, actions: actions)
    }

    /// Items up to END.
    static func decodeItems(_ items: UnsafePointer<rte_flow_item>) -> [RteFlowItem]? {
        var out: [RteFlowItem] = []
        var index = 0
        while items[index].type != RTE_FLOW_ITEM_TYPE_END {
            guard let item = decode(items[index]) else { return nil }
            out.append(item)
            index += 1
        }
        return out
    }

    /// A field present in the mask, as a masked value; nil when the mask is zero.
    private static func field<T: Equatable>(_ value: T, _ mask: T, zero: T) -> MaskedField<T>? {
        mask == zero ? nil : MaskedField(value, mask: mask)
    }

    private static func mac(_ address: rte_ether_addr) -> MACAddress {
        let b = address.addr_bytes
        return MACAddress(b.0, b.1, b.2, b.3, b.4, b.5)
    }

    private static func decode(_ item: rte_flow_item) -> RteFlowItem? {
        let spec = item.spec, mask = item.mask
        func typed<T>(_: T.Type) -> (T, T)? {
            guard let spec, let mask else { return nil }
            return (spec.assumingMemoryBound(to: T.self).pointee, mask.assumingMemoryBound(to: T.self).pointee)
        }
        switch item.type {
        case RTE_FLOW_ITEM_TYPE_ETH:
            guard let (s, m) = typed(rte_flow_item_eth.self) else { return .eth(RteFlowItemEth()) }
            return .eth(RteFlowItemEth(destination: field(mac(s.hdr.dst_addr), mac(m.hdr.dst_addr), zero: .zero),
                                       source: field(mac(s.hdr.src_addr), mac(m.hdr.src_addr), zero: .zero),
                                       type: field(UInt16(bigEndian: s.hdr.ether_type), UInt16(bigEndian: m.hdr.ether_type), zero: 0)))
        case RTE_FLOW_ITEM_TYPE_VLAN:
            guard let (s, m) = typed(rte_flow_item_vlan.self) else { return .vlan(RteFlowItemVLAN()) }
            return .vlan(RteFlowItemVLAN(vid: field(UInt16(bigEndian: s.hdr.vlan_tci) & RteFlowItemVLAN.vidMask,
                                                    UInt16(bigEndian: m.hdr.vlan_tci) & RteFlowItemVLAN.vidMask, zero: 0),
                                         innerType: field(UInt16(bigEndian: s.hdr.eth_proto), UInt16(bigEndian: m.hdr.eth_proto), zero: 0)))
        case RTE_FLOW_ITEM_TYPE_IPV4:
            guard let (s, m) = typed(rte_flow_item_ipv4.self) else { return .ipv4(RteFlowItemIPv4()) }
            return .ipv4(RteFlowItemIPv4(
                source: field(IPv4Address(rawValue: UInt32(bigEndian: s.hdr.src_addr)), IPv4Address(rawValue: UInt32(bigEndian: m.hdr.src_addr)), zero: .any),
                destination: field(IPv4Address(rawValue: UInt32(bigEndian: s.hdr.dst_addr)), IPv4Address(rawValue: UInt32(bigEndian: m.hdr.dst_addr)), zero: .any),
                proto: field(s.hdr.next_proto_id, m.hdr.next_proto_id, zero: 0),
                ttl: field(s.hdr.time_to_live, m.hdr.time_to_live, zero: 0)))
        case RTE_FLOW_ITEM_TYPE_IPV6:
            guard let (s, m) = typed(rte_flow_item_ipv6.self) else { return .ipv6(RteFlowItemIPv6()) }
            return .ipv6(RteFlowItemIPv6(
                source: field(load(s.hdr.src_addr), load(m.hdr.src_addr), zero: .any),
                destination: field(load(s.hdr.dst_addr), load(m.hdr.dst_addr), zero: .any),
                proto: field(s.hdr.proto, m.hdr.proto, zero: 0),
                hopLimit: field(s.hdr.hop_limits, m.hdr.hop_limits, zero: 0)))
        case RTE_FLOW_ITEM_TYPE_TCP:
            guard let (s, m) = typed(rte_flow_item_tcp.self) else { return .tcp(RteFlowItemPorts()) }
            return .tcp(ports(s.hdr.src_port, m.hdr.src_port, s.hdr.dst_port, m.hdr.dst_port))
        case RTE_FLOW_ITEM_TYPE_UDP:
            guard let (s, m) = typed(rte_flow_item_udp.self) else { return .udp(RteFlowItemPorts()) }
            return .udp(ports(s.hdr.src_port, m.hdr.src_port, s.hdr.dst_port, m.hdr.dst_port))
        case RTE_FLOW_ITEM_TYPE_SCTP:
            guard let (s, m) = typed(rte_flow_item_sctp.self) else { return .sctp(RteFlowItemPorts()) }
            return .sctp(ports(s.hdr.src_port, m.hdr.src_port, s.hdr.dst_port, m.hdr.dst_port))
        case RTE_FLOW_ITEM_TYPE_ICMP:
            guard let (s, m) = typed(rte_flow_item_icmp.self) else { return .icmp(RteFlowItemICMP()) }
            return .icmp(RteFlowItemICMP(type: field(s.hdr.icmp_type, m.hdr.icmp_type, zero: 0), code: field(s.hdr.icmp_code, m.hdr.icmp_code, zero: 0)))
        case RTE_FLOW_ITEM_TYPE_ICMP6:
            guard let (s, m) = typed(rte_flow_item_icmp6.self) else { return .icmp6(RteFlowItemICMP()) }
            return .icmp6(RteFlowItemICMP(type: field(s.type, m.type, zero: 0), code: field(s.code, m.code, zero: 0)))
        case RTE_FLOW_ITEM_TYPE_VXLAN:
            guard let (s, m) = typed(rte_flow_item_vxlan.self) else { return .vxlan(RteFlowItemVXLAN()) }
            guard m.hdr.vx_vni != 0 else { return .vxlan(RteFlowItemVXLAN()) }
            return .vxlan(RteFlowItemVXLAN(vni: VNI(rawValue: UInt32(bigEndian: s.hdr.vx_vni) >> 8)))
        case RTE_FLOW_ITEM_TYPE_PORT_REPRESENTOR:
            guard let spec else { return nil }
            return .portRepresentor(RteFlowPortID(spec.assumingMemoryBound(to: rte_flow_item_ethdev.self).pointee.port_id))
        case RTE_FLOW_ITEM_TYPE_REPRESENTED_PORT:
            guard let spec else { return nil }
            return .representedPort(RteFlowPortID(spec.assumingMemoryBound(to: rte_flow_item_ethdev.self).pointee.port_id))
        default:
            return nil
        }
    }

    private static func ports(_ sourceSpec: UInt16, _ sourceMask: UInt16, _ destinationSpec: UInt16, _ destinationMask: UInt16) -> RteFlowItemPorts {
        RteFlowItemPorts(source: field(UInt16(bigEndian: sourceSpec), UInt16(bigEndian: sourceMask), zero: 0),
                         destination: field(UInt16(bigEndian: destinationSpec), UInt16(bigEndian: destinationMask), zero: 0))
    }

    /// Actions up to END.
    static func decodeActions(_ actions: UnsafePointer<rte_flow_action>) -> [RteFlowAction]? {
        var out: [RteFlowAction] = []
        var index = 0
        while actions[index].type != RTE_FLOW_ACTION_TYPE_END {
            guard let action = decode(actions[index]) else { return nil }
            out.append(action)
            index += 1
        }
        return out
    }

    private static func decode(_ action: rte_flow_action) -> RteFlowAction? {
        let conf = action.conf
        func typed<T>(_: T.Type) -> T? { conf?.assumingMemoryBound(to: T.self).pointee }
        switch action.type {
        case RTE_FLOW_ACTION_TYPE_VXLAN_ENCAP:
            guard let definition = typed(rte_flow_action_vxlan_encap.self)?.definition else { return nil }
            return decodeEncapsulation(UnsafePointer(definition)).map { .vxlanEncap($0) }
        case RTE_FLOW_ACTION_TYPE_VXLAN_DECAP: return .vxlanDecap
        case RTE_FLOW_ACTION_TYPE_PORT_REPRESENTOR:
            return typed(rte_flow_action_ethdev.self).map { .portRepresentor(RteFlowPortID($0.port_id)) }
        case RTE_FLOW_ACTION_TYPE_REPRESENTED_PORT:
            return typed(rte_flow_action_ethdev.self).map { .representedPort(RteFlowPortID($0.port_id)) }
        case RTE_FLOW_ACTION_TYPE_SET_MAC_SRC:
            return typed(rte_flow_action_set_mac.self).map { .setMACSource(macBytes($0.mac_addr)) }
        case RTE_FLOW_ACTION_TYPE_SET_MAC_DST:
            return typed(rte_flow_action_set_mac.self).map { .setMACDestination(macBytes($0.mac_addr)) }
        case RTE_FLOW_ACTION_TYPE_DEC_TTL: return .decrementTTL
        case RTE_FLOW_ACTION_TYPE_SET_IPV4_SRC:
            return typed(rte_flow_action_set_ipv4.self).map { .setIPv4Source(IPv4Address(rawValue: UInt32(bigEndian: $0.ipv4_addr))) }
        case RTE_FLOW_ACTION_TYPE_SET_IPV4_DST:
            return typed(rte_flow_action_set_ipv4.self).map { .setIPv4Destination(IPv4Address(rawValue: UInt32(bigEndian: $0.ipv4_addr))) }
        case RTE_FLOW_ACTION_TYPE_OF_PUSH_VLAN:
            return typed(rte_flow_action_of_push_vlan.self).map { .ofPushVLAN(etherType: UInt16(bigEndian: $0.ethertype)) }
        case RTE_FLOW_ACTION_TYPE_OF_SET_VLAN_VID:
            return typed(rte_flow_action_of_set_vlan_vid.self).map { .ofSetVLANVID(UInt16(bigEndian: $0.vlan_vid)) }
        case RTE_FLOW_ACTION_TYPE_OF_POP_VLAN: return .ofPopVLAN
        case RTE_FLOW_ACTION_TYPE_METER:
            return typed(rte_flow_action_meter.self).map { .meter(RteFlowMeterID($0.mtr_id)) }
        case RTE_FLOW_ACTION_TYPE_COUNT: return .count
        case RTE_FLOW_ACTION_TYPE_DROP: return .drop
        case RTE_FLOW_ACTION_TYPE_JUMP:
            return typed(rte_flow_action_jump.self).map { .jump(group: $0.group) }
        case RTE_FLOW_ACTION_TYPE_QUEUE:
            return typed(rte_flow_action_queue.self).map { .queue(index: $0.index) }
        default:
            return nil
        }
    }

    private static func macBytes(_ b: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8)) -> MACAddress {
        MACAddress(b.0, b.1, b.2, b.3, b.4, b.5)
    }

    /// A VXLAN_ENCAP definition (ETH / IPV4|IPV6 / UDP / VXLAN / END, specs only) as the model.
    static func decodeEncapsulation(_ items: UnsafePointer<rte_flow_item>) -> RteFlowVXLANEncap? {
        let types = (0..<5).map { items[$0].type }
        guard types[0] == RTE_FLOW_ITEM_TYPE_ETH, types[2] == RTE_FLOW_ITEM_TYPE_UDP, types[3] == RTE_FLOW_ITEM_TYPE_VXLAN,
              types[4] == RTE_FLOW_ITEM_TYPE_END,
              let ethSpec = items[0].spec, let l3Spec = items[1].spec, let udpSpec = items[2].spec, let vxlanSpec = items[3].spec
        else { return nil }
        let eth = ethSpec.assumingMemoryBound(to: rte_flow_item_eth.self).pointee
        let udp = udpSpec.assumingMemoryBound(to: rte_flow_item_udp.self).pointee
        let vxlan = vxlanSpec.assumingMemoryBound(to: rte_flow_item_vxlan.self).pointee
        let addresses: RteFlowTunnelAddresses, tos: UInt8, ttl: UInt8
        switch types[1] {
        case RTE_FLOW_ITEM_TYPE_IPV4:
            let ip = l3Spec.assumingMemoryBound(to: rte_flow_item_ipv4.self).pointee.hdr
            addresses = .ipv4(source: IPv4Address(rawValue: UInt32(bigEndian: ip.src_addr)), destination: IPv4Address(rawValue: UInt32(bigEndian: ip.dst_addr)))
            tos = ip.type_of_service
            ttl = ip.time_to_live
        case RTE_FLOW_ITEM_TYPE_IPV6:
            let ip = l3Spec.assumingMemoryBound(to: rte_flow_item_ipv6.self).pointee.hdr
            addresses = .ipv6(source: load(ip.src_addr), destination: load(ip.dst_addr))
            tos = UInt8(truncatingIfNeeded: UInt32(bigEndian: ip.vtc_flow) >> 20)
            ttl = ip.hop_limits
        default:
            return nil
        }
        return RteFlowVXLANEncap(vni: VNI(rawValue: UInt32(bigEndian: vxlan.hdr.vx_vni) >> 8),
                                 ethSource: mac(eth.hdr.src_addr), ethDestination: mac(eth.hdr.dst_addr), addresses: addresses,
                                 udpSource: UInt16(bigEndian: udp.hdr.src_port), udpDestination: UInt16(bigEndian: udp.hdr.dst_port),
                                 tos: tos, ttl: ttl)
    }
}
#endif
