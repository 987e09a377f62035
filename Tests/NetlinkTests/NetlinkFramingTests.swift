import EswitchModel
import Netlink
import Testing

/// The message and attribute framing shared by every family.
@Suite struct NetlinkFramingTests {
    @Test func headerLengthCountsPaddingAndAttributesAreAligned() {
        var writer = NetlinkWriter()
        let start = writer.beginMessage(type: RTM.newNeigh, flags: [.request], sequence: 7, portID: 9)
        writer.attribute(1, string: "abc")  // 4 + 4 bytes, no padding
        writer.attribute(2, u8: 5)          // 5 bytes + 3 padding
        writer.endMessage(start)
        #expect(writer.bytes.count == 16 + 8 + 8)
        #expect(writer.bytes[0] == 32)
        #expect(Array(writer.bytes[16..<24]) == [8, 0, 1, 0, 0x61, 0x62, 0x63, 0])
        #expect(Array(writer.bytes[24..<32]) == [5, 0, 2, 0, 5, 0, 0, 0])
    }

    @Test func nestedLengthIncludesChildren() throws {
        var writer = NetlinkWriter()
        let nest = writer.beginNested(3, flagged: true)
        writer.attribute(1, u32: 0xdeadbeef)
        writer.attribute(2, u8: 1)
        writer.endNested(nest)
        #expect(writer.bytes.count == 4 + 8 + 8)
        var reader = AttributeReader(writer.bytes[...])
        let outer = try #require(try reader.next())
        #expect(outer.type == 3)
        #expect(outer.rawType & NLA.fNested != 0)
        var inner = outer.nested()
        #expect(try inner.next()?.u32() == 0xdeadbeef)
        #expect(try inner.next()?.u8() == 1)
        #expect(try inner.next() == nil)
    }

    @Test func attributeRunningPastItsParentNamesTheOffset() {
        // Parent of 8 bytes whose child claims 12.
        let bytes: [UInt8] = [0, 0, 0, 0, 8, 0, 1, 0, 12, 0, 2, 0]
        var reader = AttributeReader(bytes[4...])
        let outer = try? reader.next()
        #expect(outer != nil)
        var inner = outer!.nested()
        #expect(throws: NetlinkDecodingError.self) { _ = try inner.next() }
        do {
            _ = try inner.next()
        } catch {
            #expect(error.offset == 8)
        }
    }

    @Test func wrongScalarLengthIsAnError() {
        let bytes: [UInt8] = [6, 0, 1, 0, 1, 2]
        var reader = AttributeReader(bytes[...])
        let a = try? reader.next()
        #expect(throws: NetlinkDecodingError.self) { _ = try a?.u32() }
        #expect((try? a?.u16()) == 0x0201)
    }

    @Test func errorMessageWithExtackDecodes() throws {
        // An NLMSG_ERROR as the kernel sends it with NLM_F_CAPPED | NLM_F_ACK_TLVS.
        let request = NetlinkHeader(length: 172, type: RTM.newTFilter, flags: [.request, .ack, .exclusive, .create], sequence: 42, portID: 0)
        let error = NetlinkErrorMessage(error: -2, request: request, extendedAck: [.message("TC classifier not found")])
        let message = NetlinkMessage(type: NLMSG.error, flags: [.capped, .ackTLVs], body: .error(error))
        let decoded = try NetlinkMessage.decode(message.encoded(), context: .route)
        guard case .error(let e) = decoded.body else { Issue.record("not an error"); return }
        #expect(e.errno == 2)
        #expect(e.message == "TC classifier not found")
        #expect(e.request.sequence == 42)
        #expect(decoded == message)
    }

    @Test func uncappedErrorEchoesThePayload() throws {
        let payload: [UInt8] = [7, 0, 0, 0, 6, 0, 0, 0, 0xc0, 0, 2, 0]
        let request = NetlinkHeader(length: UInt32(16 + payload.count), type: RTM.newNeigh, flags: [.request, .ack], sequence: 1, portID: 0)
        let message = NetlinkMessage(type: NLMSG.error, flags: [], body: .error(NetlinkErrorMessage(error: -17, request: request, requestPayload: payload)))
        let decoded = try NetlinkMessage.decode(message.encoded(), context: .route)
        #expect(decoded == message)
    }

    @Test func severalMessagesInOneBuffer() throws {
        let a = NetlinkMessage(type: RTM.getNeigh, flags: [.request, .dump], body: .neighbour(NeighbourMessage(family: AddressFamily.bridge, ifindex: IfIndex(0))))
        let done = NetlinkMessage(type: NLMSG.done, flags: [.multi], body: .done(0))
        let decoded = try NetlinkMessage.decodeAll(a.encoded() + done.encoded(), context: .route)
        #expect(decoded == [a, done])
    }

    @Test func hexParsing() throws {
        #expect([UInt8](hex: "00ffA0") == [0, 255, 160])
        #expect([UInt8](hex: "0") == nil)
        #expect(throws: HexParseError.self) { try HexParseError.parse("0g") }
        #expect([UInt8]([1, 171]).hexString == "01ab")
    }
}
