import EswitchModel
import RteFlow

/// A translated pattern and what later checks need to know about it.
struct TranslatedPattern {
    var items: [RteFlowItem] = []
    /// The IP family of the (inner) L3 item, if any: SET_IPV4_* needs an IPV4 item.
    var family: IPFamily?
    /// True when the pattern has the VXLAN item that VXLAN_DECAP strips.
    var hasTunnel = false
}

/// EtherTypes the pattern relates to items (IEEE 802 numbers, as in linux/if_ether.h).
enum EtherType {
    static let ipv4: UInt16 = 0x0800
    static let ipv6: UInt16 = 0x86DD
    static let vlan: UInt16 = 0x8100
}

extension RuleTranslator {
    /// The rule's ingress item, then outer tunnel items, then Ethernet, VLAN, IP and L4 items.
    mutating func pattern() -> TranslatedPattern {
        var out = TranslatedPattern()
        if let port = ingressPort() { out.items.append(.representedPort(port)) }
        let match = rule.match
        if match.tunnelID != nil || match.tunnelSource != nil || match.tunnelDestination != nil || match.tunnelDestinationPort != nil {
            out.items += tunnelItems(match)
            out.hasTunnel = true
        }
        if match.connectionState != nil {
            // Not matching the state makes the pattern wider, which a trap to the slow path tolerates.
            problem("match ct_state", RteFlowBackend.connectionStateReason)
        }
        let family = ipFamily(match)
        out.family = family
        let l4 = l4Item(match, family: family)
        let l3 = l3Item(match, family: family)
        let vlan: RteFlowItem? = match.vlanID.map { vid in
            if vid > RteFlowItemVLAN.vidMask { patternProblem("match vlan_id \(vid)", "a VLAN id has 12 bits (IEEE 802.1Q)") }
            return .vlan(RteFlowItemVLAN(vid: RteFlowItemVLAN.exactVID(vid), innerType: match.etherType.map { .exact($0) }))
        }
        let eth = RteFlowItemEth(destination: match.ethDestination, source: match.ethSource,
                                 type: vlan == nil ? match.etherType.map { .exact($0) } : nil)
        if eth != RteFlowItemEth() || vlan != nil || l3 != nil {
            out.items.append(.eth(eth))
        }
        if let vlan { out.items.append(vlan) }
        if let l3 { out.items.append(l3) }
        if let l4 { out.items.append(l4) }
        return out
    }

    /// Outer ETH / IP / UDP / VXLAN of a frame that arrived encapsulated.
    private mutating func tunnelItems(_ match: FlowMatch) -> [RteFlowItem] {
        let destination = match.tunnelDestination ?? devices.underlay.localVTEP
        var l3: RteFlowItem?
        switch (match.tunnelSource, destination) {
        case (nil, .v4(let d)): l3 = .ipv4(RteFlowItemIPv4(destination: .exact(d)))
        case (.v4(let s)?, .v4(let d)): l3 = .ipv4(RteFlowItemIPv4(source: .exact(s), destination: .exact(d)))
        case (nil, .v6(let d)): l3 = .ipv6(RteFlowItemIPv6(destination: .exact(d)))
        case (.v6(let s)?, .v6(let d)): l3 = .ipv6(RteFlowItemIPv6(source: .exact(s), destination: .exact(d)))
        case (let s?, let d):
            patternProblem("match tunnel source \(s)", "the outer destination \(d) is of the other address family")
        }
        var items: [RteFlowItem] = [.eth(RteFlowItemEth())]
        if let l3 { items.append(l3) }
        items.append(.udp(RteFlowItemPorts(destination: match.tunnelDestinationPort.map { .exact($0) })))
        items.append(.vxlan(RteFlowItemVXLAN(vni: match.tunnelID)))
        return items
    }

    /// The family of the L3 item: from the addresses matched, else from the EtherType.
    private mutating func ipFamily(_ match: FlowMatch) -> IPFamily? {
        let v4 = match.ipv4Source != nil || match.ipv4Destination != nil
        let v6 = match.ipv6Source != nil || match.ipv6Destination != nil
        let fromEtherType: IPFamily? = match.etherType == EtherType.ipv4 ? .ipv4 : match.etherType == EtherType.ipv6 ? .ipv6 : nil
        if v4 && v6 {
            patternProblem("match ip addresses", "IPv4 and IPv6 addresses in one match")
            return nil
        }
        let fromAddresses: IPFamily? = v4 ? .ipv4 : v6 ? .ipv6 : nil
        if let fromAddresses, let etherType = match.etherType, fromEtherType != fromAddresses {
            patternProblem("match eth_type \(EtherTypeText.hex(etherType))", "does not carry the \(fromAddresses.rawValue) addresses the rule matches")
            return nil
        }
        let family = fromAddresses ?? fromEtherType
        let needsIP = match.ipProtocol != nil || match.sourcePort != nil || match.destinationPort != nil || match.icmpType != nil || match.icmpCode != nil
        if family == nil && needsIP {
            patternProblem("match ip_proto", "an IP protocol, port or ICMP field needs an IPv4 or IPv6 EtherType to place the IP item")
        }
        return family
    }

    private func l3Item(_ match: FlowMatch, family: IPFamily?) -> RteFlowItem? {
        let proto = match.ipProtocol.map { MaskedField<UInt8>.exact($0) }
        switch family {
        case .ipv4?: return .ipv4(RteFlowItemIPv4(source: match.ipv4Source, destination: match.ipv4Destination, proto: proto))
        case .ipv6?: return .ipv6(RteFlowItemIPv6(source: match.ipv6Source, destination: match.ipv6Destination, proto: proto))
        case nil: return nil
        }
    }

    /// TCP/UDP/SCTP ports or ICMP type and code, under the item of the rule's protocol.
    private mutating func l4Item(_ match: FlowMatch, family: IPFamily?) -> RteFlowItem? {
        let hasPorts = match.sourcePort != nil || match.destinationPort != nil
        let hasICMP = match.icmpType != nil || match.icmpCode != nil
        let ports = RteFlowItemPorts(source: match.sourcePort, destination: match.destinationPort)
        let icmp = RteFlowItemICMP(type: match.icmpType.map { .exact($0) }, code: match.icmpCode.map { .exact($0) })
        let proto = match.ipProtocol
        if hasPorts && ![IPProtocolNumbers.tcp, IPProtocolNumbers.udp, IPProtocolNumbers.sctp].contains(proto) {
            patternProblem("match ports", "ports need ip_proto TCP, UDP or SCTP, not \(proto.map(String.init) ?? "none")")
        }
        if hasICMP && ![IPProtocolNumbers.icmp, IPProtocolNumbers.icmpv6].contains(proto) {
            patternProblem("match icmp", "ICMP type and code need ip_proto ICMP or ICMPv6, not \(proto.map(String.init) ?? "none")")
        }
        switch proto {
        case IPProtocolNumbers.tcp? where hasPorts: return .tcp(ports)
        case IPProtocolNumbers.udp? where hasPorts: return .udp(ports)
        case IPProtocolNumbers.sctp? where hasPorts: return .sctp(ports)
        case IPProtocolNumbers.icmp? where hasICMP:
            if family != .ipv4 { patternProblem("match icmp", "ICMP (protocol 1) is matched under IPv4 only; IPv6 uses ICMPv6 (58)") }
            return .icmp(icmp)
        case IPProtocolNumbers.icmpv6? where hasICMP:
            if family != .ipv6 { patternProblem("match icmp", "ICMPv6 (protocol 58) is matched under IPv6 only") }
            return .icmp6(icmp)
        default:
            return nil
        }
    }
}

/// EtherTypes in hexadecimal, for messages.
enum EtherTypeText {
    static func hex(_ value: UInt16) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
