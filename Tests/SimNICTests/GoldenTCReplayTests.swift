import EswitchModel
import Netlink
import Platform
@testable import SimNIC
import Testing

/// Every tc request of the golden corpus, replayed from its bytes against emulated NICs laid out
/// like the capture namespace, gets the answer a real NIC of that profile would give.
@Suite("golden tc requests replayed")
struct GoldenTCReplayTests {
    /// The tc vectors in file order (the filter vectors, then del/get/show; qdisc del comes last).
    static let sequence = Golden.shared.vectors.filter { $0.command.hasPrefix("tc ") && !$0.command.hasPrefix("tc qdisc del") }

    /// Expected on ConnectX-6 Dx (switchdev, encap basic): nil = ACK with the filter in hardware,
    /// "sw" = ACK with the filter in software only, or an errno and extack.
    static let connectX: [String: (errno: Int32?, extack: String?, inHardware: Bool?)] = [
        "tc filter add dev X ingress protocol arp prio 10 flower arp_op request arp_tip 10.0.0.1 action mirred egress redirect dev Y": (nil, nil, false),
        "tc filter add dev X ingress protocol ip prio 11 flower skip_hw dst_ip 10.0.0.3 action mirred egress mirror dev eth0 pipe action mirred egress redirect dev Y cookie 0a0b0c0d0e0f1011": (nil, nil, false),
        "tc filter get dev X ingress protocol ip prio 1 handle 1 flower": (2, "Filter with specified priority/protocol not found", nil),
    ]

    func endpoint(_ profile: HardwareProfile) throws -> SimNICEndpoint {
        let endpoint = SimNICEndpoint(host: try GoldenNamespace.host(profile))
        try endpoint.withHost { host throws(SimNICError) in
            try host.addQdisc("ingress", on: IfIndex(2))
            try host.addQdisc("ingress", on: IfIndex(6))
        }
        return endpoint
    }

    @Test("ConnectX-6 Dx: every filter is offloaded except ARP keys (software) and skip_hw")
    func connectX6Dx() throws {
        let endpoint = try endpoint(Profiles.connectX6Dx)
        #expect(Self.sequence.count >= 20)
        for vector in Self.sequence {
            let answer = try Answer(endpoint.handle(vector.bytes, protocol: .route))
            if vector.command.hasPrefix("tc -s filter show") {
                #expect(answer.endsWithDone, "\(vector.command)")
                continue
            }
            let expected = Self.connectX[vector.command]
            if let errno = expected?.errno {
                #expect(answer.errno == errno, "\(vector.command): \(String(describing: answer.error))")
                #expect(answer.extack == expected?.extack, "\(vector.command)")
                continue
            }
            #expect(answer.isAck, "\(vector.command): errno \(String(describing: answer.errno)) \(answer.extack ?? "")")
            guard vector.command.hasPrefix("tc filter add") else { continue }
            let request = try NetlinkMessage.route(vector.bytes)
            guard case .filter(let filter) = request.body else { Issue.record("not a filter: \(vector.command)"); continue }
            let installed = endpoint.host.allFilters.filter { $0.id.ifindex == filter.header.ifindex && $0.id.priority == filter.priority && $0.id.chain == (filter.chain ?? 0) }
            #expect(!installed.isEmpty, "\(vector.command) not installed")
            let inHardware = expected?.inHardware ?? true
            #expect(installed.last?.inHardware == inHardware, "\(vector.command): \(installed.last?.notInHardwareReason ?? "in hardware")")
        }
    }

    @Test("ConnectX-6 Dx: the dump shows in_hw / not_in_hw, in_hw_count and per-action counters")
    func dumpAfterReplay() throws {
        let clock = ManualClock()
        let endpoint = SimNICEndpoint(host: try GoldenNamespace.host(Profiles.connectX6Dx, clock: clock))
        try endpoint.withHost { host throws(SimNICError) in try host.addQdisc("ingress", on: IfIndex(2)); try host.addQdisc("ingress", on: IfIndex(6)) }
        for vector in Self.sequence where vector.command.hasPrefix("tc filter add") || vector.command.hasPrefix("tc qdisc add") {
            _ = endpoint.handle(vector.bytes, protocol: .route)
        }
        // Traffic on the drop rule (prio 6 handle 1) and the ARP rule (software).
        clock.advance(by: .seconds(3))
        let dropRule = SimFilterID(ifindex: IfIndex(3), priority: 6, handle: 1)
        let arpRule = SimFilterID(ifindex: IfIndex(3), priority: 10, handle: 1)
        try endpoint.withHost { host throws(SimNICError) in
            try host.recordTraffic(on: dropRule, packets: 10, bytes: 640)
            try host.recordTraffic(on: arpRule, packets: 2, bytes: 84)
        }
        clock.advance(by: .seconds(2))
        let answer = try Answer(endpoint.handle(Golden.shared.bytes("tc -s filter show dev X ingress"), protocol: .route))
        #expect(answer.endsWithDone)
        let filters = answer.parts.compactMap { m -> FilterMessage? in
            if case .filter(let f) = m.body { return f }
            return nil
        }
        // Priority headers have no options; filters have them.
        let headers = filters.filter { $0.flower == nil }
        let entries = filters.filter { $0.flower != nil }
        #expect(headers.count == 12)  // chain 0: priorities 1 to 11; chain 1: priority 1
        #expect(entries.count == 14)
        let drop = try #require(entries.first { $0.priority == 6 && $0.handle == 1 })
        #expect(drop.flags?.contains(.inHardware) == true)
        #expect(drop.inHardwareCount == 1)
        // Keys sent without a mask are dumped with the full mask, as fl_dump_key does.
        #expect(drop.flower?.attributes.contains(.tcpDstPort(22)) == true)
        #expect(drop.flower?.attributes.contains(.tcpDstPortMask(0xFFFF)) == true)
        let stats = try #require(drop.actions.first?.statistics)
        #expect(stats.basic?.packets == 10)
        #expect(stats.basic?.bytes == 640)
        #expect(stats.basicHardware?.packets == 10)
        if case .gact(let gact)? = drop.actions.first?.options {
            let time = gact.attributes.compactMap { a -> TCActionTime? in if case .time(let t) = a { t } else { nil } }.first
            #expect(time?.lastUse == 200)   // 2 s ago, in USER_HZ ticks
            #expect(time?.install == 500)
        } else {
            Issue.record("drop action options missing")
        }
        let arp = try #require(entries.first { $0.priority == 10 })
        #expect(arp.flags?.contains(.notInHardware) == true)
        #expect(arp.inHardwareCount == 0)
        #expect(arp.actions.first?.statistics?.basic?.packets == 2)
        #expect(arp.actions.first?.statistics?.basicHardware?.packets == 0)
        let skipHW = try #require(entries.first { $0.priority == 11 })
        #expect(skipHW.flags?.contains([.skipHardware, .notInHardware]) == true)
        #expect(skipHW.actions.last?.cookie == [0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x10, 0x11])
        // Chain 1 comes after chain 0.
        #expect(entries.last?.chain == 1)
        // Action indexes are per kind, from 1.
        let mirredIndexes = entries.flatMap(\.actions).filter { $0.kind == .mirred }.compactMap { action -> UInt32? in
            if case .mirred(let o)? = action.options { return o.parameters?.common.index }
            return nil
        }
        #expect(mirredIndexes.first == 1)
        #expect(Set(mirredIndexes).count == mirredIndexes.count)
    }

    @Test("E810: the skip_sw vectors with tunnel_key set, pedit or police are refused with ice's extack")
    func e810RefusesWhatIceCannotDo() throws {
        let endpoint = try endpoint(Profiles.e810)
        for command in [
            "tc qdisc add dev X ingress",
            "tc filter add dev X ingress protocol ip prio 1 flower skip_sw dst_mac 02:00:00:00:00:01 ip_proto udp dst_ip 10.0.0.2 action mirred egress redirect dev Y",
        ] {
            #expect(try Answer(endpoint.handle(Golden.shared.bytes(command), protocol: .route)).isAck, "\(command)")
        }
        #expect(endpoint.host.allFilters.first?.inHardware == true)
        let refused = [
            "tc filter add dev X ingress protocol ip prio 2 flower skip_sw src_mac 02:00:00:00:00:05 dst_mac 02:00:00:00:00:07 action tunnel_key set id 5001 src_ip 172.16.0.1 dst_ip 172.16.0.9 dst_port 4789 nocsum action mirred egress redirect dev vxlan0",
            "tc filter add dev X ingress protocol ip prio 4 flower dst_mac 02:00:00:00:fe:01 dst_ip 10.1.0.0/16 action pedit ex munge eth src set 02:00:00:00:fe:01 munge eth dst set 02:00:00:00:00:22 munge ip ttl add 255 pipe action csum ip pipe action mirred egress redirect dev Y",
            "tc filter add dev X ingress protocol ip prio 5 flower src_ip 10.0.0.5 ip_proto tcp action pedit ex munge ip src set 203.0.113.10 pipe action csum ip and tcp pipe action mirred egress redirect dev eth0",
            "tc filter add dev X ingress protocol all prio 7 flower action police rate 100mbit burst 64k conform-exceed drop",
        ]
        for command in refused {
            let request = try NetlinkMessage.route(Golden.shared.bytes(command))
            guard case .filter(let filter) = request.body else { Issue.record("\(command)"); continue }
            var skipSW = request
            skipSW.body = .filter(filter.withSkipSoftware())
            let answer = try Answer(endpoint.handle(skipSW.encoded(), protocol: .route))
            if command.contains("prio 4") {
                // The /16 prefix comes first: the E810 profile matches exactly only.
                #expect(answer.errno == Errno.notSupported.rawValue, "\(command)")
                #expect(answer.extack == "ice: Unsupported key used", "\(command)")
            } else {
                #expect(answer.errno == Errno.invalidArgument.rawValue, "\(command)")
                #expect(answer.extack == "ice: Unsupported action in switchdev mode", "\(command)")
            }
            // Without skip_sw the same filter is accepted in software.
            var plainRequest = request
            plainRequest.body = .filter(filter.withoutSkipSoftware())
            let plain = try Answer(endpoint.handle(plainRequest.encoded(), protocol: .route))
            #expect(plain.isAck, "\(command): \(plain.extack ?? "")")
        }
        let software = endpoint.host.allFilters.filter { !$0.inHardware }
        #expect(software.count == refused.count)
        #expect(software.allSatisfy { $0.reportedFlags.contains(.notInHardware) })
    }

    @Test("software profile: every skip_sw filter is refused, other filters stay in software")
    func softwareProfileOffloadsNothing() throws {
        let endpoint = try endpoint(Profiles.software)
        var skipSWCount = 0
        for vector in Self.sequence where vector.command.hasPrefix("tc filter add") || vector.command.hasPrefix("tc qdisc add") {
            let request = try NetlinkMessage.route(vector.bytes)
            guard case .filter(let filter) = request.body else {
                #expect(try Answer(endpoint.handle(vector.bytes, protocol: .route)).isAck, "\(vector.command)")
                continue
            }
            if !(filter.flags?.contains(.skipHardware) ?? false) {
                var skipSW = request
                skipSW.body = .filter(filter.withSkipSoftware())
                let refused = try Answer(endpoint.handle(skipSW.encoded(), protocol: .route))
                #expect(refused.errno == Errno.notSupported.rawValue, "\(vector.command)")
                #expect(refused.extack == "TC offload is disabled on net device", "\(vector.command)")
                skipSWCount += 1
            }
            var plain = request
            plain.body = .filter(filter.withoutSkipSoftware())
            let answer = try Answer(endpoint.handle(plain.encoded(), protocol: .route))
            #expect(answer.isAck, "\(vector.command): \(answer.errno ?? 0) \(answer.extack ?? "")")
        }
        #expect(skipSWCount >= 15)
        #expect(!endpoint.host.allFilters.isEmpty)
        #expect(endpoint.host.allFilters.allSatisfy { !$0.inHardware })
        #expect(endpoint.host.hardwareRuleCount == 0)
    }

    @Test("golden del/get answer like the kernel before any filter exists")
    func missingChain() throws {
        let endpoint = try endpoint(Profiles.connectX6Dx)
        _ = endpoint.handle(Golden.shared.bytes("tc qdisc add dev X ingress"), protocol: .route)
        let del = try Answer(endpoint.handle(Golden.shared.bytes("tc filter del dev X ingress protocol ip prio 1 handle 1 flower"), protocol: .route))
        #expect(del.errno == 2)
        #expect(del.extack == "Cannot find specified filter chain")
        let get = try Answer(endpoint.handle(Golden.shared.bytes("tc filter get dev X ingress protocol ip prio 1 handle 1 flower"), protocol: .route))
        #expect(get.errno == 22)
        #expect(get.extack == "Cannot find specified filter chain")
        // Without the qdisc: the kernel's "Parent Qdisc doesn't exists" (as this machine answered).
        let fresh = SimNICEndpoint(host: try GoldenNamespace.host(Profiles.connectX6Dx))
        let noQdisc = try Answer(fresh.handle(Golden.shared.bytes(
            "tc filter add dev Y ingress protocol ip prio 3 flower src_ip 192.168.1.0/24 action vlan push id 20 action mirred egress redirect dev X"), protocol: .route))
        #expect(noQdisc.errno == 22)
        #expect(noQdisc.extack == "Parent Qdisc doesn't exists")
    }
}
