import Netlink
import PropertyBased
import Testing

/// Random and mutated messages through the decoder: it must never crash, and whatever it accepts
/// must encode to bytes that decode to the same value (the encoder's output always decodes back).
@Suite struct NetlinkFuzzTests {
    static let contexts: [NetlinkDecodingContext] = [
        .route,
        NetlinkDecodingContext(.generic, families: [0x20: .devlink]),
        NetlinkDecodingContext(.generic, families: [0x20: .vdpa]),
    ]

    /// Decodes; if accepted, checks encode -> decode gives the same messages.
    static func checkStable(_ bytes: [UInt8]) {
        for context in contexts {
            guard let messages = try? NetlinkMessage.decodeAll(bytes, context: context) else { continue }
            var writer = NetlinkWriter()
            for message in messages { message.encode(into: &writer) }
            let again = try? NetlinkMessage.decodeAll(writer.bytes, context: context)
            #expect(again == messages, "re-decode differs for \(bytes.hexString)")
        }
    }

    static var goldens: [[UInt8]] { GoldenCorpus.shared.vectors.map(\.bytes) }

    @Test func goldenRequestsReencodeIdentically() throws {
        for vector in GoldenCorpus.shared.vectors {
            let context = vector.command.hasPrefix("devlink") ? Self.contexts[1] : vector.command.hasPrefix("vdpa") ? Self.contexts[2] : .route
            let message = try NetlinkMessage.decode(vector.bytes, context: context)
            #expect(message.encoded() == vector.bytes, "'\(vector.command)' does not re-encode identically")
        }
    }

    @Test func randomBytesNeverCrash() async {
        await propertyCheck(count: 3000, input: Gen.uint8().array(of: 0...300)) { bytes in
            Self.checkStable(bytes)
        }
    }

    @Test func randomBytesBehindAValidHeaderNeverCrash() async {
        // A plausible header makes the decoder go deep into each body kind.
        let types: [UInt16] = [2, 3, 16, 18, 19, 28, 29, 36, 37, 44, 45, 46, 0x10, 0x20]
        await propertyCheck(count: 3000, input: Gen.int(in: 0...(types.count - 1)), Gen.uint8().array(of: 0...400)) { typeIndex, body in
            var writer = NetlinkWriter()
            let start = writer.beginMessage(type: types[typeIndex], flags: [.request, .ack])
            writer.append(contentsOf: body)
            writer.endMessage(start)
            Self.checkStable(writer.bytes)
        }
    }

    @Test func mutatedGoldenMessagesNeverCrash() async {
        let goldens = Self.goldens
        await propertyCheck(count: 4000, input: Gen.int(in: 0...(goldens.count - 1)), Gen.int(in: 0...4095).array(of: 1...6), Gen.uint8().array(of: 6)) { which, positions, values in
            var bytes = goldens[which]
            for (i, position) in positions.enumerated() {
                bytes[position % bytes.count] = values[i % values.count]
            }
            Self.checkStable(bytes)
        }
    }

    @Test func truncatedGoldenMessagesNeverCrash() async {
        let goldens = Self.goldens
        await propertyCheck(count: 2000, input: Gen.int(in: 0...(goldens.count - 1)), Gen.int(in: 0...2000)) { which, cut in
            var bytes = goldens[which]
            bytes.removeLast(cut % bytes.count)
            // Fix the header length so that the truncation lands inside the attributes.
            if bytes.count >= 4 {
                let n = UInt32(bytes.count)
                bytes[0] = UInt8(truncatingIfNeeded: n); bytes[1] = UInt8(truncatingIfNeeded: n >> 8)
                bytes[2] = UInt8(truncatingIfNeeded: n >> 16); bytes[3] = UInt8(truncatingIfNeeded: n >> 24)
            }
            Self.checkStable(bytes)
        }
    }
}
