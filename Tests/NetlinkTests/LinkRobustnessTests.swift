import EswitchModel
import Netlink
import Testing

/// Unknown and odd-shaped attributes survive decode -> encode; malformed input throws a located
/// error; random mutations never crash the decoder.
@Suite struct LinkRobustnessTests {
    let corpus = GoldenCorpus.shared
    let capture = LinkCapture.shared

    /// Inserts `attribute` at `offset`, growing the nlmsg_len and the length of every enclosing
    /// attribute whose header is at one of `parents`.
    func splice(_ bytes: [UInt8], at offset: Int, _ attribute: [UInt8], parents: [Int] = []) -> [UInt8] {
        var out = bytes
        out.insert(contentsOf: attribute, at: offset)
        func grow(_ at: Int, _ width: Int) {
            var v = 0
            for i in 0..<width { v |= Int(out[at + i]) << (8 * i) }
            v += attribute.count
            for i in 0..<width { out[at + i] = UInt8(truncatingIfNeeded: v >> (8 * i)) }
        }
        grow(0, 4)
        for p in parents { grow(p, 2) }
        return out
    }

    func link(_ bytes: [UInt8]) throws -> LinkMessage {
        guard case .link(let body) = try NetlinkMessage.decode(bytes, context: .route).body else {
            throw NetlinkDecodingError(offset: 0, "not a link message")
        }
        return body
    }

    func setLength(_ bytes: [UInt8], at offset: Int, _ length: UInt16) -> [UInt8] {
        var out = bytes
        out[offset] = UInt8(truncatingIfNeeded: length)
        out[offset + 1] = UInt8(truncatingIfNeeded: length >> 8)
        return out
    }

    // An unknown attribute: length 7, type 0x7ff0, 3 payload bytes and one zero pad byte.
    let stranger: [UInt8] = [7, 0, 0xf0, 0x7f, 1, 2, 3, 0]
    let strangerRaw = RawAttribute(type: 0x7ff0, payload: [1, 2, 3])

    @Test func unknownTopLevelAttributeSurvives() throws {
        let golden = corpus.bytes("ip link add vxlan100 type vxlan id 100 local 10.0.0.1 dstport 4789 nolearning")
        let mutated = splice(golden, at: 48, stranger)  // between IFLA_IFNAME and IFLA_LINKINFO
        let body = try link(mutated)
        #expect(body.attributes.count == 3)
        #expect(body.attributes[1] == .unknown(strangerRaw))
        #expect(body.vxlanID == VNI(rawValue: 100))
        #expect(try NetlinkMessage.decode(mutated, context: .route).encoded() == mutated)
    }

    @Test func unknownVXLANAttributeSurvives() throws {
        let golden = corpus.bytes("ip link add vxlan100 type vxlan id 100 local 10.0.0.1 dstport 4789 nolearning")
        // LINKINFO at 48, INFO_DATA at 64, IFLA_VXLAN_ID at 68, IFLA_VXLAN_LOCAL at 76.
        let mutated = splice(golden, at: 76, stranger, parents: [48, 64])
        let body = try link(mutated)
        #expect(body.vxlan == [.id(VNI(rawValue: 100)), .unknown(strangerRaw), .local(IPv4Address(10, 0, 0, 1)), .learning(false), .port(4789)])
        #expect(try NetlinkMessage.decode(mutated, context: .route).encoded() == mutated)
    }

    @Test func unknownVFAttributeSurvives() throws {
        let golden = corpus.bytes("ip link set dev eth0 vf 2 spoofchk on trust off")
        // VFINFO_LIST at 32, VF_INFO at 36, SPOOFCHK at 40, TRUST at 52.
        let mutated = splice(golden, at: 52, stranger, parents: [32, 36])
        let body = try link(mutated)
        #expect(body.vfs == [VFInfo(vf: VFIndex(2), attributes: [.spoofCheck(.on), .unknown(strangerRaw), .trust(.off)])])
        #expect(try NetlinkMessage.decode(mutated, context: .route).encoded() == mutated)
    }

    @Test func oddShapesStayRaw() throws {
        func roundTrip(_ attributes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws -> LinkMessage {
            let header: [UInt8] = [32, 0, 0, 0, 16, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0] + [UInt8](repeating: 0, count: 16)
            let bytes = splice(header, at: 32, attributes)
            let message = try NetlinkMessage.decode(bytes, context: .route)
            #expect(message.encoded() == bytes, sourceLocation: sourceLocation)
            guard case .link(let body) = message.body else { throw NetlinkDecodingError(offset: 0, "not a link") }
            return body
        }
        // IFLA_MTU with 2 bytes.
        #expect(try roundTrip([6, 0, 4, 0, 0xdc, 0x05, 0, 0]).attributes == [.unknown(RawAttribute(type: IFLA.mtu, payload: [0xdc, 0x05]))])
        // IFLA_IFNAME without its NUL, and with bytes after the NUL.
        #expect(try roundTrip([7, 0, 3, 0, 0x61, 0x62, 0x63, 0]).attributes == [.unknown(RawAttribute(type: IFLA.ifname, payload: [0x61, 0x62, 0x63]))])
        #expect(try roundTrip([7, 0, 3, 0, 0x61, 0, 0x63, 0]).attributes == [.unknown(RawAttribute(type: IFLA.ifname, payload: [0x61, 0, 0x63]))])
        // IFLA_ADDRESS of 4 bytes (an IPIP tunnel's address).
        #expect(try roundTrip([8, 0, 1, 0, 10, 0, 0, 1]).attributes == [.unknown(RawAttribute(type: IFLA.address, payload: [10, 0, 0, 1]))])
        // IFLA_CARRIER with a value other than 0/1; IFLA_MTU with NLA_F_NET_BYTEORDER set.
        #expect(try roundTrip([5, 0, 33, 0, 2, 0, 0, 0]).attributes == [.unknown(RawAttribute(type: IFLA.carrier, payload: [2]))])
        #expect(try roundTrip([8, 0, 4, 0x40, 0, 0, 5, 0xdc]).attributes == [.unknown(RawAttribute(type: IFLA.mtu | NLA.fNetByteOrder, payload: [0, 0, 5, 0xdc]))])
        // IFLA_LINKINFO whose length does not cover its last child's padding.
        let unaligned: [UInt8] = [13, 0, 18, 0, 9, 0, 1, 0, 0x76, 0x78, 0x6c, 0x61, 0x6e, 0, 0, 0]
        #expect(try roundTrip(unaligned).attributes == [.unknown(RawAttribute(type: IFLA.linkinfo, payload: [9, 0, 1, 0, 0x76, 0x78, 0x6c, 0x61, 0x6e]))])

        // IFLA_VF_MAC holding a 20-byte InfiniBand address, and a VF_INFO whose structs disagree on the VF.
        var ibMAC: [UInt8] = [40, 0, 1, 0, 1, 0, 0, 0]
        ibMAC += (1...20).map { UInt8($0) } + [UInt8](repeating: 0, count: 12)
        let spoof: [UInt8] = [12, 0, 4, 0, 1, 0, 0, 0, 1, 0, 0, 0]
        let vfList = [UInt8]([60, 0, 22, 0, 56, 0, 1, 0]) + ibMAC + spoof
        let body = try roundTrip(vfList)
        #expect(body.vfs == [VFInfo(vf: VFIndex(1), attributes: [.unknown(RawAttribute(type: IFLA_VF.mac, payload: Array(ibMAC[4...]))), .spoofCheck(.on)])])
        // A VF_INFO without any VF number (only the odd MAC) is kept raw as a whole.
        let alone = [UInt8]([48, 0, 22, 0, 44, 0, 1, 0]) + ibMAC
        #expect(try roundTrip(alone).attributes == [.vfInfoList([.unknown(RawAttribute(type: IFLA_VF_INFO.info, payload: ibMAC))])])
        let conflicting: [UInt8] = [32, 0, 22, 0, 28, 0, 1, 0, 12, 0, 4, 0, 1, 0, 0, 0, 1, 0, 0, 0, 12, 0, 9, 0, 2, 0, 0, 0, 0, 0, 0, 0]
        let c = try roundTrip(conflicting)
        #expect(c.vfs.isEmpty)
        #expect(c.attributes == [.vfInfoList([.unknown(RawAttribute(type: IFLA_VF_INFO.info, payload: Array(conflicting[8...])))])])
        // VXLAN port of 4 bytes.
        let oddPort: [UInt8] = [28, 0, 18, 0, 9, 0, 1, 0, 0x76, 0x78, 0x6c, 0x61, 0x6e, 0, 0, 0, 12, 0, 2, 0, 8, 0, 15, 0, 0, 0, 0x12, 0xb5]
        #expect(try roundTrip(oddPort).vxlan == [.unknown(RawAttribute(type: IFLA_VXLAN.port, payload: [0, 0, 0x12, 0xb5]))])
    }

    @Test func vethPeerNestingIsBounded() throws {
        // A veth peer inside a peer inside a peer..., 300 levels deep.
        func level(_ depth: Int) -> [UInt8] {
            var w = NetlinkWriter()
            w.appendZeros(16)
            if depth > 0 {
                let info = w.beginNested(IFLA.linkinfo)
                w.attribute(IFLA_INFO.kind, unterminatedString: "veth")
                let data = w.beginNested(IFLA_INFO.data)
                let peer = w.beginNested(VETH_INFO.peer)
                w.append(contentsOf: level(depth - 1))
                w.endNested(peer)
                w.endNested(data)
                w.endNested(info)
            }
            return w.bytes
        }
        let body = level(300)
        var w = NetlinkWriter()
        let start = w.beginMessage(type: RTM.newLink, flags: [.request])
        w.append(contentsOf: body)
        w.endMessage(start)
        let bytes = w.bytes
        let message = try NetlinkMessage.decode(bytes, context: .route)
        #expect(message.encoded() == bytes)
        guard case .link(let top) = message.body else { Issue.record("not a link"); return }
        let peer = try #require(top.vethPeer)
        // The peer's own peer is not typed: it stays bytes.
        guard case .veth(let inner)? = peer.linkInfo?.data, case .unknown(let raw)? = inner.first else {
            Issue.record("the second-level peer should be kept raw"); return
        }
        #expect(raw.type == VETH_INFO.peer)
    }

    func expectThrows(_ bytes: [UInt8], at offset: Int, _ reason: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try NetlinkMessage.decode(bytes, context: .route)
            Issue.record("decoded without error", sourceLocation: sourceLocation)
        } catch {
            #expect(error.offset == offset, "\(error)", sourceLocation: sourceLocation)
            #expect(error.reason.contains(reason), "\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func malformedInputThrows() {
        let dump = corpus.bytes("ip link show")
        // Truncated ifinfomsg.
        expectThrows(setLength(Array(dump.prefix(24)), at: 0, 24), at: 16, "truncated ifinfomsg")
        // IFLA_EXT_MASK longer than the message; shorter than its header.
        expectThrows(setLength(dump, at: 32, 12), at: 32, "runs past its parent")
        expectThrows(setLength(dump, at: 32, 2), at: 32, "shorter than its header")
        // A non-zero ifinfomsg padding byte.
        var padded = dump
        padded[17] = 1
        expectThrows(padded, at: 17, "padding")

        let vxlan = corpus.bytes("ip link add vxlan100 type vxlan id 100 local 10.0.0.1 dstport 4789 nolearning")
        // IFLA_VXLAN_ID running past IFLA_INFO_DATA; IFLA_INFO_DATA running past IFLA_LINKINFO.
        expectThrows(setLength(vxlan, at: 68, 0x40), at: 68, "runs past its parent")
        expectThrows(setLength(vxlan, at: 64, 40), at: 64, "runs past its parent")
        // Inside IFLA_INFO_DATA, after the last attribute: a header whose length (2) is shorter than itself.
        expectThrows(splice(vxlan, at: 100, [2, 0, 5, 0], parents: [48, 64]), at: 100, "shorter than its header")

        let vf = corpus.bytes("ip link set dev eth0 vf 2 spoofchk on trust off")
        // IFLA_VF_SPOOFCHK running past IFLA_VF_INFO.
        expectThrows(setLength(vf, at: 40, 200), at: 40, "runs past its parent")
    }

    @Test func truncationNeverCrashes() throws {
        for bytes in capture.linkAnswers("ip -d link show dev vxlan6") + [corpus.bytes("ip link set dev eth0 vf 1 mac 02:00:00:00:00:09 vlan 10")] {
            for length in 16..<bytes.count {
                let cut = setLength(Array(bytes.prefix(length)), at: 0, UInt16(length))
                do {
                    let message = try NetlinkMessage.decode(cut, context: .route)
                    // A cut on an attribute boundary is a valid, shorter message.
                    #expect(try NetlinkMessage.decode(message.encoded(), context: .route) == message)
                } catch {
                    #expect(error.offset >= 16 && error.offset <= length)
                }
            }
        }
    }

    @Test func constructedRequestsDecodeBack() throws {
        var rng = SplitMix64(seed: 42)
        func maybe<T>(_ value: @autoclosure () -> T) -> T? { Bool.random(using: &rng) ? value() : nil }
        for _ in 0..<500 {
            let ip4 = IPAddress.v4(IPv4Address(rawValue: UInt32.random(in: 0...UInt32.max, using: &rng)))
            let ip6 = IPAddress.v6(IPv6Address(high: UInt64.random(in: 0...UInt64.max, using: &rng), low: 1))
            let messages = [
                LinkMessage.setVF(
                    pf: IfIndex(UInt32.random(in: 1...100, using: &rng)), vf: VFIndex(UInt32.random(in: 0...127, using: &rng)),
                    mac: maybe(MACAddress(integer: UInt64.random(in: 0...0xFFFF_FFFF_FFFF, using: &rng))),
                    vlan: maybe(UInt16.random(in: 0...4095, using: &rng)), qos: UInt8.random(in: 0...7, using: &rng),
                    vlanProtocol: maybe(VFVLANProtocol.dot1ad), txRate: maybe(UInt32.random(in: 0...100_000, using: &rng)),
                    linkState: maybe(VFLinkState(rawValue: UInt32.random(in: 0...2, using: &rng))),
                    spoofCheck: maybe(Bool.random(using: &rng)), queryRSS: maybe(Bool.random(using: &rng)),
                    trust: Bool.random(using: &rng), nodeGUID: maybe(UInt64.random(in: 0...UInt64.max, using: &rng)),
                    portGUID: maybe(UInt64.random(in: 0...UInt64.max, using: &rng)),
                    rate: maybe(VFRate(minTx: UInt32.random(in: 0...1000, using: &rng), maxTx: UInt32.random(in: 0...100_000, using: &rng)))),
                LinkMessage.createVXLAN(
                    name: "vx" + String(UInt32.random(in: 0...99_999, using: &rng)), vni: VNI(rawValue: UInt32.random(in: 1...0xFF_FFFF, using: &rng)),
                    local: maybe(Bool.random(using: &rng) ? ip4 : ip6), group: maybe(Bool.random(using: &rng) ? ip4 : ip6),
                    underlay: maybe(IfIndex(UInt32.random(in: 1...100, using: &rng))), ttl: maybe(UInt8.random(in: 0...255, using: &rng)),
                    tos: maybe(UInt8.random(in: 0...255, using: &rng)),
                    portRange: maybe(VXLANPortRange(low: UInt16.random(in: 0...65535, using: &rng), high: 65535)),
                    udpChecksum: maybe(Bool.random(using: &rng)), learning: Bool.random(using: &rng),
                    port: maybe(UInt16.random(in: 0...65535, using: &rng))),
                LinkMessage.setMTU(IfIndex(UInt32.random(in: 1...UInt32.max, using: &rng)), mtu: UInt32.random(in: 68...65535, using: &rng)),
                LinkMessage.createVeth(name: "a" + String(UInt8.random(in: 0...255, using: &rng)), peer: "b"),
            ]
            for message in messages {
                #expect(try NetlinkMessage.decode(message.encoded(), context: .route) == message)
            }
        }
    }

    @Test func randomMutationsNeverCrash() throws {
        var rng = SplitMix64(seed: 0x5eed_11ec)
        var seeds: [[UInt8]] = corpus.vectors.map(\.bytes).filter { $0.count > 5 && (16...19).contains($0[4]) && $0[5] == 0 }
        for command in capture.commands {
            seeds += command.sent
            seeds += capture.linkAnswers(command.command)
        }
        var decoded = 0
        for _ in 0..<4000 {
            var bytes = seeds[Int.random(in: 0..<seeds.count, using: &rng)]
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let i = Int.random(in: 16..<bytes.count, using: &rng)
                bytes[i] = UInt8.random(in: 0...255, using: &rng)
            }
            guard let message = try? NetlinkMessage.decode(bytes, context: .route) else { continue }
            decoded += 1
            // Whatever decodes re-encodes to something that decodes to the same value.
            let again = try NetlinkMessage.decode(message.encoded(), context: .route)
            #expect(again == message, "\(bytes.hexString)")
        }
        #expect(decoded > 1000)
    }
}

/// A small seeded generator so that failures reproduce.
struct SplitMix64: RandomNumberGenerator {
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
