/// A TC flower match key, named as `tc filter ... flower` spells it (tc-flower(8)).
///
/// The vocabulary is closed so that a profile naming a key tc does not know is rejected
/// when it is read, not when a rule is placed.
public enum FlowerKey: String, CaseIterable, Hashable, Sendable, Codable, CustomStringConvertible {
    // L2
    case dstMAC = "dst_mac"
    case srcMAC = "src_mac"
    case ethType = "eth_type"
    case vlanID = "vlan_id"
    case vlanPrio = "vlan_prio"
    case vlanEthType = "vlan_ethtype"
    case cvlanID = "cvlan_id"
    case cvlanPrio = "cvlan_prio"
    case cvlanEthType = "cvlan_ethtype"
    // ARP
    case arpOp = "arp_op"
    case arpSIP = "arp_sip"
    case arpTIP = "arp_tip"
    case arpSHA = "arp_sha"
    case arpTHA = "arp_tha"
    // L3
    case ipProto = "ip_proto"
    case srcIP = "src_ip"
    case dstIP = "dst_ip"
    case ipTOS = "ip_tos"
    case ipTTL = "ip_ttl"
    case ipFlags = "ip_flags"
    // L4
    case srcPort = "src_port"
    case dstPort = "dst_port"
    case tcpFlags = "tcp_flags"
    case icmpType = "icmp_type"
    case icmpCode = "icmp_code"
    // Tunnel (outer headers of an encapsulated packet)
    case encKeyID = "enc_key_id"
    case encSrcIP = "enc_src_ip"
    case encDstIP = "enc_dst_ip"
    case encSrcPort = "enc_src_port"
    case encDstPort = "enc_dst_port"
    case encTOS = "enc_tos"
    case encTTL = "enc_ttl"
    case encOpts = "enc_opts"
    // Connection tracking
    case ctState = "ct_state"
    case ctZone = "ct_zone"
    case ctMark = "ct_mark"
    case ctLabel = "ct_label"
    // MPLS
    case mplsLabel = "mpls_label"

    /// The tc keyword, e.g. `enc_key_id`.
    public var description: String { rawValue }

    /// True for keys that match the outer headers of a tunnelled packet (`enc_*`).
    public var isTunnelKey: Bool { rawValue.hasPrefix("enc_") }
}
