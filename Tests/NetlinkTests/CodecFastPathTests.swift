import EswitchModel
import Netlink
import Testing

/// The codec's fast paths: tc filters decode through one borrowed view of the buffer, and the
/// writer writes fixed-size attributes in one step. These tests pin what must not change with
/// them: errors name absolute offsets (also in a later message of a datagram), the public
/// slice-based entry points agree with a whole-message decode, and the writer's bytes (padding
/// included) are those of the step-by-step primitives.
@Suite struct CodecFastPathTests {
    static let mac = MACAddress("02:00:00:00:00:07")!

    /// A flower filter as a kernel dump answer carries it: keys, flags, counters, two actions.
    static func dumpAnswer() -> NetlinkMessage {
        let time = TCActionTime(install: 100, lastUse: 5, expires: 0, firstUse: 90)
        let stats = TCActionAttribute.statistics([
            .basic(TCStatsBasic(bytes: 1400, packets: 1)), .basicHardware(TCStatsBasic(bytes: 1400, packets: 1)), .queue(TCStatsQueue()),
        ])
        let tunnelKey = TCAction(order: 1, attributes: [
            .kind(.tunnelKey), stats, .inHardwareCount(1),
            .options(.tunnelKey(TunnelKeyOptions([
                .parameters(TunnelKeyParameters(common: TCActionCommon(verdict: .pipe, index: 3, refcnt: 1, bindcnt: 1), action: .set)),
                .keyID(5001), .ipv4Source(IPv4Address("172.16.0.1")!), .ipv4Destination(IPv4Address("172.16.0.9")!),
                .destinationPort(4789), .noChecksum(0), .time(time),
            ])), nestedFlag: false),
        ])
        let mirred = TCAction(order: 2, attributes: [
            .kind(.mirred), stats,
            .options(.mirred(MirredOptions([
                .parameters(MirredParameters(common: TCActionCommon(verdict: .stolen, index: 4), action: .egressRedirect, ifindex: IfIndex(6))),
                .time(time),
            ])), nestedFlag: false),
        ])
        let options = FlowerOptions([
            .dstMAC(mac), .dstMACMask(.broadcast), .ethType(.ipv4), .ipProto(.udp),
            .dstIPv4(IPv4Address("10.0.1.9")!), .flags([.skipSoftware, .inHardware]), .inHardwareCount(1),
            .actions([tunnelKey, mirred]),
        ])
        let filter = FilterMessage(
            header: TCMessageHeader(ifindex: IfIndex(3), handle: 1, parent: .ingressHook, priority: 2, protocol: .ipv4),
            attributes: [.kind("flower"), .chain(0), .flower(options)])
        return NetlinkMessage(type: RTM.newTFilter, flags: [.multi], sequence: 9, body: .filter(filter))
    }

    /// The first child of `a` whose type (flags masked) is `type`.
    static func child(_ a: NetlinkAttribute, _ type: UInt16) throws -> NetlinkAttribute {
        var reader = a.nested()
        while let c = try reader.next() { if c.type == type { return c } }
        throw NetlinkDecodingError(offset: a.headerOffset, "no child \(type)")
    }

    /// The decoding error `body` throws, nil when it decodes.
    static func decodingError(_ body: () throws(NetlinkDecodingError) -> Void) -> NetlinkDecodingError? {
        do throws(NetlinkDecodingError) {
            try body()
            return nil
        } catch {
            return error
        }
    }

    /// The TCA_OPTIONS attribute of the filter message starting at `start` in `bytes`.
    static func filterOptions(_ bytes: [UInt8], at start: Int) throws -> NetlinkAttribute {
        let length = Int(bytes[start]) | Int(bytes[start + 1]) << 8 | Int(bytes[start + 2]) << 16
        var reader = AttributeReader(bytes[(start + 16 + TCMessageHeader.length)..<(start + length)])
        while let a = try reader.next() { if a.type == TCA.options { return a } }
        throw NetlinkDecodingError(offset: start, "no TCA_OPTIONS")
    }

    @Test func dumpAnswerRoundTrips() throws {
        let message = Self.dumpAnswer()
        let bytes = message.encoded()
        #expect(try NetlinkMessage.decode(bytes, context: .route) == message)
    }

    /// A nested length error in the second message of a datagram names the byte in the datagram,
    /// not in the message: the borrowed view keeps the slice's absolute indices.
    @Test func errorsInALaterMessageNameAbsoluteOffsets() throws {
        let fdb = NetlinkMessage(
            type: RTM.newNeigh, flags: [.request, .ack, .create],
            body: .neighbour(NeighbourMessage(family: AddressFamily.bridge, ifindex: IfIndex(6), state: [.permanent], attributes: [.linkLayerAddress(Self.mac), .vni(100)])))
        var datagram = fdb.encoded()
        let secondAt = datagram.count
        datagram += Self.dumpAnswer().encoded()

        // The first option of the first action (TCA_TUNNEL_KEY_PARMS): claim more than its nest holds.
        let options = try Self.filterOptions(datagram, at: secondAt)
        let action = try Self.child(try Self.child(options, TCA_FLOWER.act), 1)
        let actOptions = try Self.child(action, TCA_ACT.options)
        let target = actOptions.payload.startIndex
        datagram[target] = 0xF0
        datagram[target + 1] = 0x00

        let error = try #require(Self.decodingError { () throws(NetlinkDecodingError) in _ = try NetlinkMessage.decodeAll(datagram, context: .route) })
        #expect(error.offset == target)
        #expect(error.reason.contains("runs past its parent"))
        // The same corruption in the message alone is reported at the same place, shifted.
        let alone = Array(datagram[secondAt...])
        let aloneError = try #require(Self.decodingError { () throws(NetlinkDecodingError) in _ = try NetlinkMessage.decode(alone, context: .route) })
        #expect(aloneError.offset == target - secondAt)
    }

    /// The public decoders that take slices or NetlinkAttributes give what the whole-message decode
    /// gives, when handed the parts of the same buffer (non-zero start indices).
    @Test func publicEntryPointsAgreeWithMessageDecode() throws {
        let message = Self.dumpAnswer()
        let bytes = message.encoded()
        guard case .filter(let filter) = message.body, let flower = filter.flower else {
            Issue.record("not a flower filter")
            return
        }
        let options = try Self.filterOptions(bytes, at: 0)
        #expect(try FlowerOptions(decoding: options.payload) == flower)
        #expect(try FilterAttribute(decoding: options, kindIsFlower: true) == .flower(flower))

        let act = try Self.child(options, TCA_FLOWER.act)
        var reader = act.nested()
        var actions: [TCAction] = []
        while let a = try reader.next() { actions.append(try TCAction(decoding: a)) }
        #expect(actions == flower.actions)

        var flowerReader = options.nested()
        var attributes: [FlowerAttribute] = []
        while let a = try flowerReader.next() { attributes.append(try FlowerAttribute(decoding: a)) }
        #expect(attributes == flower.attributes)

        let first = try Self.child(act, 1)
        let actOptions = try Self.child(first, TCA_ACT.options)
        #expect(try TCActionOptions(decoding: actOptions.payload, kind: .tunnelKey) == flower.actions[0].options)
        #expect(try TCActionAttribute(decoding: actOptions, kind: .tunnelKey) == .options(flower.actions[0].options!, nestedFlag: false))
        let stats = try Self.child(first, TCA_ACT.stats)
        var statsReader = stats.nested()
        var counters: [TCStatsAttribute] = []
        while let s = try statsReader.next() { counters.append(TCStatsAttribute(decoding: s)) }
        #expect(counters == flower.actions[0].statistics)
    }

    /// Every cut of a dump answer throws a decoding error at an offset inside the cut (never a trap,
    /// never a read past it), or decodes to a message that round-trips.
    @Test func everyTruncationOfADumpAnswerIsAnErrorInsideIt() throws {
        let bytes = Self.dumpAnswer().encoded()
        for cut in 16..<bytes.count {
            var short = Array(bytes[0..<cut])
            short[0] = UInt8(cut & 0xFF)
            short[1] = UInt8(cut >> 8)
            do throws(NetlinkDecodingError) {
                // A cut right after an attribute decodes (the last attribute's padding may be
                // missing); its encoding, padded again, decodes to the same message.
                let m = try NetlinkMessage.decode(short, context: .route)
                #expect(try NetlinkMessage.decode(m.encoded(), context: .route) == m, "cut \(cut)")
            } catch {
                #expect(error.offset >= 0 && error.offset <= cut, "cut \(cut): offset \(error.offset)")
            }
        }
    }

    /// An action kind that is a known name without its NUL, or an unknown name, decodes as before:
    /// kept raw, or `.other`.
    @Test func actionKindsOutsideTheFastPath() throws {
        func action(kind: [UInt8]) throws -> TCAction {
            var w = NetlinkWriter()
            let s = w.beginNested(1)
            w.attribute(TCA_ACT.kind, bytes: kind)
            w.endNested(s)
            var r = AttributeReader(w.bytes[...])
            return try TCAction(decoding: try #require(try r.next()))
        }
        #expect(try action(kind: Array("mirred".utf8)).attributes == [.unknown(RawAttribute(type: TCA_ACT.kind, payload: Array("mirred".utf8)))])
        #expect(try action(kind: Array("mirred\0\0".utf8)).kind == nil)
        #expect(try action(kind: Array("ct\0".utf8)).kind == .other("ct"))
        #expect(try action(kind: Array("tunnel_key\0".utf8)).kind == .tunnelKey)
        #expect(try action(kind: Array("tunnel_kez\0".utf8)).kind == .other("tunnel_kez"))
    }
}

extension CodecFastPathTests {
    /// What the step-by-step primitives write for an attribute.
    static func stepwise(_ type: UInt16, _ body: (inout NetlinkWriter) -> Void) -> [UInt8] {
        var w = NetlinkWriter()
        let s = w.beginAttribute(type)
        body(&w)
        w.endAttribute(s)
        return w.bytes
    }

    static func written(_ body: (inout NetlinkWriter) -> Void) -> [UInt8] {
        var w = NetlinkWriter()
        body(&w)
        return w.bytes
    }

    @Test func fixedSizeAttributesMatchTheStepwisePrimitives() {
        let ip6 = IPv6Address("2001:db8::1")!
        #expect(Self.written { $0.attribute(7, u8: 0xAB) } == Self.stepwise(7) { $0.append(UInt8(0xAB)) })
        #expect(Self.written { $0.attribute(7, u16: 0xABCD) } == Self.stepwise(7) { $0.append(UInt16(0xABCD)) })
        #expect(Self.written { $0.attribute(7, u32: 0xABCD_EF01) } == Self.stepwise(7) { $0.append(UInt32(0xABCD_EF01)) })
        #expect(Self.written { $0.attribute(7, u64: 0x0102_0304_0506_0708) } == Self.stepwise(7) { $0.append(UInt64(0x0102_0304_0506_0708)) })
        #expect(Self.written { $0.attribute(7, bigEndian16: 4789) } == Self.stepwise(7) { $0.appendBigEndian(UInt16(4789)) })
        #expect(Self.written { $0.attribute(7, bigEndian32: 5001) } == Self.stepwise(7) { $0.appendBigEndian(UInt32(5001)) })
        #expect(Self.written { $0.attribute(7, mac: Self.mac) } == Self.stepwise(7) { $0.append(Self.mac) })
        #expect(Self.written { $0.attribute(7, ipv4: IPv4Address("10.0.0.1")!) } == Self.stepwise(7) { $0.append(IPv4Address("10.0.0.1")!) })
        #expect(Self.written { $0.attribute(7, ipv6: ip6) } == Self.stepwise(7) { $0.append(ip6) })
        #expect(Self.written { $0.attribute(7, ip: .v6(ip6)) } == Self.stepwise(7) { $0.append(ip6) })
        #expect(Self.written { $0.attribute(7) } == Self.stepwise(7) { _ in })
        for n in 0...9 {
            let payload = (0..<n).map { UInt8($0 + 1) }
            #expect(Self.written { $0.attribute(7, bytes: payload) } == Self.stepwise(7) { $0.append(contentsOf: payload) }, "\(n) bytes")
        }
        #expect(Self.written { $0.attribute(7, u8: 1) } == [5, 0, 7, 0, 1, 0, 0, 0])
    }

    /// A reused writer holds old bytes past its length; padding must still be zero.
    @Test func paddingIsZeroInAReusedWriter() {
        let message = Self.dumpAnswer()
        var w = NetlinkWriter(capacity: 4096)
        w.append(contentsOf: [UInt8](repeating: 0xFF, count: 4000))
        w.reset()
        message.encode(into: &w)
        #expect(w.bytes == message.encoded())

        // After an odd-sized raw body the next attribute starts aligned, with zero padding.
        w.reset()
        w.append(contentsOf: [UInt8](repeating: 0xFF, count: 4000))
        w.reset()
        w.append(contentsOf: [0xAA, 0xBB, 0xCC])
        w.attribute(9, u8: 1)
        w.attribute(10, mac: Self.mac)
        #expect(w.bytes == [0xAA, 0xBB, 0xCC, 0, 5, 0, 9, 0, 1, 0, 0, 0, 10, 0, 10, 0, 2, 0, 0, 0, 0, 7, 0, 0])
    }
}
