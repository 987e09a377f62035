import EswitchModel

/// A rule's match in words: the fields it sets, in a fixed order, named as tc flower names them
/// (`dst_mac`, `ip_proto`, `ct_state`...). Encodes as a JSON object in that order.
public struct MatchSummary: Hashable, Sendable, Codable, CustomStringConvertible {
    /// One matched field.
    public struct Field: Hashable, Sendable {
        public var key: String
        public var value: String
        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    public var fields: [Field]

    public init(fields: [Field]) { self.fields = fields }

    /// The fields of `match`.
    public init(_ match: FlowMatch) {
        var f: [Field] = []
        func add(_ key: FlowerKey, _ value: String) { f.append(Field(key: key.rawValue, value: value)) }
        if let m = match.tunnelID { add(.encKeyID, m.description) }
        if let m = match.tunnelSource { add(.encSrcIP, m.description) }
        if let m = match.tunnelDestination { add(.encDstIP, m.description) }
        if let m = match.tunnelDestinationPort { add(.encDstPort, String(m)) }
        if let m = match.ethSource { add(.srcMAC, MatchSummary.mac(m)) }
        if let m = match.ethDestination { add(.dstMAC, MatchSummary.mac(m)) }
        if let m = match.vlanID { add(.vlanID, String(m)) }
        if let m = match.etherType { add(.ethType, MatchSummary.etherType(m)) }
        if let m = match.ipProtocol { add(.ipProto, MatchSummary.ipProtocol(m)) }
        if let m = match.ipv4Source { add(.srcIP, MatchSummary.ipv4(m)) }
        if let m = match.ipv6Source { add(.srcIP, MatchSummary.ipv6(m)) }
        if let m = match.ipv4Destination { add(.dstIP, MatchSummary.ipv4(m)) }
        if let m = match.ipv6Destination { add(.dstIP, MatchSummary.ipv6(m)) }
        if let m = match.sourcePort { add(.srcPort, MatchSummary.port(m)) }
        if let m = match.destinationPort { add(.dstPort, MatchSummary.port(m)) }
        if let m = match.icmpType { add(.icmpType, String(m)) }
        if let m = match.icmpCode { add(.icmpCode, String(m)) }
        if let m = match.connectionState { add(.ctState, MatchSummary.connectionState(m)) }
        fields = f
    }

    /// `dst_mac=52:54:00:10:00:02 eth_type=ipv4`, or `any` for a match-all rule.
    public var description: String {
        fields.isEmpty ? "any" : fields.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Encodes `{"dst_mac": "...", ...}` in field order.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        for field in fields { try c.encode(field.value, forKey: Key(stringValue: field.key)) }
    }

    /// Decodes the object form (field order is the decoder's key order).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        fields = try c.allKeys.map { Field(key: $0.stringValue, value: try c.decode(String.self, forKey: $0)) }
    }

    // MARK: Values

    static func mac(_ m: MaskedField<MACAddress>) -> String { m.isExact ? m.value.description : "\(m.value)/\(m.mask)" }

    static func ipv4(_ m: MaskedField<IPv4Address>) -> String {
        if m.isExact { return m.value.description }
        return m.mask.prefixLength.map { "\(m.value)/\($0)" } ?? "\(m.value)/\(m.mask)"
    }

    static func ipv6(_ m: MaskedField<IPv6Address>) -> String {
        if m.isExact { return m.value.description }
        return m.mask.prefixLength.map { "\(m.value)/\($0)" } ?? "\(m.value)/\(m.mask)"
    }

    static func port(_ m: MaskedField<UInt16>) -> String { m.isExact ? String(m.value) : "\(m.value)/0x\(hex(m.mask, digits: 4))" }

    static func etherType(_ type: UInt16) -> String {
        switch type {
        case EtherTypes.ipv4: return "ipv4"
        case EtherTypes.ipv6: return "ipv6"
        case EtherTypes.arp: return "arp"
        default: return "0x\(hex(type, digits: 4))"
        }
    }

    /// IANA protocol numbers (https://www.iana.org/assignments/protocol-numbers).
    static func ipProtocol(_ number: UInt8) -> String {
        switch number {
        case 1: return "icmp"
        case 6: return "tcp"
        case 17: return "udp"
        case 58: return "icmpv6"
        case 132: return "sctp"
        default: return String(number)
        }
    }

    /// tc's ct_state spelling: `+trk+est`, `-trk`.
    static func connectionState(_ m: ConnectionStateMatch) -> String {
        let names: [(ConnectionState, String)] = [(.tracked, "trk"), (.new, "new"), (.established, "est")]
        var out = ""
        for (flag, name) in names {
            if m.set.contains(flag) { out += "+\(name)" }
            if m.clear.contains(flag) { out += "-\(name)" }
        }
        return out.isEmpty ? "any" : out
    }

    static func hex<T: BinaryInteger>(_ value: T, digits: Int) -> String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - s.count)) + s
    }
}

extension FlowAction {
    /// The action in words, close to tc's spelling: `goto chain 3`, `vxlan encap vni 1001 ...`.
    var explainText: String {
        switch self {
        case .output(let out): return "output \(out)"
        case .drop: return "drop"
        case .trap(let why): return "trap (\(why.rawValue))"
        case .gotoChain(let chain): return "goto chain \(chain)"
        case .setEthSource(let mac): return "set src_mac \(mac)"
        case .setEthDestination(let mac): return "set dst_mac \(mac)"
        case .decrementTTL: return "dec ttl"
        case .decrementHopLimit: return "dec hop_limit"
        case .setIPv4Source(let ip): return "set src_ip \(ip)"
        case .setIPv4Destination(let ip): return "set dst_ip \(ip)"
        case .encapsulate(let t):
            return "vxlan encap vni \(t.vni) \(t.source) -> \(t.destination):\(t.destinationPort)" + (t.ttl.map { " ttl \($0)" } ?? "")
        case .decapsulate: return "vxlan decap"
        case .pushVLAN(let id): return "push vlan \(id)"
        case .popVLAN: return "pop vlan"
        case .police(let rate, let burst): return "police \(FlowAction.rate(rate)) burst \(burst)B"
        case .conntrackRestoreNAT(let zone):
            return "ct zone \(zone) nat"
        case .conntrack(let zone, let commit, let snat):
            return "ct zone \(zone)" + (commit ? " commit" : "") + (snat.map { " nat src \($0)" } ?? "")
        }
    }

    /// `1Gbit`, `250Mbit`, `1500bit`: the largest unit that divides the rate exactly.
    static func rate(_ bps: UInt64) -> String {
        for (unit, name) in [(UInt64(1_000_000_000), "Gbit"), (1_000_000, "Mbit"), (1_000, "Kbit")] where bps >= unit && bps % unit == 0 {
            return "\(bps / unit)\(name)"
        }
        return "\(bps)bit"
    }
}
