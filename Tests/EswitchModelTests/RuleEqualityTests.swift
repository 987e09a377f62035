import EswitchModel
import Testing

/// The written-out equality of rules (inlinable, for diffs) sees every field: changing any one
/// makes two values unequal, and equal values hash alike.
@Suite struct RuleEqualityTests {
    static let edits: [(String, @Sendable (inout FlowMatch) -> Void)] = [
        ("ethSource", { $0.ethSource = .exact(MACAddress(integer: 1)) }),
        ("ethDestination", { $0.ethDestination = .exact(MACAddress(integer: 1)) }),
        ("ethDestination mask", { $0.ethDestination = MaskedField(MACAddress(integer: 0), mask: MACAddress(integer: 1)) }),
        ("etherType", { $0.etherType = 0x0800 }),
        ("vlanID", { $0.vlanID = 7 }),
        ("ipProtocol", { $0.ipProtocol = 6 }),
        ("ipv4Source", { $0.ipv4Source = .exact(IPv4Address(10, 0, 0, 1)) }),
        ("ipv4Destination", { $0.ipv4Destination = .prefix(IPv4Address(10, 0, 0, 0), length: 8) }),
        ("ipv6Source", { $0.ipv6Source = .exact(IPv6Address(high: 1, low: 2)) }),
        ("ipv6Destination", { $0.ipv6Destination = .prefix(IPv6Address(high: 1, low: 0), length: 64) }),
        ("sourcePort", { $0.sourcePort = .exact(80) }),
        ("destinationPort", { $0.destinationPort = MaskedField(8000, mask: 0xffe0) }),
        ("icmpType", { $0.icmpType = 8 }),
        ("icmpCode", { $0.icmpCode = 0 }),
        ("tunnelID", { $0.tunnelID = VNI(rawValue: 5) }),
        ("tunnelSource", { $0.tunnelSource = .v4(IPv4Address(192, 0, 2, 1)) }),
        ("tunnelDestination", { $0.tunnelDestination = .v6(IPv6Address(high: 3, low: 4)) }),
        ("tunnelDestinationPort", { $0.tunnelDestinationPort = 4789 }),
        ("connectionState set", { $0.connectionState = .established }),
        ("connectionState clear", { $0.connectionState = .untracked }),
    ]

    @Test func everyMatchFieldCounts() {
        for (name, edit) in Self.edits {
            var changed = FlowMatch()
            edit(&changed)
            #expect(changed != FlowMatch(), "\(name)")
            var again = FlowMatch()
            edit(&again)
            #expect(changed == again, "\(name)")
            #expect(changed.hashValue == again.hashValue, "\(name)")
            for (other, otherEdit) in Self.edits where other != name {
                var different = FlowMatch()
                otherEdit(&different)
                if other.hasPrefix(name) || name.hasPrefix(other) { continue }  // same field, other value
                #expect(changed != different, "\(name) vs \(other)")
            }
        }
    }

    @Test func everyActionCaseAndPayloadCounts() {
        let tunnel = TunnelEncapsulation(vni: VNI(rawValue: 1), source: .v4(IPv4Address(192, 0, 2, 1)), destination: .v4(IPv4Address(192, 0, 2, 2)))
        var otherTunnel = tunnel
        otherTunnel.ttl = 64
        let actions: [FlowAction] = [
            .output(.port("a")), .output(.port("b")), .output(.tunnel), .output(.external), .output(.slowPath), .drop,
            .trap(.arp), .trap(.flood), .gotoChain(1), .gotoChain(2), .setEthSource(MACAddress(integer: 1)), .setEthDestination(MACAddress(integer: 1)),
            .decrementTTL, .decrementHopLimit, .setIPv4Source(IPv4Address(1, 1, 1, 1)), .setIPv4Destination(IPv4Address(1, 1, 1, 1)),
            .encapsulate(tunnel), .encapsulate(otherTunnel), .decapsulate, .pushVLAN(5), .popVLAN, .police(rateBitsPerSecond: 1, burstBytes: 64),
            .police(rateBitsPerSecond: 1, burstBytes: 65), .conntrack(zone: 1, commit: true, snat: nil), .conntrack(zone: 1, commit: false, snat: nil),
            .conntrack(zone: 1, commit: true, snat: .v4(IPv4Address(203, 0, 113, 1))), .conntrack(zone: 2, commit: true, snat: nil),
        ]
        for (i, a) in actions.enumerated() {
            for (j, b) in actions.enumerated() {
                #expect((a == b) == (i == j), "\(a) vs \(b)")
            }
        }
        #expect(DeliveryTopic.securityGroupRule("web", rule: 1, block: 0) != .securityGroupRule("web", rule: 1, block: 1))
        #expect(DeliveryTopic.securityGroupRule("web", rule: 1, block: 0) != .securityGroupRule("db", rule: 1, block: 0))
        #expect(DeliveryTopic.arp != .track)
    }
}
