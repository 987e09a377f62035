import EswitchModel

// JSON: one-key objects named after tc's words. Addresses print as text (IPv4 and IPv6 share
// `src_ip`, `dst_ip`...: the text tells them apart). L4 ports and ICMP type/code use tc's short
// words (`dst_port`, `icmp_type`) when an earlier ip_proto in the same list says which protocol
// they belong to, and explicit words (`tcp_dst_port`, `icmpv6_type`) otherwise, so that every
// list survives JSON -> bytes unchanged.
extension FlowerAttribute: Codable {
    /// Decodes one attribute on its own: the short port and ICMP words need a list context and are
    /// rejected here (``FlowerOptions`` decodes them).
    public init(from decoder: Decoder) throws {
        self = try Self.decodeJSON(from: decoder, ipProto: nil)
    }

    /// Encodes one attribute on its own, with explicit port and ICMP words.
    public func encode(to encoder: Encoder) throws {
        try encodeJSON(to: encoder, ipProto: nil)
    }

    /// Encodes with the ip_proto seen earlier in the list (nil when none).
    func encodeJSON(to encoder: Encoder, ipProto: UInt8?) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        switch self {
        case .classID(let v): try c.encode(v, for: "classid")
        case .inputDevice(let v): try c.encode(v, for: "indev")
        case .actions(let v): try c.encode(v, for: "actions")
        case .dstMAC(let v): try c.encode(v, for: "dst_mac")
        case .dstMACMask(let v): try c.encode(v, for: "dst_mac_mask")
        case .srcMAC(let v): try c.encode(v, for: "src_mac")
        case .srcMACMask(let v): try c.encode(v, for: "src_mac_mask")
        case .ethType(let v): try c.encode(v, for: "eth_type")
        case .ipProto(let v): try c.encode(v, for: "ip_proto")
        case .srcIPv4(let v): try c.encode(v, for: "src_ip")
        case .srcIPv4Mask(let v): try c.encode(v, for: "src_ip_mask")
        case .dstIPv4(let v): try c.encode(v, for: "dst_ip")
        case .dstIPv4Mask(let v): try c.encode(v, for: "dst_ip_mask")
        case .srcIPv6(let v): try c.encode(v, for: "src_ip")
        case .srcIPv6Mask(let v): try c.encode(v, for: "src_ip_mask")
        case .dstIPv6(let v): try c.encode(v, for: "dst_ip")
        case .dstIPv6Mask(let v): try c.encode(v, for: "dst_ip_mask")
        case .tcpSrcPort(let v): try c.encode(v, for: ipProto == IPPROTO.tcp ? "src_port" : "tcp_src_port")
        case .tcpSrcPortMask(let v): try c.encode(v, for: ipProto == IPPROTO.tcp ? "src_port_mask" : "tcp_src_port_mask")
        case .tcpDstPort(let v): try c.encode(v, for: ipProto == IPPROTO.tcp ? "dst_port" : "tcp_dst_port")
        case .tcpDstPortMask(let v): try c.encode(v, for: ipProto == IPPROTO.tcp ? "dst_port_mask" : "tcp_dst_port_mask")
        case .udpSrcPort(let v): try c.encode(v, for: ipProto == IPPROTO.udp ? "src_port" : "udp_src_port")
        case .udpSrcPortMask(let v): try c.encode(v, for: ipProto == IPPROTO.udp ? "src_port_mask" : "udp_src_port_mask")
        case .udpDstPort(let v): try c.encode(v, for: ipProto == IPPROTO.udp ? "dst_port" : "udp_dst_port")
        case .udpDstPortMask(let v): try c.encode(v, for: ipProto == IPPROTO.udp ? "dst_port_mask" : "udp_dst_port_mask")
        case .sctpSrcPort(let v): try c.encode(v, for: ipProto == IPPROTO.sctp ? "src_port" : "sctp_src_port")
        case .sctpSrcPortMask(let v): try c.encode(v, for: ipProto == IPPROTO.sctp ? "src_port_mask" : "sctp_src_port_mask")
        case .sctpDstPort(let v): try c.encode(v, for: ipProto == IPPROTO.sctp ? "dst_port" : "sctp_dst_port")
        case .sctpDstPortMask(let v): try c.encode(v, for: ipProto == IPPROTO.sctp ? "dst_port_mask" : "sctp_dst_port_mask")
        case .flags(let v): try c.encode(v, for: "flags")
        case .vlanID(let v): try c.encode(v, for: "vlan_id")
        case .vlanPriority(let v): try c.encode(v, for: "vlan_prio")
        case .vlanEthType(let v): try c.encode(v, for: "vlan_ethtype")
        case .cvlanID(let v): try c.encode(v, for: "cvlan_id")
        case .cvlanPriority(let v): try c.encode(v, for: "cvlan_prio")
        case .cvlanEthType(let v): try c.encode(v, for: "cvlan_ethtype")
        case .encKeyID(let v): try c.encode(v, for: "enc_key_id")
        case .encSrcIPv4(let v): try c.encode(v, for: "enc_src_ip")
        case .encSrcIPv4Mask(let v): try c.encode(v, for: "enc_src_ip_mask")
        case .encDstIPv4(let v): try c.encode(v, for: "enc_dst_ip")
        case .encDstIPv4Mask(let v): try c.encode(v, for: "enc_dst_ip_mask")
        case .encSrcIPv6(let v): try c.encode(v, for: "enc_src_ip")
        case .encSrcIPv6Mask(let v): try c.encode(v, for: "enc_src_ip_mask")
        case .encDstIPv6(let v): try c.encode(v, for: "enc_dst_ip")
        case .encDstIPv6Mask(let v): try c.encode(v, for: "enc_dst_ip_mask")
        case .encSrcPort(let v): try c.encode(v, for: "enc_src_port")
        case .encSrcPortMask(let v): try c.encode(v, for: "enc_src_port_mask")
        case .encDstPort(let v): try c.encode(v, for: "enc_dst_port")
        case .encDstPortMask(let v): try c.encode(v, for: "enc_dst_port_mask")
        case .icmpv4Type(let v): try c.encode(v, for: ipProto == IPPROTO.icmp ? "icmp_type" : "icmpv4_type")
        case .icmpv4TypeMask(let v): try c.encode(v, for: ipProto == IPPROTO.icmp ? "icmp_type_mask" : "icmpv4_type_mask")
        case .icmpv4Code(let v): try c.encode(v, for: ipProto == IPPROTO.icmp ? "icmp_code" : "icmpv4_code")
        case .icmpv4CodeMask(let v): try c.encode(v, for: ipProto == IPPROTO.icmp ? "icmp_code_mask" : "icmpv4_code_mask")
        case .icmpv6Type(let v): try c.encode(v, for: ipProto == IPPROTO.icmpv6 ? "icmp_type" : "icmpv6_type")
        case .icmpv6TypeMask(let v): try c.encode(v, for: ipProto == IPPROTO.icmpv6 ? "icmp_type_mask" : "icmpv6_type_mask")
        case .icmpv6Code(let v): try c.encode(v, for: ipProto == IPPROTO.icmpv6 ? "icmp_code" : "icmpv6_code")
        case .icmpv6CodeMask(let v): try c.encode(v, for: ipProto == IPPROTO.icmpv6 ? "icmp_code_mask" : "icmpv6_code_mask")
        case .arpOp(let v): try c.encode(ARPOperation(v), for: "arp_op")
        case .arpOpMask(let v): try c.encode(v, for: "arp_op_mask")
        case .arpSIP(let v): try c.encode(v, for: "arp_sip")
        case .arpSIPMask(let v): try c.encode(v, for: "arp_sip_mask")
        case .arpTIP(let v): try c.encode(v, for: "arp_tip")
        case .arpTIPMask(let v): try c.encode(v, for: "arp_tip_mask")
        case .arpSHA(let v): try c.encode(v, for: "arp_sha")
        case .arpSHAMask(let v): try c.encode(v, for: "arp_sha_mask")
        case .arpTHA(let v): try c.encode(v, for: "arp_tha")
        case .arpTHAMask(let v): try c.encode(v, for: "arp_tha_mask")
        case .ipTOS(let v): try c.encode(v, for: "ip_tos")
        case .ipTOSMask(let v): try c.encode(v, for: "ip_tos_mask")
        case .ipTTL(let v): try c.encode(v, for: "ip_ttl")
        case .ipTTLMask(let v): try c.encode(v, for: "ip_ttl_mask")
        case .encTOS(let v): try c.encode(v, for: "enc_tos")
        case .encTOSMask(let v): try c.encode(v, for: "enc_tos_mask")
        case .encTTL(let v): try c.encode(v, for: "enc_ttl")
        case .encTTLMask(let v): try c.encode(v, for: "enc_ttl_mask")
        case .inHardwareCount(let v): try c.encode(v, for: "in_hw_count")
        case .unknown(let raw): try c.encode(raw, for: "unknown")
        }
    }

    /// Decodes with the ip_proto seen earlier in the list (nil when none).
    static func decodeJSON(from decoder: Decoder, ipProto: UInt8?) throws -> FlowerAttribute {
        let c = try decoder.container(keyedBy: JSONKey.self)
        let key = try c.singleKey()
        func ip() throws -> IPAddress { try c.decode(IPAddress.self, forKey: key) }
        switch key.stringValue {
        case "classid": return .classID(try c.decode(TCHandle.self, forKey: key))
        case "indev": return .inputDevice(try c.decode(String.self, forKey: key))
        case "actions": return .actions(try c.decode([TCAction].self, forKey: key))
        case "dst_mac": return .dstMAC(try c.decode(MACAddress.self, forKey: key))
        case "dst_mac_mask": return .dstMACMask(try c.decode(MACAddress.self, forKey: key))
        case "src_mac": return .srcMAC(try c.decode(MACAddress.self, forKey: key))
        case "src_mac_mask": return .srcMACMask(try c.decode(MACAddress.self, forKey: key))
        case "eth_type": return .ethType(try c.decode(EtherType.self, forKey: key))
        case "ip_proto": return .ipProto(try c.decode(IPProtocolNumber.self, forKey: key))
        case "src_ip":
            switch try ip() {
            case .v4(let a): return .srcIPv4(a)
            case .v6(let a): return .srcIPv6(a)
            }
        case "src_ip_mask":
            switch try ip() {
            case .v4(let a): return .srcIPv4Mask(a)
            case .v6(let a): return .srcIPv6Mask(a)
            }
        case "dst_ip":
            switch try ip() {
            case .v4(let a): return .dstIPv4(a)
            case .v6(let a): return .dstIPv6(a)
            }
        case "dst_ip_mask":
            switch try ip() {
            case .v4(let a): return .dstIPv4Mask(a)
            case .v6(let a): return .dstIPv6Mask(a)
            }
        case "tcp_src_port": return .tcpSrcPort(try c.decode(UInt16.self, forKey: key))
        case "tcp_src_port_mask": return .tcpSrcPortMask(try c.decode(UInt16.self, forKey: key))
        case "tcp_dst_port": return .tcpDstPort(try c.decode(UInt16.self, forKey: key))
        case "tcp_dst_port_mask": return .tcpDstPortMask(try c.decode(UInt16.self, forKey: key))
        case "udp_src_port": return .udpSrcPort(try c.decode(UInt16.self, forKey: key))
        case "udp_src_port_mask": return .udpSrcPortMask(try c.decode(UInt16.self, forKey: key))
        case "udp_dst_port": return .udpDstPort(try c.decode(UInt16.self, forKey: key))
        case "udp_dst_port_mask": return .udpDstPortMask(try c.decode(UInt16.self, forKey: key))
        case "sctp_src_port": return .sctpSrcPort(try c.decode(UInt16.self, forKey: key))
        case "sctp_src_port_mask": return .sctpSrcPortMask(try c.decode(UInt16.self, forKey: key))
        case "sctp_dst_port": return .sctpDstPort(try c.decode(UInt16.self, forKey: key))
        case "sctp_dst_port_mask": return .sctpDstPortMask(try c.decode(UInt16.self, forKey: key))
        case "flags": return .flags(try c.decode(FilterFlags.self, forKey: key))
        case "vlan_id": return .vlanID(try c.decode(UInt16.self, forKey: key))
        case "vlan_prio": return .vlanPriority(try c.decode(UInt8.self, forKey: key))
        case "vlan_ethtype": return .vlanEthType(try c.decode(EtherType.self, forKey: key))
        case "cvlan_id": return .cvlanID(try c.decode(UInt16.self, forKey: key))
        case "cvlan_prio": return .cvlanPriority(try c.decode(UInt8.self, forKey: key))
        case "cvlan_ethtype": return .cvlanEthType(try c.decode(EtherType.self, forKey: key))
        case "enc_key_id": return .encKeyID(try c.decode(UInt32.self, forKey: key))
        case "enc_src_ip":
            switch try ip() {
            case .v4(let a): return .encSrcIPv4(a)
            case .v6(let a): return .encSrcIPv6(a)
            }
        case "enc_src_ip_mask":
            switch try ip() {
            case .v4(let a): return .encSrcIPv4Mask(a)
            case .v6(let a): return .encSrcIPv6Mask(a)
            }
        case "enc_dst_ip":
            switch try ip() {
            case .v4(let a): return .encDstIPv4(a)
            case .v6(let a): return .encDstIPv6(a)
            }
        case "enc_dst_ip_mask":
            switch try ip() {
            case .v4(let a): return .encDstIPv4Mask(a)
            case .v6(let a): return .encDstIPv6Mask(a)
            }
        case "enc_src_port": return .encSrcPort(try c.decode(UInt16.self, forKey: key))
        case "enc_src_port_mask": return .encSrcPortMask(try c.decode(UInt16.self, forKey: key))
        case "enc_dst_port": return .encDstPort(try c.decode(UInt16.self, forKey: key))
        case "enc_dst_port_mask": return .encDstPortMask(try c.decode(UInt16.self, forKey: key))
        case "icmpv4_type": return .icmpv4Type(try c.decode(UInt8.self, forKey: key))
        case "icmpv4_type_mask": return .icmpv4TypeMask(try c.decode(UInt8.self, forKey: key))
        case "icmpv4_code": return .icmpv4Code(try c.decode(UInt8.self, forKey: key))
        case "icmpv4_code_mask": return .icmpv4CodeMask(try c.decode(UInt8.self, forKey: key))
        case "icmpv6_type": return .icmpv6Type(try c.decode(UInt8.self, forKey: key))
        case "icmpv6_type_mask": return .icmpv6TypeMask(try c.decode(UInt8.self, forKey: key))
        case "icmpv6_code": return .icmpv6Code(try c.decode(UInt8.self, forKey: key))
        case "icmpv6_code_mask": return .icmpv6CodeMask(try c.decode(UInt8.self, forKey: key))
        case "arp_op": return .arpOp(try c.decode(ARPOperation.self, forKey: key).rawValue)
        case "arp_op_mask": return .arpOpMask(try c.decode(UInt8.self, forKey: key))
        case "arp_sip": return .arpSIP(try c.decode(IPv4Address.self, forKey: key))
        case "arp_sip_mask": return .arpSIPMask(try c.decode(IPv4Address.self, forKey: key))
        case "arp_tip": return .arpTIP(try c.decode(IPv4Address.self, forKey: key))
        case "arp_tip_mask": return .arpTIPMask(try c.decode(IPv4Address.self, forKey: key))
        case "arp_sha": return .arpSHA(try c.decode(MACAddress.self, forKey: key))
        case "arp_sha_mask": return .arpSHAMask(try c.decode(MACAddress.self, forKey: key))
        case "arp_tha": return .arpTHA(try c.decode(MACAddress.self, forKey: key))
        case "arp_tha_mask": return .arpTHAMask(try c.decode(MACAddress.self, forKey: key))
        case "ip_tos": return .ipTOS(try c.decode(UInt8.self, forKey: key))
        case "ip_tos_mask": return .ipTOSMask(try c.decode(UInt8.self, forKey: key))
        case "ip_ttl": return .ipTTL(try c.decode(UInt8.self, forKey: key))
        case "ip_ttl_mask": return .ipTTLMask(try c.decode(UInt8.self, forKey: key))
        case "enc_tos": return .encTOS(try c.decode(UInt8.self, forKey: key))
        case "enc_tos_mask": return .encTOSMask(try c.decode(UInt8.self, forKey: key))
        case "enc_ttl": return .encTTL(try c.decode(UInt8.self, forKey: key))
        case "enc_ttl_mask": return .encTTLMask(try c.decode(UInt8.self, forKey: key))
        case "in_hw_count": return .inHardwareCount(try c.decode(UInt32.self, forKey: key))
        case "src_port":
            let v = try c.decode(UInt16.self, forKey: key)
            switch ipProto {
            case IPPROTO.tcp: return .tcpSrcPort(v)
            case IPPROTO.udp: return .udpSrcPort(v)
            case IPPROTO.sctp: return .sctpSrcPort(v)
            default: throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath + [key], debugDescription: "'src_port' needs an earlier ip_proto of tcp, udp, sctp; or write tcp_src_port or udp_src_port or sctp_src_port"))
            }
        case "src_port_mask":
            let v = try c.decode(UInt16.self, forKey: key)
            switch ipProto {
            case IPPROTO.tcp: return .tcpSrcPortMask(v)
            case IPPROTO.udp: return .udpSrcPortMask(v)
            case IPPROTO.sctp: return .sctpSrcPortMask(v)
            default: throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath + [key], debugDescription: "'src_port_mask' needs an earlier ip_proto of tcp, udp, sctp; or write tcp_src_port_mask or udp_src_port_mask or sctp_src_port_mask"))
            }
        case "dst_port":
            let v = try c.decode(UInt16.self, forKey: key)
            switch ipProto {
            case IPPROTO.tcp: return .tcpDstPort(v)
            case IPPROTO.udp: return .udpDstPort(v)
            case IPPROTO.sctp: return .sctpDstPort(v)
            default: throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath + [key], debugDescription: "'dst_port' needs an earlier ip_proto of tcp, udp, sctp; or write tcp_dst_port or udp_dst_port or sctp_dst_port"))
            }
        case "dst_port_mask":
            let v = try c.decode(UInt16.self, forKey: key)
            switch ipProto {
            case IPPROTO.tcp: return .tcpDstPortMask(v)
            case IPPROTO.udp: return .udpDstPortMask(v)
            case IPPROTO.sctp: return .sctpDstPortMask(v)
            default: throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath + [key], debugDescription: "'dst_port_mask' needs an earlier ip_proto of tcp, udp, sctp; or write tcp_dst_port_mask or udp_dst_port_mask or sctp_dst_port_mask"))
            }
        case "icmp_type":
            let v = try c.decode(UInt8.self, forKey: key)
            switch ipProto {
            case IPPROTO.icmp: return .icmpv4Type(v)
            case IPPROTO.icmpv6: return .icmpv6Type(v)
            default: throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath + [key], debugDescription: "'icmp_type' needs an earlier ip_proto of icmp, icmpv6; or write icmpv4_type or icmpv6_type"))
            }
        case "icmp_type_mask":
            let v = try c.decode(UInt8.self, forKey: key)
            switch ipProto {
            case IPPROTO.icmp: return .icmpv4TypeMask(v)
            case IPPROTO.icmpv6: return .icmpv6TypeMask(v)
            default: throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath + [key], debugDescription: "'icmp_type_mask' needs an earlier ip_proto of icmp, icmpv6; or write icmpv4_type_mask or icmpv6_type_mask"))
            }
        case "icmp_code":
            let v = try c.decode(UInt8.self, forKey: key)
            switch ipProto {
            case IPPROTO.icmp: return .icmpv4Code(v)
            case IPPROTO.icmpv6: return .icmpv6Code(v)
            default: throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath + [key], debugDescription: "'icmp_code' needs an earlier ip_proto of icmp, icmpv6; or write icmpv4_code or icmpv6_code"))
            }
        case "icmp_code_mask":
            let v = try c.decode(UInt8.self, forKey: key)
            switch ipProto {
            case IPPROTO.icmp: return .icmpv4CodeMask(v)
            case IPPROTO.icmpv6: return .icmpv6CodeMask(v)
            default: throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath + [key], debugDescription: "'icmp_code_mask' needs an earlier ip_proto of icmp, icmpv6; or write icmpv4_code_mask or icmpv6_code_mask"))
            }
        case "unknown": return .unknown(try c.decode(RawAttribute.self, forKey: key))
        default: throw c.unknownKey(key, in: "flower")
        }
    }
}

/// arp_op in JSON: tc's words `request` (1) and `reply` (2), a number otherwise.
private struct ARPOperation: Codable {
    var rawValue: UInt8
    init(_ value: UInt8) { rawValue = value }

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(UInt8.self) {
            rawValue = n
            return
        }
        switch try c.decode(String.self) {
        case "request": rawValue = 1
        case "reply": rawValue = 2
        case let other:
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown arp_op '\(other)'; known: request, reply or a number 0-255"))
        }
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch rawValue {
        case 1: try c.encode("request")
        case 2: try c.encode("reply")
        default: try c.encode(rawValue)
        }
    }
}
