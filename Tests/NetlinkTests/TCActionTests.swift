import EswitchModel
import Foundation
import Netlink
import Testing

/// Hand-built attribute bytes for dump-style inputs, independent of NetlinkWriter.
private func attr(_ type: UInt16, _ payload: [UInt8]) -> [UInt8] {
    let length = 4 + payload.count
    var out = [UInt8(length & 0xff), UInt8(length >> 8), UInt8(type & 0xff), UInt8(type >> 8)] + payload
    while out.count % 4 != 0 { out.append(0) }
    return out
}
private func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
private func le64(_ v: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
private func decodeOne(_ bytes: [UInt8]) throws(NetlinkDecodingError) -> TCAction {
    var r = AttributeReader(bytes[...])
    guard let a = try r.next() else { throw NetlinkDecodingError(offset: 0, "empty") }
    return try TCAction(decoding: a)
}
private func encoded(_ a: TCAction) -> [UInt8] {
    var w = NetlinkWriter()
    a.encode(into: &w)
    return w.bytes
}
private func json(_ value: some Encodable) throws -> String {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys]
    return String(decoding: try e.encode(value), as: UTF8.self)
}

@Suite struct TCActionTests {
    /// A mirred action as the kernel dumps it: unflagged options with parms and tm, index,
    /// statistics with basic, basic_hw, queue and pkt64, in_hw_count and used_hw_stats.
    static let dump: [UInt8] = {
        let parms = le32(7) + le32(0) + le32(4) + le32(1) + le32(1) + le32(1) + le32(2)
        let tm = le64(100) + le64(5) + le64(0) + le64(90)
        let options = attr(1, tm) + attr(2, parms)
        let stats = attr(1, le64(123_456) + le32(789) + le32(0))   // TCA_STATS_BASIC
            + attr(7, le64(100_000) + le32(600) + le32(0))        // TCA_STATS_BASIC_HW
            + attr(3, le32(0) + le32(0) + le32(3) + le32(0) + le32(9))  // TCA_STATS_QUEUE
            + attr(8, le64(5_000_000_000))                          // TCA_STATS_PKT64
            + attr(4, [1, 2, 3])                                    // TCA_STATS_APP: kept raw
        let body = attr(1, Array("mirred\0".utf8)) + attr(9, le32(2) + le32(2)) + attr(2, options) + attr(3, le32(7))
            + attr(6, [0xde, 0xad, 0xbe, 0xef]) + attr(4, stats) + attr(10, le32(1))
        return attr(1, body)
    }()

    @Test func decodesDumpStatistics() throws {
        let action = try decodeOne(Self.dump)
        #expect(action.order == 1)
        #expect(action.kind == .mirred)
        #expect(action.index == 7)
        #expect(action.cookie == [0xde, 0xad, 0xbe, 0xef])
        let stats = try #require(action.statistics)
        #expect(stats.basic == TCStatsBasic(bytes: 123_456, packets: 789))
        #expect(stats.basicHardware == TCStatsBasic(bytes: 100_000, packets: 600))
        #expect(stats.packets == 5_000_000_000)
        #expect(stats.contains(.queue(TCStatsQueue(drops: 3, overlimits: 9))))
        #expect(stats.contains(.unknown(RawAttribute(type: 4, payload: [1, 2, 3]))))
        #expect(action.attributes.contains(.usedHardwareStats(TCBitfield32(value: 2, selector: 2))))
        #expect(action.attributes.contains(.inHardwareCount(1)))
        guard case .options(.mirred(let mirred), nestedFlag: false)? = action.attributes.first(where: { if case .options = $0 { true } else { false } }) else {
            Issue.record("options not typed as unflagged mirred: \(action)")
            return
        }
        let p = try #require(mirred.parameters)
        #expect(p.action == .egressRedirect && p.ifindex == IfIndex(2) && p.common.verdict == .stolen)
        #expect(p.common.index == 7 && p.common.refcnt == 1 && p.common.bindcnt == 1)
        #expect(mirred.attributes.first == .time(TCActionTime(install: 100, lastUse: 5, expires: 0, firstUse: 90)))
        #expect(encoded(action) == Self.dump)
        #expect(try JSONDecoder().decode(TCAction.self, from: JSONEncoder().encode(action)) == action)
    }

    @Test func jsonShape() throws {
        let action = TCAction(order: 2, .mirred(.redirect(to: IfIndex(2))), cookie: [0x0a, 0x0b])
        #expect(try json(action) == #"{"attrs":[{"kind":"mirred"},{"options":{"mirred":[{"parms":{"direction":"egress","ifindex":2,"mirred_action":"redirect","verdict":"stolen"}}]}},{"cookie":"0a0b"}],"order":2}"#)
        let dump = try json(try decodeOne(Self.dump))
        #expect(dump.contains(#""options_unflagged":{"mirred":"#))
        #expect(dump.contains(#"{"basic":{"bytes":123456,"packets":789}}"#))
        #expect(dump.contains(#"{"used_hw_stats":{"selector":["delayed"],"value":["delayed"]}}"#))
        let gotoChain = try json(TCAction(order: 1, .gact(.gotoChain(1))))
        #expect(gotoChain.contains(#""verdict":"goto chain 1""#))
        let pedit = try json(PeditOptions.munge([.ipv4TTLDecrement], verdict: .pipe))
        #expect(pedit == #"[{"parms_ex":{"keys":[{"mask":"00ffffff","offset":8,"val":"ff000000"}],"verdict":"pipe"}},{"keys_ex":[{"cmd":"add","htype":"ipv4"}]}]"#)
        let csum = try json(CsumOptions.update([.ipv4Header, .tcp]))
        #expect(csum == #"[{"parms":{"csum":["iph","tcp"],"verdict":"pass"}}]"#)
    }

    @Test func jsonRoundTripPerKind() throws {
        let actions: [TCAction] = TCAction.list([
            TCAction(order: 0, .mirred(.mirror(.ingress, to: IfIndex(9), verdict: .pipe, index: 4))),
            TCAction(order: 0, .tunnelKey(.set(keyID: 7, source: IPAddress("2001:db8::1")!, destination: IPAddress("2001:db8::2")!, destinationPort: 6081, tos: 3, ttl: 64))),
            TCAction(order: 0, .vlan(.push(id: 100, vlanProtocol: ETH_P_VLAN.ad8021, priority: 5))),
            TCAction(order: 0, .vlan(.modify(id: 7, vlanProtocol: 0x1234))),
            TCAction(order: 0, .pedit(.munge([.ipv6Destination(IPv6Address("2001:db8::9")!), .udpDestinationPort(4789), .ipv4TOS(4)]))),
            TCAction(order: 0, .csum(.update([.udp, .sctp, CsumUpdateFlags(rawValue: 0x100)]))),
            TCAction(order: 0, .gact(.verdict(.trap, probability: GactProbability(type: PGACT.netrand, value: 5000, verdict: .drop)))),
            TCAction(order: 0, .gact(.verdict(TCVerdict(rawValue: 99)))),
            TCAction(order: 0, .gact(.verdict(.jump(2)))),
            TCAction(order: 0, .police(.police(rate: 10_000_000_000, burst: 100_000, mtu: 9000, peakRate: 12_000_000_000, exceed: .drop, conform: .pipe))),
            TCAction(order: 0, .police(.police(packetRate: 1000, packetBurst: 100))),
            TCAction(order: 0, .raw([8, 0, 1, 0, 1, 2, 3, 4]), kind: .other("skbedit"), hardwareStats: TCBitfield32(setting: TCA_ACT_HW_STATS.delayed),
                     flags: TCBitfield32(setting: TCA_ACT_FLAGS.skipSW)),
        ])
        for action in actions {
            let back = try JSONDecoder().decode(TCAction.self, from: JSONEncoder().encode(action))
            #expect(back == action)
            // And the bytes survive decode -> encode.
            let bytes = encoded(action)
            #expect(encoded(try decodeOne(bytes)) == bytes)
            #expect(try decodeOne(bytes) == action)
        }
    }

    @Test func unknownAttributeInsideOptionsSurvives() throws {
        // Mirred options with an unknown attribute (type 99) between a pad attribute and the parms.
        let parms = le32(0) + le32(0) + le32(4) + le32(0) + le32(0) + le32(1) + le32(2)
        let options = attr(3, []) + attr(99, [0xaa, 0xbb, 0xcc]) + attr(2, parms)
        let bytes = attr(1, attr(1, Array("mirred\0".utf8)) + attr(2 | 0x8000, options) + attr(42, [1]))
        let action = try decodeOne(bytes)
        guard case .mirred(let m)? = action.options else { Issue.record("not mirred"); return }
        #expect(m.attributes[1] == .unknown(RawAttribute(type: 99, payload: [0xaa, 0xbb, 0xcc])))
        #expect(m.parameters?.ifindex == IfIndex(2))
        #expect(action.attributes.last == .unknown(RawAttribute(type: 42, payload: [1])))
        #expect(encoded(action) == bytes)
        #expect(try JSONDecoder().decode(TCAction.self, from: JSONEncoder().encode(action)) == action)
    }

    @Test func kindAfterOptionsStillTypesTheOptions() throws {
        let gact = attr(2, le32(0) + le32(0) + le32(2) + le32(0) + le32(0))
        let bytes = attr(3, attr(2 | 0x8000, gact) + attr(1, Array("gact\0".utf8)))
        let action = try decodeOne(bytes)
        #expect(action.order == 3)
        #expect(action.options == .gact(.drop))
        #expect(encoded(action) == bytes)
    }

    @Test func unknownKindKeepsRawOptions() throws {
        let bytes = attr(1, attr(1, Array("ct\0".utf8)) + attr(2 | 0x8000, attr(1, [1, 2, 3, 4])))
        let action = try decodeOne(bytes)
        #expect(action.kind == .other("ct"))
        #expect(action.options == .raw(attr(1, [1, 2, 3, 4])))
        #expect(encoded(action) == bytes)
    }

    @Test func truncatedParametersThrow() {
        // tc_mirred is 28 bytes; 24 is cut short.
        let short = attr(1, attr(1, Array("mirred\0".utf8)) + attr(2 | 0x8000, attr(2, [UInt8](repeating: 0, count: 24))))
        #expect(throws: NetlinkDecodingError.self) { try decodeOne(short) }
        // A pedit selector announcing 2 keys but carrying 1.
        let sel = le32(0) + le32(0) + le32(3) + le32(0) + le32(0) + [2, 0, 0, 0] + [UInt8](repeating: 0, count: 24)
        let pedit = attr(1, attr(1, Array("pedit\0".utf8)) + attr(2 | 0x8000, attr(4, sel)))
        #expect(throws: NetlinkDecodingError.self) { try decodeOne(pedit) }
        // tc_police is 56 bytes.
        let police = attr(1, attr(1, Array("police\0".utf8)) + attr(2 | 0x8000, attr(1, [UInt8](repeating: 0, count: 40))))
        #expect(throws: NetlinkDecodingError.self) { try decodeOne(police) }
        // A child attribute whose length runs past its parent.
        var past = attr(1, attr(1, Array("gact\0".utf8)) + attr(2, attr(2, [UInt8](repeating: 0, count: 20))))
        past[past.count - 24] = 0x40
        #expect(throws: NetlinkDecodingError.self) { try decodeOne(past) }
    }

    @Test func longerStructsStayRaw() throws {
        // A newer kernel's bigger tc_mirred survives as unknown instead of being cut.
        let big = attr(1, attr(1, Array("mirred\0".utf8)) + attr(2, attr(2, [UInt8](repeating: 1, count: 32))))
        let action = try decodeOne(big)
        guard case .mirred(let m)? = action.options else { Issue.record("not mirred"); return }
        #expect(m.parameters == nil)
        #expect(encoded(action) == big)
    }

    @Test func verdictWords() throws {
        #expect(TCVerdict("shot") == .drop && TCVerdict("ok") == .pass && TCVerdict("continue")?.rawValue == -1)
        #expect(TCVerdict("goto chain 7") == .gotoChain(7) && TCVerdict.gotoChain(7).rawValue == 0x2000_0007)
        #expect(TCVerdict("jump 2")?.jumpCount == 2)
        #expect(TCVerdict("bogus") == nil)
        #expect(try json([TCVerdict.stolen, .gotoChain(3), TCVerdict(rawValue: 42)]) == #"["stolen","goto chain 3",42]"#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(TCVerdict.self, from: Data(#""sideways""#.utf8)) }
    }

    @Test func peditMungeKeysFollowIproute2Packing() {
        // munge tcp sport set 80 / dport set 80: u16 at offsets 0 and 2 of the tcp word 0.
        #expect(PeditMunge.tcpSourcePort(80).keys == [PeditKey(header: .tcp, command: .set, key: PeditSelectorKey(mask: 0x0000_FFFF, value: 0x0050_0000, offset: 0))])
        #expect(PeditMunge.tcpDestinationPort(80).keys == [PeditKey(header: .tcp, command: .set, key: PeditSelectorKey(mask: 0xFFFF_0000, value: 0x50, offset: 0))])
        // munge ip ttl set 64: u8 at offset 8.
        #expect(PeditMunge.ipv4TTL(64).keys == [PeditKey(header: .ip4, command: .set, key: PeditSelectorKey(mask: 0x00FF_FFFF, value: 0x4000_0000, offset: 8))])
        // munge ip6 hoplimit: u8 at offset 7 = the last byte of word 4.
        #expect(PeditMunge.ipv6HopLimitDecrement.keys == [PeditKey(header: .ip6, command: .add, key: PeditSelectorKey(mask: 0xFFFF_FF00, value: 0xFF, offset: 4))])
        #expect(PeditMunge.ipv6Source(IPv6Address("2001:db8::1")!).keys.map(\.key.value) == [0x2001_0db8, 0, 0, 1])
        #expect(PeditKey.field(.tcp, offset: 3, width: .u16, .set, 1) == nil)
        #expect(PeditKey.field(.tcp, offset: 2, width: .u32, .set, 1) == nil)
        // The typed view pairs selector keys with their types.
        let options = PeditOptions.munge([.ethernetDestination(MACAddress("02:00:00:00:00:22")!)])
        #expect(options.keys?.map(\.header) == [.eth, .eth])
        #expect(options.keys?.map(\.key.offset) == [0, 4])
    }

    @Test func peditKernelDumpFormIsUnflagged() throws {
        // The kernel dumps KEYS_EX / KEY_EX without NLA_F_NESTED; that form is typed and kept.
        let sel = le32(1) + le32(0) + le32(3) + le32(1) + le32(1) + [1, 0, 0, 0] + [0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0] + le32(8) + le32(0) + le32(0) + le32(0)
        let keysEx = attr(5, attr(6, attr(1, [2, 0]) + attr(2, [1, 0])))
        let bytes = attr(1, attr(1, Array("pedit\0".utf8)) + attr(2, attr(4, sel) + keysEx))
        let action = try decodeOne(bytes)
        guard case .pedit(let p)? = action.options else { Issue.record("not pedit"); return }
        #expect(p.attributes[1] == .extendedKeys([PeditKeyType(header: .ip4, command: .add)], nestedFlag: false))
        #expect(p.keys == PeditMunge.ipv4TTLDecrement.keys)
        #expect(encoded(action) == bytes)
        #expect(try JSONDecoder().decode(TCAction.self, from: JSONEncoder().encode(action)) == action)
        // A mixed form (flagged outer, unflagged inner) stays verbatim.
        let mixed = attr(1, attr(1, Array("pedit\0".utf8)) + attr(2, attr(4, sel) + attr(5 | 0x8000, attr(6, attr(1, [2, 0]) + attr(2, [1, 0])))))
        let m = try decodeOne(mixed)
        guard case .pedit(let mp)? = m.options, case .unknown = mp.attributes[1] else { Issue.record("mixed keys_ex typed"); return }
        #expect(encoded(m) == mixed)
    }

    @Test func policeTablesFromOtherClocksSurvive() throws {
        // A table computed with another clock (1 tick per microsecond, rounding up) is kept as
        // decoded, re-encodes unchanged and shows in full in JSON.
        let other = PschedClock(ticksPerMicrosecond: 1, rounding: .ceiling)
        let options = PoliceOptions.police(rate: 1_000_000, burst: 10_000, exceed: .drop, clock: other)
        #expect(options.parameters?.burst == 10_000)
        let action = TCAction(order: 1, .police(options))
        let bytes = encoded(action)
        #expect(try decodeOne(bytes) == action)
        let text = try json(action)
        #expect(!text.contains("derived"))
        #expect(try JSONDecoder().decode(TCAction.self, from: Data(text.utf8)) == action)
        #expect(options.burst(clock: other) == 10_000)
        // With this machine's clock the table is shown as derived and rebuilt on decode.
        let linux = TCAction(order: 1, .police(.police(rate: 12_500_000, burst: 65_536, exceed: .drop)))
        let linuxText = try json(linux)
        #expect(linuxText.contains(#"{"rate_table":"derived"}"#))
        #expect(try JSONDecoder().decode(TCAction.self, from: Data(linuxText.utf8)) == linux)
        // "derived" without a tbf cannot be resolved.
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(PoliceOptions.self, from: Data(#"[{"rate_table":"derived"}]"#.utf8)) }
    }

    @Test func pschedClockMatchesIproute2() {
        // /proc/net/psched here: 000003e8 00000040 000f4240 -> 15.625 ticks per microsecond.
        #expect(PschedClock.linux.ticksPerMicrosecond == 15.625)
        // clock_res 1e9 means t2us is really us2t (iproute2's compatibility rule).
        #expect(PschedClock(t2us: 1000, us2t: 64, clockResolution: 1_000_000_000).ticksPerMicrosecond == 1000)
        #expect(PschedClock.linux.transmitTime(rate: 12_500_000, size: 65_536) == 81_906)
        #expect(PschedClock(ticksPerMicrosecond: 15.625, rounding: .ceiling).transmitTime(rate: 12_500_000, size: 65_536) == 81_920)
        #expect(PschedClock.linux.transmitTime(rate: 0, size: 1) == .max)
        #expect(PschedClock.defaultCellLog(mtu: 0) == 3 && PschedClock.defaultCellLog(mtu: 9000) == 6)
        // ATM: sizes round up to whole 48-byte cells of 53 bytes.
        let atm = PschedClock(ticksPerMicrosecond: 1).rateTable(rate: 1_000_000, cellLog: 3, mpu: 0, linkLayer: TC_LINKLAYER.atm)
        #expect(atm[0] == 53 && atm[5] == 53 && atm[6] == 106)
    }

    @Test func jsonErrorsNameTheField() {
        let bad = #"{"order":1,"attrs":[{"kind":"mirred"},{"options":{"mirred":[{"parms":{"mirred_action":"redirect","direction":"sideways","ifindex":2,"verdict":"stolen"}}]}}]}"#
        do {
            _ = try JSONDecoder().decode(TCAction.self, from: Data(bad.utf8))
            Issue.record("decoded a bad direction")
        } catch let DecodingError.dataCorrupted(context) {
            #expect(context.codingPath.map(\.stringValue).contains("direction"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(TCAction.self, from: Data(#"{"order":1,"attrs":[{"kind":"gact","cookie":"00"}]}"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(TCAction.self, from: Data(#"{"order":1,"attrs":[{"cookie":"0g"}]}"#.utf8)) }
    }
}

@Suite struct TCActionFlagBitTests {
    @Test func flaggedAttributesKeepTheirFlags() throws {
        // NLA_F_NET_BYTEORDER on the index and on a mirred parms attribute: kept verbatim.
        let parms = le32(0) + le32(0) + le32(4) + le32(0) + le32(0) + le32(1) + le32(2)
        let bytes = attr(1, attr(1, Array("mirred\0".utf8)) + attr(2 | 0x8000, attr(2 | 0x4000, parms)) + attr(3 | 0x4000, le32(9)))
        let action = try decodeOne(bytes)
        #expect(action.index == nil)
        #expect(encoded(action) == bytes)
        // A geneve option nest inside tunnel_key keeps its NLA_F_NESTED.
        let opts = attr(11 | 0x8000, attr(1 | 0x8000, attr(1, [0x01, 0x02])))
        let tk = attr(1, attr(1, Array("tunnel_key\0".utf8)) + attr(2 | 0x8000, opts + attr(2, le32(0) + le32(0) + le32(3) + le32(0) + le32(0) + le32(1))))
        let t = try decodeOne(tk)
        guard case .tunnelKey(let o)? = t.options, case .encapsulationOptions(let raw) = o.attributes[0] else { Issue.record("enc_opts not typed"); return }
        #expect(raw.type == 11 | 0x8000)
        #expect(encoded(t) == tk)
    }
}

@Suite struct TCActionMutationTests {
    /// SplitMix64, so that a failure reproduces.
    struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    @Test func mutatedGoldenActionsNeverCrashAndReencodeStably() throws {
        var rng = Rng(state: 0x5EED)
        var decodedCount = 0
        for c in TCActionGoldenTests.cases {
            let golden = Array(try TCActionGoldenTests.actionNest(c.command))
            for _ in 0..<400 {
                var bytes = golden
                for _ in 0...rng.below(4) {
                    let i = rng.below(bytes.count)
                    switch rng.below(3) {
                    case 0: bytes[i] = UInt8(truncatingIfNeeded: rng.next())
                    case 1: bytes[i] ^= 1 << UInt8(rng.below(8))
                    default: bytes = Array(bytes.prefix(i))
                    }
                    if bytes.isEmpty { break }
                }
                var reader = AttributeReader(bytes[...])
                var actions: [TCAction] = []
                do {
                    while let a = try reader.next() { actions.append(try TCAction(decoding: a)) }
                } catch {
                    continue  // a NetlinkDecodingError is fine; a crash is not
                }
                decodedCount += 1
                // Whatever decoded must encode to bytes that decode to the same value and
                // re-encode to themselves.
                var w = NetlinkWriter()
                for a in actions { a.encode(into: &w) }
                var again = AttributeReader(w.bytes[...])
                var back: [TCAction] = []
                while let a = try again.next() { back.append(try TCAction(decoding: a)) }
                #expect(back == actions)
                var w2 = NetlinkWriter()
                for a in back { a.encode(into: &w2) }
                #expect(w2.bytes == w.bytes)
            }
        }
        #expect(decodedCount > 500)
    }
}
