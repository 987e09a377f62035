import EswitchModel
import Netlink
import TCBackend
import Testing

/// Action and key mappings the golden vectors do not cover: conntrack, ct_state, leaving the
/// cloud, checksums by protocol, limits.
@Suite struct TCBackendActionTests {
    let backend = TCBackend(devices: TCBackendFixtures.devices)

    func filter(_ match: FlowMatch = FlowMatch(), _ actions: [FlowAction], kind: RuleKind = .egressAllow) throws -> TCFilter {
        let plan = backend.plan([TCBackendFixtures.rule(kind, .port("web-1-eth0"), match: match, actions: actions)])
        #expect(plan.problems == [])
        return try #require(plan.filters.first)
    }

    @Test func conntrackIsActCtWithItsAttributes() throws {
        var match = FlowMatch()
        match.etherType = 0x0800
        let f = try filter(match, [.conntrack(zone: 1001, commit: true, snat: IPAddress("203.0.113.1")!), .output(.external)])
        let action = try #require(f.message.actions.first)
        #expect(action.kind == .other("ct"))
        let options = try #require(action.options)
        // zone 1001, NAT range 203.0.113.1-203.0.113.1, commit|nat|nat_src, then tc_ct with pipe.
        let expected: [UInt8] = [
            6, 0, 4, 0, 0xE9, 0x03, 0, 0,
            8, 0, 9, 0, 203, 0, 113, 1,
            8, 0, 10, 0, 203, 0, 113, 1,
            6, 0, 3, 0, 0x19, 0x00, 0, 0,
            24, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        ]
        #expect(options == .raw(expected))
        let fields = try #require(try ConntrackAction.fields(options))
        #expect(fields.zone == 1001)
        #expect(fields.flags == TCA_CT_ACT.commit | TCA_CT_ACT.nat | TCA_CT_ACT.natSrc)
        #expect(fields.natMinimum == IPAddress("203.0.113.1") && fields.natMaximum == IPAddress("203.0.113.1"))
        #expect(fields.verdict == .pipe)
        #expect(fields.order == [TCA_CT.zone, TCA_CT.natIPv4Min, TCA_CT.natIPv4Max, TCA_CT.action, TCA_CT.parms])
        // A lookup without commit or NAT: no zone attribute for zone 0, no flags.
        let plain = try #require(try ConntrackAction.fields(ConntrackAction.options(zone: 0, commit: false, sourceNAT: nil)))
        #expect(plain.order == [TCA_CT.action, TCA_CT.parms] && plain.flags == 0)
        let v6 = try #require(try ConntrackAction.fields(ConntrackAction.options(zone: 2, commit: true, sourceNAT: IPAddress("2001:db8::1")!)))
        #expect(v6.order == [TCA_CT.zone, TCA_CT.natIPv6Min, TCA_CT.natIPv6Max, TCA_CT.action, TCA_CT.parms])
        // Survives the codec as an opaque action of kind ct.
        let (_, decoded) = try #require(try FilterMessage.decoded(f.addRequest().encoded()))
        #expect(decoded.actions.first == action)
        #expect(throws: NetlinkDecodingError.self) { try ConntrackAction.fields(.raw([5, 0, 4, 0, 1, 0, 0, 0])) }
    }

    @Test func restoringNATIsActCtWithTheNATFlagAlone() throws {
        var match = FlowMatch()
        match.etherType = 0x0800
        match.ipv4Destination = .exact(IPv4Address(203, 0, 113, 1))
        let f = try filter(match, [.conntrackRestoreNAT(zone: 5), .gotoChain(2)], kind: .snatGateway)
        let action = try #require(f.message.actions.first)
        #expect(action.kind == .other("ct"))
        // The options iproute2 sends for `action ct zone 5 nat pipe` (captured with strace from
        // tc 6.1): zone 5, TCA_CT_ACTION = TCA_CT_ACT_NAT, tc_ct with verdict pipe; no NAT range.
        let iproute2: [UInt8] = [
            6, 0, 4, 0, 5, 0, 0, 0,
            6, 0, 3, 0, 8, 0, 0, 0,
            24, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        ]
        #expect(action.options == .raw(iproute2))
        let options = try #require(action.options)
        let fields = try #require(try ConntrackAction.fields(options))
        #expect(fields.flags == TCA_CT_ACT.nat && fields.natMinimum == nil)
        #expect(f.message.actions.dropFirst().first?.options == .gact(.gotoChain(2)))
    }

    @Test func connectionStateIsARawFlowerKey() throws {
        var match = FlowMatch()
        match.ethDestination = .exact(MACAddress("52:54:00:10:00:01")!)
        match.connectionState = .established
        let f = try filter(match, [.drop], kind: .ingressAllow)
        let raw = f.message.flower?.attributes.compactMap { if case .unknown(let r) = $0 { r } else { nil } }
        // +trk+est: value trk|est, mask trk|est (TCA_FLOWER_KEY_CT_FLAGS_*), host-order u16.
        #expect(raw == [RawAttribute(type: 91, payload: [0x0A, 0x00]), RawAttribute(type: 92, payload: [0x0A, 0x00])])
        var untracked = match
        untracked.connectionState = .untracked
        let u = try filter(untracked, [.drop], kind: .ingressAllow)
        #expect(u.message.flower?.attributes.contains(.unknown(RawAttribute(type: 91, payload: [0, 0]))) == true)
        #expect(u.message.flower?.attributes.contains(.unknown(RawAttribute(type: 92, payload: [0x08, 0]))) == true)
        let (_, decoded) = try #require(try FilterMessage.decoded(u.addRequest().encoded()))
        #expect(decoded == u.message)
    }

    @Test func leavingTheCloudRewritesMACsToTheNextHop() throws {
        var match = FlowMatch()
        match.etherType = 0x0800
        match.ipv4Source = .exact(IPv4Address("10.10.0.11")!)
        let f = try filter(match, [.setIPv4Source(IPv4Address("203.0.113.10")!), .decrementTTL, .output(.external)], kind: .floatingIPOut)
        let actions = f.message.actions.map(\.withoutCookie)
        #expect(actions == TCAction.list([
            TCAction(order: 0, .pedit(.munge([
                .ipv4Source(IPv4Address("203.0.113.10")!), .ipv4TTLDecrement,
                .ethernetDestination(MACAddress("02:00:5e:00:01:01")!), .ethernetSource(MACAddress("0c:42:a1:00:00:01")!),
            ], verdict: .pipe))),
            // ip_proto unknown: both L4 checksums (act_csum only touches the packet's own).
            TCAction(order: 0, .csum(.update([.ipv4Header, .tcp, .udp], verdict: .pipe))),
            TCAction(order: 0, .mirred(.redirect(.egress, to: IfIndex(5)))),
        ]))
    }

    @Test func checksumsFollowTheMatchedProtocol() throws {
        func csum(_ proto: UInt8?, _ action: FlowAction) throws -> CsumUpdateFlags? {
            var match = FlowMatch()
            match.etherType = 0x0800
            match.ipProtocol = proto
            let f = try filter(match, [action, .gotoChain(3)], kind: .egressAllow)
            for case .csum(let o)? in f.message.actions.map(\.options) { return o.parameters?.updateFlags }
            return nil
        }
        #expect(try csum(17, .setIPv4Destination(IPv4Address("10.0.0.1")!)) == [.ipv4Header, .udp])
        #expect(try csum(6, .setIPv4Destination(IPv4Address("10.0.0.1")!)) == [.ipv4Header, .tcp])
        #expect(try csum(1, .setIPv4Destination(IPv4Address("10.0.0.1")!)) == [.ipv4Header])
        #expect(try csum(6, .decrementTTL) == [.ipv4Header])
        #expect(try csum(nil, .setEthSource(MACAddress("02:00:00:00:00:01")!)) == nil)
        // IPv6 has no header checksum.
        var v6 = FlowMatch()
        v6.etherType = 0x86DD
        let f = try filter(v6, [.decrementHopLimit, .gotoChain(3)])
        #expect(f.message.actions.map(\.withoutCookie) == [
            TCAction(order: 1, .pedit(.munge([.ipv6HopLimitDecrement], verdict: .pipe))), TCAction(order: 2, .gact(.gotoChain(3))),
        ])
    }

    @Test func rewritesAreNotMergedAcrossOtherActions() throws {
        var match = FlowMatch()
        match.etherType = 0x0800
        let f = try filter(match, [.setEthSource(MACAddress("02:00:00:00:00:01")!), .pushVLAN(7), .setEthDestination(MACAddress("02:00:00:00:00:02")!), .drop])
        #expect(f.message.actions.map { $0.kind } == [.pedit, .vlan, .pedit, .gact])
    }

    @Test func keysOfTheMatch() throws {
        var match = FlowMatch()
        match.etherType = 0x86DD
        match.ipProtocol = 58
        match.icmpType = 135
        match.ipv6Source = .prefix(IPv6Address("2001:db8::")!, length: 32)
        let f = try filter(match, [.drop])
        let m = try #require(f.message.flower?.match)
        #expect(m.icmpType == Masked(135, mask: 0xFF))
        #expect(m.ipProto == .icmpv6)
        #expect(m.srcIP == Masked(.v6(IPv6Address("2001:db8::")!), mask: .v6(IPv6Address.mask(prefixLength: 32))))
        var ports = FlowMatch()
        ports.etherType = 0x0800
        ports.ipProtocol = 6
        ports.destinationPort = MaskedField(0x0400, mask: 0xFC00)
        let p = try #require(try filter(ports, [.drop]).message.flower)
        #expect(p.attributes.contains(.tcpDstPort(0x0400)) && p.attributes.contains(.tcpDstPortMask(0xFC00)))
        // An exact port goes without a mask, as tc sends `dst_port 22`.
        ports.destinationPort = .exact(22)
        #expect(MaskedField<UInt16>.exact(22).isExact && !MaskedField<UInt16>(22, mask: 0xFF00).isExact)
        let exact = try #require(try filter(ports, [.drop]).message.flower)
        #expect(exact.attributes.contains(.tcpDstPort(22)) && !exact.attributes.contains(.tcpDstPortMask(0xFFFF)))
    }

    @Test func inexpressibleRulesAreProblems() throws {
        var ports = FlowMatch()
        ports.etherType = 0x0800
        ports.destinationPort = .exact(80)  // no ip_proto
        let tooMany = [FlowAction](repeating: .decrementHopLimit, count: 1) + [FlowAction](repeating: .popVLAN, count: 33)
        let rules = [
            TCBackendFixtures.rule(.egressAllow, .port("web-1-eth0"), "ports", match: ports, actions: [.drop]),
            TCBackendFixtures.rule(.egressAllow, .port("web-1-eth0"), "many", match: FlowMatch(), actions: tooMany),
            TCBackendFixtures.rule(.portAdmit, .port("web-1-eth0"), "burst", match: FlowMatch(), actions: [.police(rateBitsPerSecond: 8, burstBytes: 1 << 33)]),
            TCBackendFixtures.rule(.egressAllow, .port("nobody"), "ghost", match: FlowMatch(), actions: [.drop]),
        ]
        let plan = backend.plan(rules)
        #expect(plan.filters.isEmpty)
        let messages = Dictionary(uniqueKeysWithValues: plan.problems.map { ($0.rule.subject, $0.message) })
        #expect(messages["ports"]?.contains("dst_port") == true)
        #expect(messages["many"]?.contains("TCA_ACT_MAX_PRIO") == true)
        #expect(messages["burst"]?.contains("burst") == true)
        #expect(messages["ghost"]?.contains("no device for port nobody") == true)
    }
}
