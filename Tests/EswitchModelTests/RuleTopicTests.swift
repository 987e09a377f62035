import EswitchModel
import Testing

/// Typed rule topics read exactly like the strings they replace: same text, same equality and
/// hash as their text, same order as their text, same cookie.
@Suite struct RuleTopicTests {
    /// A small deterministic generator (SplitMix64) for the sampled checks.
    struct Mix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// IPv6 values whose RFC 5952 text is tricky: no run, runs of equal length, a run at either
    /// end, a single zero group (never compressed), all zeros.
    static let ipv6Edges = ["::", "::1", "1::", "2001:db8::", "2001:db8:0:1:1:1:1:1", "1:0:0:2:0:0:0:3", "1:0:0:2:3:0:0:4",
                            "0:1:0:1:0:1:0:1", "fe80::1:2", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "0:0:1::"]

    @Test func addressesAndMACsRenderAsTheirDescription() {
        var rng = Mix(state: 7)
        for _ in 0..<2000 {
            let mac = MACAddress(integer: rng.next())
            #expect(RuleTopic.mac(mac).description == mac.description)
            let v4 = IPv4Address(rawValue: UInt32(truncatingIfNeeded: rng.next()))
            #expect(RuleTopic.address(.v4(v4)).description == v4.description)
            // Zero groups are common in real addresses: clear random groups.
            var high = rng.next(), low = rng.next()
            for group in 0..<4 where rng.next() % 2 == 0 { high &= ~(0xffff << (16 * UInt64(group))) }
            for group in 0..<4 where rng.next() % 2 == 0 { low &= ~(0xffff << (16 * UInt64(group))) }
            let v6 = IPv6Address(high: high, low: low)
            #expect(RuleTopic.address(.v6(v6)).description == v6.description)
        }
        for text in Self.ipv6Edges {
            let ip = IPAddress(text)!
            #expect(RuleTopic.address(ip).description == ip.description)
        }
    }

    @Test func composedTopicsReadLikeTheTextsTheyReplace() {
        let mac = MACAddress("52:54:00:10:00:02")!, gateway = MACAddress("fa:16:3e:00:00:01")!
        #expect(RuleTopic.route(to: IPAddress("10.20.0.11")!, via: gateway).description == "10.20.0.11 via fa:16:3e:00:00:01")
        #expect(RuleTopic.decap(vni: VNI(rawValue: 1001), mac: mac).description == "1001 52:54:00:10:00:02")
        #expect(RuleTopic.securityGroupRule("web", rule: 2, block: 0).description == "web/2#0")
        #expect(RuleTopic.delivery(to: "web-2-eth0", .securityGroupRule("web", rule: 12, block: 3)).description == "web-2-eth0 web/12#3")
        #expect(RuleTopic.delivery(to: "web-2-eth0", .established).description == "web-2-eth0 established")
        #expect(RuleTopic.delivery(to: "p1", .all).description == "p1 *")
        #expect(RuleTopic.snat(network: "db", from: gateway).description == "db from fa:16:3e:00:00:01")
        #expect(RuleTopic.snatReturn(network: "db", to: IPAddress("2001:db8::1")!).description == "db return to 2001:db8::1")
        #expect(RuleTopic.all.description == "*")
    }

    @Test func aTopicEqualsItsTextInEveryWay() {
        let typed = RuleTopic.delivery(to: "web-2-eth0", .arp)
        let text = RuleTopic(text: "web-2-eth0 arp")
        #expect(typed == text)
        #expect(typed.hashValue == text.hashValue)
        #expect(Set([typed, text]).count == 1)
        #expect(!(typed < text) && !(text < typed))
        #expect(RuleTopic.mac(MACAddress("52:54:00:10:00:02")!) != RuleTopic(text: "52:54:00:10:00:03"))
        let id = RuleID(kind: .l2Local, ingress: .port("web-1-eth0"), topic: .mac(MACAddress("52:54:00:10:00:02")!))
        let fromText = RuleID(kind: .l2Local, ingress: .port("web-1-eth0"), subject: "52:54:00:10:00:02")
        #expect(id == fromText)
        #expect(id.cookie == fromText.cookie)
        #expect(id.description == "l2-local@port web-1-eth0:52:54:00:10:00:02")
    }

    /// Sorting topics sorts their texts byte by byte, whatever mix of forms (with ids that are
    /// prefixes of one another, numbers of different lengths, both address families).
    @Test func topicsSortLikeTheirTexts() {
        var rng = Mix(state: 11)
        let ports: [PortID] = ["p1", "p10", "p1a", "p2", "00009047-0000-4000-8000-000000000001", "00009047-0000-4000-8000-00000000000a"]
        let groups: [SecurityGroupID] = ["web", "web/2", "db"]
        var topics: [RuleTopic] = []
        for _ in 0..<600 {
            let mac = MACAddress(integer: rng.next() % 0x1_0000 | 0x5254_0000_0000)
            let ip: IPAddress = rng.next() % 2 == 0 ? .v4(IPv4Address(10, UInt8(rng.next() % 3), UInt8(rng.next() % 120), UInt8(rng.next() % 256)))
                : .v6(IPv6Address(high: 0xfd00_0000_0000_0000 | (rng.next() % 3) << 16, low: rng.next() % 300))
            let port = ports[Int(rng.next() % UInt64(ports.count))], group = groups[Int(rng.next() % UInt64(groups.count))]
            // Rule contents whose texts are prefixes of one another, and blocks of one and two digits.
            let contents = [SecurityGroupRule(direction: .ingress, ethertype: .ipv4, protocol: .tcp, portRangeMin: 22, portRangeMax: 22),
                            SecurityGroupRule(direction: .ingress, ethertype: .ipv4, protocol: .tcp, portRangeMin: 22, portRangeMax: 22, remoteCIDR: CIDR("10.0.0.0/8")),
                            SecurityGroupRule(direction: .ingress, ethertype: .ipv4, protocol: .tcp, portRangeMin: 22, portRangeMax: 220),
                            SecurityGroupRule(direction: .egress, ethertype: .ipv6)]
            let identity = SecurityGroupRuleIdentity(group: group, rule: contents[Int(rng.next() % 4)])
            let block = Int(rng.next() % 3) * (rng.next() % 2 == 0 ? 1 : 7)
            let delivery: [DeliveryTopic] = [.all, .track, .established, .arp, .securityGroupRule(group, rule: Int(rng.next() % 12), block: Int(rng.next() % 3)),
                                             .securityGroupRule(identity, block: block)]
            switch rng.next() % 9 {
            case 0: topics.append(.mac(mac))
            case 1: topics.append(.address(ip))
            case 2: topics.append(.route(to: ip, via: MACAddress(integer: 0xfa16_3e00_0000 | rng.next() % 3)))
            case 3: topics.append(.decap(vni: VNI(rawValue: UInt32(rng.next() % 20_000)), mac: mac))
            case 4: topics.append(.securityGroupRule(group, rule: Int(rng.next() % 12), block: Int(rng.next() % 3)))
            case 5: topics.append(.delivery(to: port, delivery[Int(rng.next() % 6)]))
            case 7: topics.append(.securityGroupRule(identity, block: block))
            case 6: topics.append(RuleTopic(text: ["*", "arp", "multicast", "p1 arp", "p10 *", "10.0.1.2"][Int(rng.next() % 6)]))
            default: topics.append(.snat(network: NetworkID("n\(rng.next() % 12)"), from: mac))
            }
        }
        let byTopic = topics.sorted().map(\.description)
        let byText = topics.map(\.description).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(byTopic == byText)
        for (a, b) in zip(topics, topics.shuffled(using: &rng)) {
            #expect((a == b) == (a.description == b.description))
            #expect((a < b) == a.description.utf8.lexicographicallyPrecedes(b.description.utf8))
        }
    }

    /// The cookie is FNV-1a (64-bit) over the description's bytes, computed here independently.
    @Test func cookieIsFNV1aOfTheDescription() {
        let ids = [
            RuleID(kind: .route, ingress: .port("web-1-eth0"), topic: .route(to: IPAddress("2001:db8:20::11")!, via: MACAddress("fa:16:3e:00:00:01")!)),
            RuleID(kind: .ingressAllow, ingress: .uplink, topic: .delivery(to: "web-2-eth0", .securityGroupRule("web", rule: 1, block: 0))),
            RuleID(kind: .decap, ingress: .uplink, topic: .decap(vni: VNI(rawValue: 1001), mac: MACAddress("52:54:00:10:00:01")!)),
        ]
        for id in ids {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in id.description.utf8 {
                hash ^= UInt64(byte)
                hash &*= 0x100_0000_01b3
            }
            #expect(id.cookie == hash, "\(id)")
        }
        // The constants above are FNV-1a's: "a" hashes to 0xaf63dc4c8601ec8c (the published vector).
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        a ^= 0x61
        a &*= 0x100_0000_01b3
        #expect(a == 0xaf63_dc4c_8601_ec8c)
    }
}
