import EswitchModel
import Netlink
import Testing

/// Flower attributes: every key kind round-trips typed -> bytes -> typed with the right byte order,
/// unknown or odd attributes survive verbatim, malformed input throws.
@Suite struct TCFilterFlowerTests {
    static let mac1 = MACAddress("02:00:00:00:00:01")!
    static let ip6 = IPv6Address("2001:db8::1")!
    static let ones6 = IPv6Address(high: .max, low: .max)
    static let v4a = IPv4Address("10.0.0.1")!
    static let ones4 = IPv4Address(rawValue: .max)

    /// One value of every typed case.
    static let everyKind: [FlowerAttribute] = [
        .classID(TCHandle(major: 1, minor: 2)), .inputDevice("eth0"),
        .actions([TCAction(order: 1, .gact(.drop))]),
        .dstMAC(mac1), .dstMACMask(.broadcast), .srcMAC(mac1), .srcMACMask(.broadcast), .ethType(.ipv4),
        .ipProto(.tcp), .srcIPv4(v4a), .srcIPv4Mask(ones4), .dstIPv4(v4a), .dstIPv4Mask(ones4),
        .srcIPv6(ip6), .srcIPv6Mask(ones6), .dstIPv6(ip6), .dstIPv6Mask(ones6),
        .tcpSrcPort(1), .tcpSrcPortMask(0xffff), .tcpDstPort(2), .tcpDstPortMask(0xff00),
        .udpSrcPort(3), .udpSrcPortMask(0xffff), .udpDstPort(4), .udpDstPortMask(0xfff0),
        .sctpSrcPort(5), .sctpSrcPortMask(0xffff), .sctpDstPort(6), .sctpDstPortMask(0xffff),
        .flags([.skipSoftware, .inHardware]), .vlanID(10), .vlanPriority(3), .vlanEthType(.ipv6),
        .cvlanID(20), .cvlanPriority(5), .cvlanEthType(.ipv4), .encKeyID(100),
        .encSrcIPv4(v4a), .encSrcIPv4Mask(ones4), .encDstIPv4(v4a), .encDstIPv4Mask(ones4),
        .encSrcIPv6(ip6), .encSrcIPv6Mask(ones6), .encDstIPv6(ip6), .encDstIPv6Mask(ones6),
        .encSrcPort(1234), .encSrcPortMask(0xffff), .encDstPort(4789), .encDstPortMask(0xffff),
        .icmpv4Type(8), .icmpv4TypeMask(0xff), .icmpv4Code(0), .icmpv4CodeMask(0xff),
        .icmpv6Type(128), .icmpv6TypeMask(0xff), .icmpv6Code(1), .icmpv6CodeMask(0xff),
        .arpOp(2), .arpOpMask(0xff), .arpSIP(v4a), .arpSIPMask(ones4), .arpTIP(v4a), .arpTIPMask(ones4),
        .arpSHA(mac1), .arpSHAMask(.broadcast), .arpTHA(mac1), .arpTHAMask(.broadcast),
        .ipTOS(0x10), .ipTOSMask(0xfc), .ipTTL(64), .ipTTLMask(0xff),
        .encTOS(0x20), .encTOSMask(0xff), .encTTL(32), .encTTLMask(0xff), .inHardwareCount(1),
        .unknown(RawAttribute(type: TCA_FLOWER.keyCTZone, payload: [7, 0])),
    ]

    static func filter(_ attributes: [FlowerAttribute]) -> FilterMessage {
        FilterMessage(
            header: TCMessageHeader(ifindex: IfIndex(3), handle: 5, parent: .ingressHook, priority: 4, protocol: .ipv4),
            attributes: [.chain(2), .kind("flower"), .flower(FlowerOptions(attributes))])
    }

    static func bytes(_ f: FilterMessage) -> [UInt8] {
        var w = NetlinkWriter()
        f.encode(into: &w)
        return w.bytes
    }

    /// The payload of the only flower attribute in `a`, as encoded.
    static func payload(_ a: FlowerAttribute) -> [UInt8] {
        var w = NetlinkWriter()
        a.encode(into: &w)
        let b = w.bytes
        return Array(b[4..<Int(UInt16(b[0]) | UInt16(b[1]) << 8)])
    }

    @Test func everyKeyKindRoundTrips() throws {
        let f = Self.filter(Self.everyKind)
        let bytes = Self.bytes(f)
        let back = try FilterMessage(decoding: bytes[...])
        #expect(back == f)
        #expect(Self.bytes(back) == bytes)
        let decoded = try #require(back.flower).attributes
        #expect(decoded.count == Self.everyKind.count)
        // Only the one deliberately unknown attribute decodes as unknown.
        #expect(decoded.filter { if case .unknown = $0 { true } else { false } }.count == 1)
        for (a, b) in zip(decoded, Self.everyKind) { #expect(a == b) }
    }

    @Test(arguments: everyKind) func eachKindAloneRoundTrips(_ attribute: FlowerAttribute) throws {
        let f = Self.filter([attribute])
        let back = try FilterMessage(decoding: Self.bytes(f)[...])
        #expect(back.flower?.attributes == [attribute])
    }

    @Test func byteOrders() {
        #expect(Self.payload(.vlanID(0x0102)) == [0x02, 0x01], "VLAN id is host order")
        #expect(Self.payload(.cvlanID(0x0102)) == [0x02, 0x01])
        #expect(Self.payload(.tcpDstPort(0x0102)) == [0x01, 0x02], "ports are network order")
        #expect(Self.payload(.encDstPort(4789)) == [0x12, 0xb5])
        #expect(Self.payload(.encKeyID(0x0102_0304)) == [1, 2, 3, 4])
        #expect(Self.payload(.ethType(.ipv4)) == [0x08, 0x00])
        #expect(Self.payload(.vlanEthType(.vlan8021Q)) == [0x81, 0x00])
        #expect(Self.payload(.flags(.skipSoftware)) == [2, 0, 0, 0], "flags are host order")
        #expect(Self.payload(.inHardwareCount(0x0102)) == [2, 1, 0, 0])
        #expect(Self.payload(.classID(TCHandle(major: 1, minor: 2))) == [2, 0, 1, 0])
        #expect(Self.payload(.srcIPv4(IPv4Address(192, 168, 1, 2))) == [192, 168, 1, 2])
        #expect(Self.payload(.dstIPv6(Self.ip6)) == Self.ip6.bytes)
        #expect(Self.payload(.dstMAC(Self.mac1)) == [2, 0, 0, 0, 0, 1])
        #expect(Self.payload(.inputDevice("ab")) == [0x61, 0x62, 0])
        #expect(Self.payload(.arpOp(1)) == [1])
    }

    @Test func optionsAreNotFlaggedNested() {
        let bytes = Self.bytes(Self.filter([.actions([TCAction(order: 1, attributes: [])]), .flags([])]))
        // tcmsg(20) chain(8) kind(12) -> TCA_OPTIONS header at 40, TCA_FLOWER_ACT at 44.
        #expect(bytes[42] == 2 && bytes[43] == 0, "TCA_OPTIONS without NLA_F_NESTED")
        #expect(bytes[46] == 3 && bytes[47] == 0, "TCA_FLOWER_ACT without NLA_F_NESTED")
    }

    @Test func oddShapesStayRawAndReencode() throws {
        let odd: [RawAttribute] = [
            RawAttribute(type: TCA_FLOWER.keyEthDst, payload: [1, 2, 3, 4, 5]),  // short MAC
            RawAttribute(type: TCA_FLOWER.keyVLANID, payload: [1, 0, 0, 0]),  // u32 instead of u16
            RawAttribute(type: TCA_FLOWER.keyIPv4Src | NLA.fNetByteOrder, payload: [10, 0, 0, 1]),  // flag bit
            RawAttribute(type: TCA_FLOWER.indev, payload: Array("eth0".utf8)),  // no NUL
            RawAttribute(type: TCA_FLOWER.act | NLA.fNested, payload: []),  // flagged act list
            RawAttribute(type: 200, payload: [0xde, 0xad, 0xbe]),  // beyond TCA_FLOWER_MAX
        ]
        let f = Self.filter(odd.map(FlowerAttribute.unknown))
        let bytes = Self.bytes(f)
        let back = try FilterMessage(decoding: bytes[...])
        #expect(back == f)
        #expect(Self.bytes(back) == bytes)
        // A flagged TCA_OPTIONS is not read as flower options but kept whole.
        var w = NetlinkWriter()
        TCMessageHeader(ifindex: IfIndex(3), parent: .ingressHook, priority: 1, protocol: .ipv4).encode(into: &w)
        w.attribute(TCA.kind, string: "flower")
        let s = w.beginNested(TCA.options, flagged: true)
        w.attribute(TCA_FLOWER.flags, u32: 0)
        w.endNested(s)
        let flagged = try FilterMessage(decoding: w.bytes[...])
        #expect(flagged.flower == nil)
        #expect(Self.bytes(flagged) == w.bytes)
    }

    @Test func optionsOfOtherClassifiersStayRaw() throws {
        var w = NetlinkWriter()
        TCMessageHeader(ifindex: IfIndex(3), parent: .ingressHook, priority: 1, protocol: .all).encode(into: &w)
        w.attribute(TCA.kind, string: "matchall")
        let s = w.beginNested(TCA.options)
        w.attribute(1, u32: 0x10001)
        w.endNested(s)
        let f = try FilterMessage(decoding: w.bytes[...])
        #expect(f.kind == "matchall")
        #expect(f.flower == nil)
        guard case .unknown(let raw) = f.attributes[1] else { Issue.record("options should be raw"); return }
        #expect(raw.type == TCA.options)
        #expect(Self.bytes(f) == w.bytes)
    }

    @Test func unknownAttributeInTheMiddleSurvivesTyped() throws {
        let golden = GoldenCorpus.shared.bytes("tc filter add dev X ingress protocol ip prio 1 flower skip_sw dst_mac 02:00:00:00:00:01 ip_proto udp dst_ip 10.0.0.2 action mirred egress redirect dev Y")
        let message = try NetlinkMessage.decode(golden, context: .route)
        guard case .filter(var f) = message.body, var options = f.flower else { Issue.record("no flower"); return }
        options.attributes.insert(.unknown(RawAttribute(type: TCA_FLOWER.keyCTState, payload: [1, 0])), at: 3)
        f.attributes = [.kind("flower"), .unknown(RawAttribute(type: TCA.dumpFlags, payload: [1, 0, 0, 0])), .flower(options)]
        let mutated = NetlinkMessage(type: message.type, flags: message.flags, body: .filter(f)).encoded()
        let back = try NetlinkMessage.decode(mutated, context: .route)
        #expect(back.encoded() == mutated)
        guard case .filter(let g) = back.body else { Issue.record("not a filter"); return }
        #expect(g == f)
        #expect(g.flower?.dstIP == IPAddress("10.0.0.2"))
        #expect(g.flags == [.skipSoftware])
    }

    /// Splices raw bytes of an unknown attribute into the golden request's options, fixing the
    /// lengths by hand, and checks the decoder keeps it in place.
    @Test func unknownAttributeSplicedIntoGoldenBytes() throws {
        var bytes = GoldenCorpus.shared.bytes("tc filter add dev X ingress protocol ip prio 6 flower ip_proto tcp dst_port 22 action drop")
        // Find TCA_OPTIONS among the top-level attributes after nlmsghdr + tcmsg.
        var offset = 36
        while offset < bytes.count, bytes[offset + 2] != 2 { offset += (Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 + 3) & ~3 }
        let optionsAt = offset
        let firstChildLength = (Int(bytes[optionsAt + 4]) + 3) & ~3
        let inserted: [UInt8] = [6, 0, 93, 0, 0x2a, 0, 0, 0]  // TCA_FLOWER_KEY_CT_ZONE = 42, padded
        bytes.insert(contentsOf: inserted, at: optionsAt + 4 + firstChildLength)
        let optionsLength = Int(bytes[optionsAt]) | Int(bytes[optionsAt + 1]) << 8
        bytes[optionsAt] = UInt8((optionsLength + 8) & 0xff)
        bytes[optionsAt + 1] = UInt8((optionsLength + 8) >> 8)
        bytes[0] = bytes[0] + 8
        let message = try NetlinkMessage.decode(bytes, context: .route)
        #expect(message.encoded() == bytes)
        guard case .filter(let f) = message.body else { Issue.record("not a filter"); return }
        #expect(f.flower?.attributes[0] == .ipProto(.tcp))
        #expect(f.flower?.attributes[1] == .unknown(RawAttribute(type: 93, payload: [0x2a, 0])))
        #expect(f.flower?.dstPort == 22)
    }

    @Test func truncatedAndOverrunInputThrows() throws {
        let golden = GoldenCorpus.shared.bytes("tc filter add dev X ingress protocol ip prio 1 flower skip_sw dst_mac 02:00:00:00:00:01 ip_proto udp dst_ip 10.0.0.2 action mirred egress redirect dev Y")
        let body = Array(golden[16...])
        #expect(throws: NetlinkDecodingError.self) { try FilterMessage(decoding: body[0..<12]) }
        // Cutting anywhere inside TCA_OPTIONS (from byte 32 of the body to the end) must throw.
        let optionsAt = 20 + 12
        for cut in (optionsAt + 1)..<body.count {
            #expect(throws: NetlinkDecodingError.self, "cut at \(cut)") { try FilterMessage(decoding: body[0..<cut]) }
        }
        // A child of TCA_OPTIONS claiming more bytes than its parent holds: error names its offset.
        var bad = body
        bad[optionsAt + 4] = 0xf0
        do {
            _ = try FilterMessage(decoding: bad[...])
            Issue.record("expected an error")
        } catch {
            #expect(error.offset == optionsAt + 4)
        }
        // A child shorter than an attribute header.
        bad = body
        bad[optionsAt + 4] = 2
        #expect(throws: NetlinkDecodingError.self) { try FilterMessage(decoding: bad[...]) }
        // The whole message: nlmsg_len past the input.
        var long = golden
        long[0] = long[0] &+ 4
        #expect(throws: NetlinkDecodingError.self) { try NetlinkMessage.decode(long, context: .route) }
    }

    /// Random byte mutations of every tc vector never crash; what decodes re-decodes to itself.
    @Test func mutatedVectorsNeverCrash() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        let vectors = GoldenCorpus.shared.vectors.filter { $0.command.hasPrefix("tc ") }
        var decodedCount = 0
        for v in vectors {
            for _ in 0..<300 {
                var b = v.bytes
                for _ in 0..<(1 + Int(next() % 3)) {
                    let i = 16 + Int(next() % UInt64(b.count - 16))
                    b[i] = UInt8(truncatingIfNeeded: next())
                }
                guard let m = try? NetlinkMessage.decode(b, context: .route) else { continue }
                decodedCount += 1
                let again = try NetlinkMessage.decode(m.encoded(), context: .route)
                #expect(again == m)
            }
        }
        #expect(decodedCount > 0)
    }
}

extension TCFilterFlowerTests {
    /// A dump answer shaped like the kernel's (kind, chain, options with keys, flags reporting
    /// in_hw, in_hw_count, actions): the accessors read the placement.
    @Test func dumpAnswerAccessors() throws {
        let answer = FilterMessage(
            header: TCMessageHeader(ifindex: IfIndex(3), handle: 1, parent: .ingressHook, priority: 1, protocol: .ipv4),
            attributes: [
                .kind("flower"), .chain(0),
                .flower(FlowerOptions([
                    .ethType(.ipv4), .dstMAC(Self.mac1), .dstMACMask(.broadcast), .ipProto(.udp),
                    .flags([.skipSoftware, .inHardware]), .inHardwareCount(1),
                    .actions([TCAction(order: 1, attributes: [])]),
                ])),
            ])
        let back = try FilterMessage(decoding: Self.bytes(answer)[...])
        #expect(back == answer)
        #expect(back.flags?.contains(.inHardware) == true)
        #expect(back.flags?.contains(.notInHardware) == false)
        #expect(back.inHardwareCount == 1)
        #expect(back.chain == 0)
        #expect(back.handle == 1)
        #expect(back.actions.count == 1)
        #expect(back.flower?.match.dstMAC == .exact(Self.mac1))
    }
}
