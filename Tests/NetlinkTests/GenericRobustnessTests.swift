import EswitchModel
import Foundation
import Netlink
import Testing

/// Unknown and odd attributes survive decode -> encode; malformed input throws, never traps.
@Suite struct GenericRobustnessTests {
    let corpus = GoldenCorpus.shared
    static let devlinkContext = NetlinkDecodingContext(.generic, families: [0x20: .devlink])
    static let vdpaContext = NetlinkDecodingContext(.generic, families: [0x20: .vdpa])

    /// `bytes` with `attribute` (header + payload, padded) inserted at `offset`, nlmsg_len fixed.
    func inserting(_ attribute: [UInt8], at offset: Int, into bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        out.insert(contentsOf: attribute, at: offset)
        let length = UInt32(out.count)
        for i in 0..<4 { out[i] = UInt8(truncatingIfNeeded: length >> (8 * UInt32(i))) }
        return out
    }

    func genericBody(_ message: NetlinkMessage) -> GenericMessage? {
        if case .generic(let g) = message.body { return g }
        return nil
    }

    @Test func unknownDevlinkAttributeInTheMiddleSurvives() throws {
        let golden = corpus.bytes("devlink dev eswitch set pci/0000:03:00.0 mode switchdev")
        // After genlmsghdr (20) and the bus name attribute (8): type 999, payload 01 02 03 04.
        let mutated = inserting([8, 0, 0xe7, 0x03, 1, 2, 3, 4], at: 28, into: golden)
        let decoded = try NetlinkMessage.decode(mutated, context: Self.devlinkContext)
        #expect(genericBody(decoded)?.devlink?.attributes == [
            .busName("pci"), .unknown(RawAttribute(type: 999, payload: [1, 2, 3, 4])), .deviceName("0000:03:00.0"), .eswitchMode(.switchdev),
        ])
        #expect(decoded.encoded() == mutated)
        let json = try JSONEncoder().encode(genericBody(decoded))
        #expect(try JSONDecoder().decode(GenericMessage.self, from: json) == genericBody(decoded))
    }

    @Test func unknownVDPAAttributeInTheMiddleSurvives() throws {
        let golden = corpus.bytes("vdpa dev add name vdpa0 mgmtdev pci/0000:03:00.2 mac 00:11:22:33:44:55")
        // After the management device name (20 + 8 + 20): VDPA_ATTR_DEV_FEATURES from a newer
        // iproute2 would be typed; type 60 is not.
        let mutated = inserting([5, 0, 60, 0, 0xaa, 0, 0, 0], at: 48, into: golden)
        let decoded = try NetlinkMessage.decode(mutated, context: Self.vdpaContext)
        #expect(genericBody(decoded)?.vdpa?.attributes[2] == .unknown(RawAttribute(type: 60, payload: [0xaa])))
        #expect(genericBody(decoded)?.vdpa?.name == "vdpa0")
        #expect(decoded.encoded() == mutated)
    }

    @Test func unknownControlAttributeSurvives() throws {
        let reply = ControlFamilyTests.kernelNewFamilyNlctrl
        // CTRL_ATTR_POLICY (8) is not typed: an empty nest after the name.
        let mutated = inserting([4, 0, 8, 0], at: 32, into: reply)
        let decoded = try NetlinkMessage.decode(mutated, context: NetlinkDecodingContext(.generic))
        #expect(genericBody(decoded)?.control?.attributes[1] == .unknown(RawAttribute(type: CTRL_ATTR.policy, payload: [])))
        #expect(genericBody(decoded)?.control?.familyID == 0x10)
        #expect(decoded.encoded() == mutated)
    }

    /// Known types whose payload does not have the expected shape are kept raw, so the bytes survive.
    @Test func oddShapesStayRaw() throws {
        let odd: [RawAttribute] = [
            RawAttribute(type: DEVLINK_ATTR.eswitchMode, payload: [1, 0, 0, 0]),           // u32 instead of u16
            RawAttribute(type: DEVLINK_ATTR.busName, payload: Array("pci".utf8)),           // no NUL
            RawAttribute(type: DEVLINK_ATTR.devName, payload: Array("a\0b\0".utf8)),        // NUL inside
            RawAttribute(type: DEVLINK_ATTR.busName | NLA.fNetByteOrder, payload: Array("pci\0".utf8)),  // flag bit
            RawAttribute(type: DEVLINK_ATTR.portExternal, payload: [2]),                   // not a boolean
            RawAttribute(type: DEVLINK_ATTR.portFunction, payload: [8, 0, 1, 0]),          // child runs past the nest
            RawAttribute(type: DEVLINK_ATTR.portNetdevName, payload: [0xff, 0xfe, 0]),      // not UTF-8
        ]
        var w = NetlinkWriter()
        GenericMessage(.raw(command: DEVLINK_CMD.portGet, attributes: odd)).encode(into: &w)
        let decoded = try GenericMessage(decoding: w.bytes[...], family: .devlink)
        #expect(decoded.devlink?.attributes == odd.map { .unknown($0) })
        var again = NetlinkWriter()
        decoded.encode(into: &again)
        #expect(again.bytes == w.bytes)
    }

    @Test func malformedControlNestsStayRaw() throws {
        let odd: [RawAttribute] = [
            RawAttribute(type: CTRL_ATTR.ops, payload: [8, 0, 1, 0, 3, 0, 0, 0, 2, 0]),      // not a multiple of 4
            RawAttribute(type: CTRL_ATTR.mcastGroups, payload: [12, 0, 1, 0, 4, 0, 2, 0]), // entry runs past the nest
            RawAttribute(type: CTRL_ATTR.familyId, payload: [0x20, 0, 0, 0]),               // u32 instead of u16
        ]
        var w = NetlinkWriter()
        GenericMessage(.raw(command: CTRL_CMD.newFamily, attributes: odd)).encode(into: &w)
        let decoded = try GenericMessage(decoding: w.bytes[...], family: .control)
        #expect(decoded.control?.attributes == odd.map { .unknown($0) })
        var again = NetlinkWriter()
        decoded.encode(into: &again)
        #expect(again.bytes == w.bytes)
    }

    @Test func truncatedHeaderThrows() {
        #expect(throws: NetlinkDecodingError.self) { try GenericMessage(decoding: [0x1e, 0, 0][...], family: .devlink) }
    }

    @Test func attributePastParentThrows() {
        var golden = corpus.bytes("devlink dev eswitch show pci/0000:03:00.0")
        golden[28] = 0x40  // device name attribute claims 64 bytes; 20 remain
        do {
            _ = try NetlinkMessage.decode(golden, context: Self.devlinkContext)
            Issue.record("decoded an attribute longer than its parent")
        } catch {
            #expect(error.offset == 28)
            #expect(error.reason.contains("runs past"))
        }
    }

    @Test func truncatedAttributeHeaderThrows() {
        let bytes: [UInt8] = [0x05, 0, 0, 0, 8, 0]  // genlmsghdr then 2 bytes of an attribute header
        #expect(throws: NetlinkDecodingError.self) { try GenericMessage(decoding: bytes[...], family: .vdpa) }
        #expect(throws: NetlinkDecodingError.self) { try GenericMessage(decoding: bytes[...], family: nil) }
        let short: [UInt8] = [0x05, 0, 0, 0, 2, 0, 1, 0]  // attribute length 2 < header
        #expect(throws: NetlinkDecodingError.self) { try GenericMessage(decoding: short[...], family: .control) }
    }

    /// Random corruption of every golden generic-netlink request and of the kernel's ctrl reply,
    /// under every family: decoding either throws NetlinkDecodingError or gives a value whose
    /// encoding decodes back to itself.
    @Test func mutatedMessagesNeverTrap() throws {
        var seeds: [[UInt8]] = corpus.vectors.filter { $0.command.hasPrefix("devlink ") || $0.command.hasPrefix("vdpa ") }.map(\.bytes)
        seeds.append(ControlFamilyTests.kernelNewFamilyNlctrl)
        seeds.append(ControlFamilyTests.devlinkReply.encoded())
        seeds.append(DevlinkPortTests.vfPortReply.encoded())
        seeds.append(VDPAReplyTests.managementDeviceReply.encoded())
        #expect(seeds.count >= 14)
        var rng = SplitMix(seed: 0x5eed)
        let families: [GenericFamily?] = [.control, .devlink, .vdpa, nil]
        var decodedCount = 0
        for round in 0..<4000 {
            var bytes = seeds[round % seeds.count]
            let body = Array(bytes.dropFirst(16))
            var mutated = body
            switch rng.next() % 4 {
            case 0: if !mutated.isEmpty { mutated[Int(rng.next() % UInt64(mutated.count))] = UInt8(truncatingIfNeeded: rng.next()) }
            case 1: mutated = Array(mutated.prefix(Int(rng.next() % UInt64(mutated.count + 1))))
            case 2: for _ in 0..<4 where !mutated.isEmpty { mutated[Int(rng.next() % UInt64(mutated.count))] ^= UInt8(truncatingIfNeeded: rng.next() | 1) }
            default: if mutated.count > 6 { mutated[4 + Int(rng.next() % 2)] = UInt8(truncatingIfNeeded: rng.next()) }  // first attribute's length
            }
            bytes = mutated
            let family = families[Int(rng.next() % UInt64(families.count))]
            do {
                let message = try GenericMessage(decoding: bytes[...], family: family)
                var w = NetlinkWriter()
                message.encode(into: &w)
                #expect(try GenericMessage(decoding: w.bytes[...], family: family) == message)
                decodedCount += 1
            } catch {
                #expect(error.offset >= 0 && error.offset <= bytes.count)
            }
        }
        #expect(decodedCount > 100)
    }

    @Test func jsonErrorsNameTheField() {
        let badMode = #"{"family":"devlink","cmd":"eswitch_set","attrs":[{"bus_name":"pci"},{"mode":"bridge"}]}"#
        do {
            _ = try JSONDecoder().decode(GenericMessage.self, from: Data(badMode.utf8))
            Issue.record("accepted an unknown eswitch mode")
        } catch let DecodingError.dataCorrupted(context) {
            #expect(context.codingPath.map(\.stringValue).contains("mode"))
            #expect(context.debugDescription.contains("switchdev"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
        let badKey = #"{"family":"vdpa","cmd":"dev_new","attrs":[{"name":"x"},{"colour":"red"}]}"#
        do {
            _ = try JSONDecoder().decode(GenericMessage.self, from: Data(badKey.utf8))
            Issue.record("accepted an unknown vdpa attribute")
        } catch let DecodingError.dataCorrupted(context) {
            #expect(context.codingPath.map(\.stringValue).contains("colour"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
        let badCommand = #"{"family":"nlctrl","cmd":"resolve","attrs":[]}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(GenericMessage.self, from: Data(badCommand.utf8)) }
        let badFamily = #"{"family":"ethtool","cmd":1,"attrs":[]}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(GenericMessage.self, from: Data(badFamily.utf8)) }
    }

    @Test func rawFamilyJSONRoundTrip() throws {
        let message = GenericMessage(version: 3, reserved: 9, .raw(command: 12, attributes: [RawAttribute(type: 0x8001, payload: [1, 2])]))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = try encoder.encode(message)
        #expect(String(decoding: json, as: UTF8.self) == #"{"attrs":[{"hex":"0102","type":32769}],"cmd":12,"reserved":9,"version":3}"#)
        #expect(try JSONDecoder().decode(GenericMessage.self, from: json) == message)
    }
}

/// A small deterministic generator, so that a failing case can be replayed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
