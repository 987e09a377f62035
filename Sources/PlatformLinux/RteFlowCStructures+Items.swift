#if DPDK
import CDpdk
import EswitchModel
import RteFlow

/// Pattern items to `struct rte_flow_item` with their spec and mask structures. Multi-byte
/// header fields are big-endian (`rte_be16_t`, `rte_be32_t`); ethdev port ids are host order.
extension RteFlowCStructures {
    /// One item. A match item with no field given has no spec and no mask (it matches any
    /// header of its type); otherwise spec and mask are both set, unmatched fields zero in both.
    /// `header` items (a VXLAN_ENCAP definition) carry a spec only — the header to write —
    /// with the protocol constants the model leaves implicit filled in.
    func encode(_ item: RteFlowItem, owner: RteFlowErrorLocation, header: Bool) -> rte_flow_item {
        var out = rte_flow_item()
        switch item {
        case .eth(let e):
            out.type = RTE_FLOW_ITEM_TYPE_ETH
            guard e != RteFlowItemEth() else { return out }
            let (spec, mask) = pair(rte_flow_item_eth.self, owner: owner, header: header)
            if let f = e.destination { spec.pointee.hdr.dst_addr.addr_bytes = f.value.bytes; mask?.pointee.hdr.dst_addr.addr_bytes = f.mask.bytes }
            if let f = e.source { spec.pointee.hdr.src_addr.addr_bytes = f.value.bytes; mask?.pointee.hdr.src_addr.addr_bytes = f.mask.bytes }
            if let f = e.type { spec.pointee.hdr.ether_type = f.value.bigEndian; mask?.pointee.hdr.ether_type = f.mask.bigEndian }
            out.spec = UnsafeRawPointer(spec)
            out.mask = mask.map { UnsafeRawPointer($0) }
        case .vlan(let v):
            out.type = RTE_FLOW_ITEM_TYPE_VLAN
            guard v != RteFlowItemVLAN() else { return out }
            let (spec, mask) = pair(rte_flow_item_vlan.self, owner: owner, header: header)
            if let f = v.vid {
                spec.pointee.hdr.vlan_tci = (f.value & RteFlowItemVLAN.vidMask).bigEndian
                mask?.pointee.hdr.vlan_tci = (f.mask & RteFlowItemVLAN.vidMask).bigEndian
            }
            if let f = v.innerType { spec.pointee.hdr.eth_proto = f.value.bigEndian; mask?.pointee.hdr.eth_proto = f.mask.bigEndian }
            out.spec = UnsafeRawPointer(spec)
            out.mask = mask.map { UnsafeRawPointer($0) }
        case .ipv4(let i):
            out.type = RTE_FLOW_ITEM_TYPE_IPV4
            guard i != RteFlowItemIPv4() || header else { return out }
            let (spec, mask) = pair(rte_flow_item_ipv4.self, owner: owner, header: header)
            if let f = i.source { spec.pointee.hdr.src_addr = f.value.rawValue.bigEndian; mask?.pointee.hdr.src_addr = f.mask.rawValue.bigEndian }
            if let f = i.destination { spec.pointee.hdr.dst_addr = f.value.rawValue.bigEndian; mask?.pointee.hdr.dst_addr = f.mask.rawValue.bigEndian }
            if let f = i.proto { spec.pointee.hdr.next_proto_id = f.value; mask?.pointee.hdr.next_proto_id = f.mask }
            if let f = i.ttl { spec.pointee.hdr.time_to_live = f.value; mask?.pointee.hdr.time_to_live = f.mask }
            // RFC 791: version 4, header length 5 words (no options).
            if header { spec.pointee.hdr.version_ihl = 0x45 }
            out.spec = UnsafeRawPointer(spec)
            out.mask = mask.map { UnsafeRawPointer($0) }
        case .ipv6(let i):
            out.type = RTE_FLOW_ITEM_TYPE_IPV6
            guard i != RteFlowItemIPv6() || header else { return out }
            let (spec, mask) = pair(rte_flow_item_ipv6.self, owner: owner, header: header)
            if let f = i.source {
                Self.store(f.value, into: &spec.pointee.hdr.src_addr)
                if let mask { Self.store(f.mask, into: &mask.pointee.hdr.src_addr) }
            }
            if let f = i.destination {
                Self.store(f.value, into: &spec.pointee.hdr.dst_addr)
                if let mask { Self.store(f.mask, into: &mask.pointee.hdr.dst_addr) }
            }
            if let f = i.proto { spec.pointee.hdr.proto = f.value; mask?.pointee.hdr.proto = f.mask }
            if let f = i.hopLimit { spec.pointee.hdr.hop_limits = f.value; mask?.pointee.hdr.hop_limits = f.mask }
            // RFC 8200: version 6 in the top four bits of vtc_flow.
            if header { spec.pointee.hdr.vtc_flow = (UInt32(6) << 28).bigEndian }
            out.spec = UnsafeRawPointer(spec)
            out.mask = mask.map { UnsafeRawPointer($0) }
        case .tcp(let p):
            out.type = RTE_FLOW_ITEM_TYPE_TCP
            guard p != RteFlowItemPorts() else { return out }
            let (spec, mask) = pair(rte_flow_item_tcp.self, owner: owner, header: header)
            if let f = p.source { spec.pointee.hdr.src_port = f.value.bigEndian; mask?.pointee.hdr.src_port = f.mask.bigEndian }
            if let f = p.destination { spec.pointee.hdr.dst_port = f.value.bigEndian; mask?.pointee.hdr.dst_port = f.mask.bigEndian }
            out.spec = UnsafeRawPointer(spec)
            out.mask = mask.map { UnsafeRawPointer($0) }
        case .udp(let p):
            out.type = RTE_FLOW_ITEM_TYPE_UDP
            guard p != RteFlowItemPorts() else { return out }
            let (spec, mask) = pair(rte_flow_item_udp.self, owner: owner, header: header)
            if let f = p.source { spec.pointee.hdr.src_port = f.value.bigEndian; mask?.pointee.hdr.src_port = f.mask.bigEndian }
            if let f = p.destination { spec.pointee.hdr.dst_port = f.value.bigEndian; mask?.pointee.hdr.dst_port = f.mask.bigEndian }
            out.spec = UnsafeRawPointer(spec)
            out.mask = mask.map { UnsafeRawPointer($0) }
        case .sctp(let p):
            out.type = RTE_FLOW_ITEM_TYPE_SCTP
            guard p != RteFlowItemPorts() else { return out }
            let (spec, mask) = pair(rte_flow_item_sctp.self, owner: owner, header: header)
            if let f = p.source { spec.pointee.hdr.src_port = f.value.bigEndian; mask?.pointee.hdr.src_port = f.mask.bigEndian }
            if let f = p.destination { spec.pointee.hdr.dst_port = f.value.bigEndian; mask?.pointee.hdr.dst_port = f.mask.bigEndian }
            out.spec = UnsafeRawPointer(spec)
            out.mask = mask.map { UnsafeRawPointer($0) }
        case .icmp(let c):
            out.type = RTE_FLOW_ITEM_TYPE_ICMP
            guard c != RteFlowItemICMP() else { return out }
            let (spec, mask) = pair(rte_flow_item_icmp.self, owner: owner, header: header)
            if let f = c.type { spec.pointee.hdr.icmp_type = f.value; mask?.pointee.hdr.icmp_type = f.mask }
            if let f = c.code { spec.pointee.hdr.icmp_code = f.value; mask?.pointee.hdr.icmp_code = f.mask }
            out.spec = UnsafeRawPointer(spec)
            out.mask = mask.map { UnsafeRawPointer($0) }
        case .icmp6(let c):
            out.type = RTE_FLOW_ITEM_TYPE_ICMP6
            guard c != RteFlowItemICMP() else { return out }
            let (spec, mask) = pair(rte_flow_item_icmp6.self, owner: owner, header: header)
            if let f = c.type { spec.pointee.type = f.value; mask?.pointee.type = f.mask }
            if let f = c.code { spec.pointee.code = f.value; mask?.pointee.code = f.mask }
            out.spec = UnsafeRawPointer(spec)
            out.mask = mask.map { UnsafeRawPointer($0) }
        case .vxlan(let x):
            out.type = RTE_FLOW_ITEM_TYPE_VXLAN
            guard x.vni != nil || header else { return out }
            let (spec, mask) = pair(rte_flow_item_vxlan.self, owner: owner, header: header)
            // RFC 7348 section 5: the VNI is the top 24 bits of the header's second word.
            if let vni = x.vni { spec.pointee.hdr.vx_vni = (vni.rawValue << 8).bigEndian; mask?.pointee.hdr.vx_vni = (UInt32(0xFF_FFFF) << 8).bigEndian }
            // RFC 7348 section 5: flags 0x08 (the I flag: the VNI is valid).
            if header { spec.pointee.hdr.vx_flags = (UInt32(0x08) << 24).bigEndian }
            out.spec = UnsafeRawPointer(spec)
            out.mask = mask.map { UnsafeRawPointer($0) }
        case .portRepresentor(let port):
            out.type = RTE_FLOW_ITEM_TYPE_PORT_REPRESENTOR
            let (spec, mask) = pair(rte_flow_item_ethdev.self, owner: owner, header: header)
            spec.pointee.port_id = port.rawValue
            mask?.pointee.port_id = .max
            out.spec = UnsafeRawPointer(spec)
            out.mask = mask.map { UnsafeRawPointer($0) }
        case .representedPort(let port):
            out.type = RTE_FLOW_ITEM_TYPE_REPRESENTED_PORT
            let (spec, mask) = pair(rte_flow_item_ethdev.self, owner: owner, header: header)
            spec.pointee.port_id = port.rawValue
            mask?.pointee.port_id = .max
            out.spec = UnsafeRawPointer(spec)
            out.mask = mask.map { UnsafeRawPointer($0) }
        }
        return out
    }

    /// A spec and (unless `header`) a mask of type `T`.
    private func pair<T>(_ type: T.Type, owner: RteFlowErrorLocation, header: Bool) -> (UnsafeMutablePointer<T>, UnsafeMutablePointer<T>?) {
        (allocate(T.self, owner: owner), header ? nil : allocate(T.self, owner: owner))
    }

    /// Writes an IPv6 address in wire order into a C `uint8_t[16]`.
    static func store<Tuple>(_ address: IPv6Address, into field: inout Tuple) {
        let bytes = address.bytes
        withUnsafeMutableBytes(of: &field) { raw in
            precondition(raw.count == 16, "IPv6 address field must be 16 bytes")
            raw.copyBytes(from: bytes)
        }
    }

    /// Reads an IPv6 address from a C `uint8_t[16]`.
    static func load<Tuple>(_ field: Tuple) -> IPv6Address {
        withUnsafeBytes(of: field) { raw in IPv6Address(bytes: Array(raw))! }
    }
}
#endif
