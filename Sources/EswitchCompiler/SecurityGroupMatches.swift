import EswitchModel

/// The matches one security-group rule expands to, seen from a port: for ingress rules the remote
/// side is the source, for egress rules the destination.
enum SecurityGroupMatches {
    /// One match per port-range block (at least one), with `base` already holding the port's own
    /// fields (its MAC as source or destination).
    static func expand(_ rule: SecurityGroupRule, base: FlowMatch) -> [FlowMatch] {
        var match = base
        match.etherType = rule.ethertype == .ipv4 ? EtherTypes.ipv4 : EtherTypes.ipv6
        match.ipProtocol = rule.protocol.number
        if let cidr = rule.remoteCIDR {
            let remoteIsSource = rule.direction == .ingress
            switch cidr.address {
            case .v4(let a):
                let field = MaskedField<IPv4Address>.prefix(a, length: cidr.prefixLength)
                if remoteIsSource { match.ipv4Source = field } else { match.ipv4Destination = field }
            case .v6(let a):
                let field = MaskedField<IPv6Address>.prefix(a, length: cidr.prefixLength)
                if remoteIsSource { match.ipv6Source = field } else { match.ipv6Destination = field }
            }
        }
        if rule.protocol == .icmp || rule.protocol == .icmpv6 {
            match.icmpType = rule.icmpType
            match.icmpCode = rule.icmpCode
        }
        guard rule.protocol.hasPorts, let range = rule.portRange else { return [match] }
        let blocks = PortRangeMasks.masks(for: range)
        if blocks.isEmpty { return [match] }
        return blocks.map { block in
            var m = match
            m.destinationPort = block  // SG port ranges are the port on the protected VM's side
            return m
        }
    }
}

/// EtherType values (IEEE 802 numbers, as in linux/if_ether.h).
enum EtherTypes {
    static let ipv4: UInt16 = 0x0800
    static let arp: UInt16 = 0x0806
    static let ipv6: UInt16 = 0x86DD
}
