import EswitchModel
import Netlink
import Platform
@testable import SimNIC
import Testing

/// Filter insertions read straight from their bytes (the emulator's insertion path) give the
/// same answers, byte for byte, and leave the same tables as the typed decoder's reading, for
/// the golden iproute2 requests, for requests of every shape the codec builds, and for thousands
/// of damaged copies of them.
@Suite("filter insertions read from the wire")
struct WireInsertionTests {
    /// Two endpoints on the same host: one reads insertions from the wire, one decodes them.
    struct Pair {
        let wire: SimNICEndpoint
        let typed: SimNICEndpoint

        init(_ host: EmulatedHost) {
            wire = SimNICEndpoint(host: host)
            typed = SimNICEndpoint(host: host)
            typed.readsInsertionsFromWire = false
        }

        /// Sends `bytes` to both; records a difference in the answers.
        func send(_ bytes: [UInt8], _ what: @autoclosure () -> String) {
            let a = wire.handle(bytes, protocol: .route), b = typed.handle(bytes, protocol: .route)
            #expect(a == b, "\(what()): \(a.map { $0.hex }) vs \(b.map { $0.hex })")
        }

        /// Records a difference in the installed filters, their dump bytes and the hardware count.
        func expectSameState(_ what: String) {
            let a = wire.host, b = typed.host
            #expect(a.hardwareRuleCount == b.hardwareRuleCount, "\(what): hardware rule count")
            let left = a.allFilters, right = b.allFilters
            #expect(left.map(\.id) == right.map(\.id), "\(what): installed filters")
            for (x, y) in zip(left, right) where x != y { Issue.record("\(what): filter \(x.id) differs") }
            for ifindex in a.qdiscs.keys.sorted() {
                let dump = NetlinkMessage.dumpFilters(.dump(ifindex: ifindex)).encoded()
                #expect(wire.handle(dump, protocol: .route) == typed.handle(dump, protocol: .route), "\(what): dump of \(ifindex)")
            }
        }
    }

    static func host(_ profile: HardwareProfile, capacity: Int? = nil) throws -> EmulatedHost {
        var host = try GoldenNamespace.host(profile)
        if let capacity {
            host = EmulatedHost(profile: profile, configuration: EmulatedHostConfiguration(
                initialVFs: 3, eswitchMode: .switchdev, ruleCapacity: capacity))
            try host.createLink(name: "vxlan0", info: LinkInfo([.kind("vxlan"), .data(.vxlan([.collectMetadata(true), .port(4789)]))]))
            try host.renumber(["pf0vf0": IfIndex(2), "pf0vf1": IfIndex(3), "pf0": IfIndex(5), "vxlan0": IfIndex(6)])
        }
        try host.addQdisc("ingress", on: IfIndex(2))
        try host.addQdisc("ingress", on: IfIndex(3))
        try host.addQdisc("ingress", on: IfIndex(6))
        return host
    }

    /// Requests of many shapes built with the codec, on X (3) towards Y (2) and the VXLAN device (6).
    static func builtRequests() throws -> [(String, [UInt8])] {
        let x = IfIndex(3), y = IfIndex(2), vxlan = IfIndex(6)
        let mac = MACAddress("02:00:00:00:00:07")!
        let redirect = TCAction(order: 1, .mirred(.redirect(to: y)))
        func add(_ name: String, priority: UInt16 = 1, handle: UInt32 = 0, chain: UInt32? = nil, on dev: IfIndex = x, protocol p: EtherType = .ipv4,
                 _ match: FlowerMatch, _ actions: [TCAction] = [redirect], flags: FilterFlags = [], replace: Bool = false) throws -> (String, [UInt8]) {
            let filter = try FilterMessage.flower(ifindex: dev, priority: priority, protocol: p, chain: chain, handle: handle, match: match, actions: actions, flags: flags)
            return (name, (replace ? NetlinkMessage.replaceFilter(filter) : NetlinkMessage.addFilter(filter)).encoded())
        }
        var out: [(String, [UInt8])] = []
        out.append(try add("exact mac", FlowerMatch(dstMAC: Masked(mac)), flags: .skipSoftware))
        out.append(try add("same keys again", FlowerMatch(dstMAC: Masked(mac)), flags: .skipSoftware))
        out.append(try add("explicit handle 7", handle: 7, FlowerMatch(dstMAC: Masked(MACAddress("02:00:00:00:00:08")!))))
        out.append(try add("handle 7 again", handle: 7, FlowerMatch(dstMAC: Masked(MACAddress("02:00:00:00:00:09")!))))
        out.append(try add("replace handle 7", handle: 7, FlowerMatch(dstMAC: Masked(MACAddress("02:00:00:00:00:0a")!)), replace: true))
        out.append(try add("prefix", priority: 2, FlowerMatch(ipProto: .tcp, dstIP: Masked(IPAddress("10.1.0.0")!, mask: IPAddress("255.255.0.0")!), dstPort: Masked(443))))
        out.append(try add("ipv6", priority: 3, protocol: .ipv6, FlowerMatch(ipProto: .udp, srcIP: Masked(IPAddress("2001:db8::5")!), dstPort: Masked(53))))
        out.append(try add("priority 0", priority: 0, FlowerMatch(srcMAC: Masked(mac))))
        out.append(try add("priority out of range, skip_sw", priority: 0, FlowerMatch(srcMAC: Masked(MACAddress("02:00:00:00:00:01")!)), flags: .skipSoftware))
        out.append(try add("skip_hw", priority: 4, FlowerMatch(ipProto: .icmp), flags: .skipHardware))
        out.append(try add("verbose", priority: 5, protocol: .arp, FlowerMatch(arpOp: Masked(1, mask: 0xFF)), [TCAction(order: 1, .gact(.drop))], flags: .verbose))
        out.append(try add("goto chain", priority: 6, FlowerMatch(ipProto: .tcp), [TCAction(order: 1, .gact(.gotoChain(3)))]))
        out.append(try add("in chain 3", chain: 3, FlowerMatch(dstIP: Masked(IPAddress("10.0.0.9")!))))
        out.append(try add("encap", priority: 7, FlowerMatch(dstMAC: Masked(MACAddress("02:00:00:00:00:11")!)), [
            TCAction(order: 1, .tunnelKey(.set(keyID: 100, source: IPAddress("10.0.0.1")!, destination: IPAddress("10.0.0.2")!, destinationPort: 4789))),
            TCAction(order: 2, .mirred(.redirect(.egress, to: vxlan))),
        ]))
        out.append(try add("decap on vxlan0", priority: 1, on: vxlan, FlowerMatch(encKeyID: 100, encDstPort: Masked(4789)), [
            TCAction(order: 1, .tunnelKey(.unset())), TCAction(order: 2, .mirred(.redirect(to: y))),
        ]))
        out.append(try add("mirred to a missing device", priority: 8, FlowerMatch(ipProto: .udp), [TCAction(order: 1, .mirred(.redirect(to: IfIndex(99))))]))
        out.append(try add("action order 0", priority: 8, FlowerMatch(ipProto: .udp), [TCAction(order: 0, .mirred(.redirect(to: y)))]))
        out.append(try add("no actions", priority: 9, FlowerMatch(ipProto: .sctp)))
        out.append(try add("missing device", on: IfIndex(42), FlowerMatch(ipProto: .udp)))
        out.append(try add("no qdisc", on: IfIndex(5), FlowerMatch(ipProto: .udp)))
        for i in 0..<40 {
            out.append(try add("bulk \(i)", priority: 10, handle: UInt32(100 + i), FlowerMatch(dstIP: Masked(IPAddress("10.9.0.\(i)")!)), flags: .skipSoftware))
        }
        return out
    }

    static func corpus() throws -> [(String, [UInt8])] {
        let golden = Golden.shared.vectors.filter { $0.command.hasPrefix("tc filter add") || $0.command.hasPrefix("tc filter replace") }
        return golden.map { ($0.command, $0.bytes) } + (try builtRequests())
    }

    @Test("every request of the corpus: the same answers and the same tables, on three NIC models")
    func corpusAnswers() throws {
        let corpus = try Self.corpus()
        #expect(corpus.count > 70)
        for (name, profile, capacity) in [("connectx-6dx", Profiles.connectX6Dx, nil), ("e810", Profiles.e810, nil), ("connectx-6dx, 5 rules", Profiles.connectX6Dx, 5)] {
            let pair = Pair(try Self.host(profile, capacity: capacity))
            for (what, bytes) in corpus { pair.send(bytes, "\(name): \(what)") }
            pair.expectSameState(name)
            #expect(pair.wire.host.allFilters.count > 20, "\(name): few filters installed")
        }
    }

    @Test("damaged requests (bytes changed, lengths changed, cut short): the same answers and tables")
    func damagedRequests() throws {
        var random = SplitMix64(seed: 0x5EED)
        let pair = Pair(try Self.host(Profiles.connectX6Dx))
        var changed = 0
        for (what, original) in try Self.corpus() {
            for round in 0..<25 {
                var bytes = original
                switch round % 4 {
                case 0:  // any byte after the netlink header
                    let at = netlinkHeaderLength + Int(random.next() % UInt64(bytes.count - netlinkHeaderLength))
                    bytes[at] = UInt8(truncatingIfNeeded: random.next())
                case 1:  // an attribute length field (the low byte of a 4-aligned word past tcmsg)
                    let words = (bytes.count - 36) / 4
                    guard words > 0 else { continue }
                    let at = 36 + 4 * Int(random.next() % UInt64(words))
                    bytes[at] = bytes[at] &+ UInt8(truncatingIfNeeded: random.next() % 9) &- 4
                case 2:  // cut short, with nlmsg_len saying so
                    let length = netlinkHeaderLength + Int(random.next() % UInt64(bytes.count - netlinkHeaderLength))
                    bytes = Array(bytes[0..<length])
                    bytes.replaceSubrange(0..<4, with: withUnsafeBytes(of: UInt32(length).littleEndian, Array.init))
                default:  // an attribute type (flag bits or another number)
                    let words = (bytes.count - 36) / 4
                    guard words > 0 else { continue }
                    let at = 36 + 4 * Int(random.next() % UInt64(words)) + 2 + Int(random.next() % 2)
                    bytes[at] ^= UInt8(truncatingIfNeeded: 1 << (random.next() % 8))
                }
                if bytes != original { changed += 1 }
                pair.send(bytes, "\(what), damage \(round)")
            }
        }
        #expect(changed > 1500)
        pair.expectSameState("after the damaged requests")
    }

    @Test("the written ACK is the bytes the message model encodes")
    func plainAck() {
        for (sequence, port, flags, type) in [(UInt32(1), UInt32(4242), NetlinkFlags([.request, .ack, .create, .exclusive]), RTM.newTFilter),
                                              (0xFFFF_FFFF, 0, [.request, .ack], RTM.delTFilter), (77, 0x8000_0001, [.request], RTM.newLink)] {
            let header = NetlinkHeader(length: 132, type: type, flags: flags, sequence: sequence, portID: port)
            let model = NetlinkMessage(type: NLMSG.error, flags: .capped, sequence: sequence, portID: port,
                                       body: .error(NetlinkErrorMessage(error: 0, request: header))).encoded()
            #expect(SimNICEndpoint.plainAck(header) == model)
            #expect(SimNICEndpoint.ack(header, warning: nil) == model)
        }
    }

    @Test("the key table read off the codec knows the keys, their sizes and their masks")
    func keyTable() {
        let table = FlowerKeyTable.shared
        #expect(table.entry(for: TCA_FLOWER.keyEthDst).map { ($0.key, $0.size, $0.isMask) } ?? (.srcIP, 0, true) == (.dstMAC, 6, false))
        #expect(table.entry(for: TCA_FLOWER.keyEthDstMask).map { ($0.key, $0.size, $0.isMask) } ?? (.srcIP, 0, false) == (.dstMAC, 6, true))
        #expect(table.entry(for: TCA_FLOWER.keyIPv6SrcMask).map { ($0.key, $0.size, $0.isMask) } ?? (.dstIP, 0, false) == (.srcIP, 16, true))
        #expect(table.entry(for: TCA_FLOWER.keyUDPDst).map { ($0.key, $0.size) } ?? (.srcIP, 0) == (.dstPort, 2))
        #expect(table.entry(for: TCA_FLOWER.keyARPOpMask)?.isMask == false)  // arp_op masks never make a match partial
        #expect(table.entry(for: TCA_FLOWER.act) == nil)
        #expect(table.entry(for: TCA_FLOWER.flags) == nil)
        #expect(table.entry(for: TCA_FLOWER.keyCTState) == nil)  // kept raw by the codec: the typed way reads it
    }

    @Test("the action-list memo gives what decoding gives, and decodes a list once")
    func actionMemo() throws {
        var memo = TCActionListMemo(capacity: 2)
        let requests = try Self.builtRequests().map { try NetlinkMessage.route($0.1) }
        for (request, (_, bytes)) in zip(requests, try Self.builtRequests()) {
            let (decoded, _) = try NetlinkMessage.decode(bytes[...], context: .route, actionLists: &memo)
            #expect(decoded == request)
        }
        #expect(memo.hits > 40)
        #expect(memo.misses < 20)
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): reproducible damage.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Array where Element == UInt8 {
    var hex: String { map { String(format: "%02x", $0) }.joined() }
}
