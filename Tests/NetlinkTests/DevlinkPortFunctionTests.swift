import EswitchModel
import Foundation
import Netlink
import Testing

/// `devlink port function set DEV/PORT hw_addr MAC`: iproute2 flags DEVLINK_ATTR_PORT_FUNCTION
/// with NLA_F_NESTED (the kernel's dumps do not); the nest must still decode to the typed case,
/// keep the flag, and re-encode byte for byte.
@Suite struct DevlinkPortFunctionTests {
    static let familyID: UInt16 = 0x2A
    static let context = NetlinkDecodingContext(.generic, families: [familyID: .devlink])

    /// Sent by iproute2 6.1 for `devlink port function set pci/0000:03:00.0/1 hw_addr
    /// 00:11:22:33:44:55` (captured with Fixtures/genl-stub.c handing out id 0x2a, seq zeroed).
    static let request = [UInt8](hex: "480000002a000500000000000000000006000000080001007063690011000200303030303a30333a30302e30000000000800030001000000100091800a0001000011223344550000")!

    @Test func flaggedNestDecodesTyped() throws {
        let message = try NetlinkMessage.decode(Self.request, context: Self.context)
        #expect(message.encoded() == Self.request)
        guard case .generic(let generic) = message.body, let devlink = generic.devlink else {
            Issue.record("not devlink: \(message.body)")
            return
        }
        #expect(devlink.command == .portSet)
        #expect(devlink.handle == DevlinkHandle(PCIAddress("0000:03:00.0")!))
        #expect(devlink.portIndex == 1)
        #expect(devlink.functionHardwareAddress == MACAddress("00:11:22:33:44:55"))
        let function = RawAttribute(type: DEVLINK_PORT_FUNCTION_ATTR.hwAddr, payload: [0x00, 0x11, 0x22, 0x33, 0x44, 0x55])
        #expect(devlink.attributes.last == .portFunction([function], nestedFlag: true))
        // Built from typed values, it is the same request.
        let built = NetlinkMessage(type: Self.familyID, flags: [.request, .ack], body: .generic(GenericMessage(.devlink(DevlinkMessage(
            .portSet, DevlinkHandle(PCIAddress("0000:03:00.0")!).attributes + [.portIndex(1), .portFunction([function], nestedFlag: true)])))))
        #expect(built.encoded() == Self.request)
    }

    @Test func unflaggedNestStaysUnflagged() throws {
        let function = RawAttribute(type: DEVLINK_PORT_FUNCTION_ATTR.hwAddr, payload: [2, 0, 0, 0, 0, 1])
        for flagged in [false, true] {
            var w = NetlinkWriter()
            DevlinkAttribute.portFunction([function], nestedFlag: flagged).encode(into: &w)
            let bytes = w.bytes
            #expect(bytes[3] == (flagged ? 0x80 : 0x00))
            var reader = AttributeReader(bytes[...])
            let decoded = DevlinkAttribute(decoding: try #require(try reader.next()))
            #expect(decoded == .portFunction([function], nestedFlag: flagged))
        }
    }

    @Test func jsonKeepsTheFlag() throws {
        let function = RawAttribute(type: DEVLINK_PORT_FUNCTION_ATTR.hwAddr, payload: [2, 0, 0, 0, 0, 1])
        for attribute in [DevlinkAttribute.portFunction([function]), .portFunction([function], nestedFlag: true)] {
            let data = try JSONEncoder().encode(attribute)
            #expect(try JSONDecoder().decode(DevlinkAttribute.self, from: data) == attribute)
        }
        let text = String(decoding: try JSONEncoder().encode(DevlinkAttribute.portFunction([function], nestedFlag: true)), as: UTF8.self)
        #expect(text.hasPrefix(#"{"function_nested":"#))
    }
}
