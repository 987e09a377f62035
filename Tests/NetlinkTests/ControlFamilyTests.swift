import Foundation
import Netlink
import Testing

/// Family resolution through the generic-netlink controller (nlctrl).
@Suite struct ControlFamilyTests {
    /// What iproute2 6.1 `devlink dev show` sends first (strace, seq/pid zeroed): type 0x10,
    /// NLM_F_REQUEST|NLM_F_ACK, CTRL_CMD_GETFAMILY, genlmsghdr version 1, CTRL_ATTR_FAMILY_NAME
    /// "devlink" with its NUL (12-byte attribute).
    static let iproute2GetFamilyDevlink = [UInt8](hex: "20000000100005000000000000000000030100000c0002006465766c696e6b00")!
    /// The same for `vdpa dev show`.
    static let iproute2GetFamilyVDPA = [UInt8](hex: "2000000010000500000000000000000003010000090002007664706100000000")!

    /// The kernel's (6.18) real answer to `genl ctrl get name nlctrl` on this machine: NEWFAMILY,
    /// version 2, name, id 0x10, version 2, hdrsize 0, maxattr 0, two ops, one mcast group "notify".
    static let kernelNewFamilyNlctrl = [UInt8](hex: "88000000100000000000000000000000010200000b0002006e6c6374726c000006000100100000000800030002000000080004000000000008000500000000002c000600140001000800010003000000080002000e00000014000200080001000a000000080002000c0000001c0007001800010008000200100000000b0001006e6f746966790000")!

    @Test func getFamilyRequestForDevlink() throws {
        let message = NetlinkMessage.resolveFamily(.devlink)
        #expect(message.encoded() == Self.iproute2GetFamilyDevlink)
        #expect(message.type == GENL.idCtrl)
        #expect(message.flags == [.request, .ack])
        // Decoding needs no family table: GENL_ID_CTRL is fixed.
        let decoded = try NetlinkMessage.decode(Self.iproute2GetFamilyDevlink, context: NetlinkDecodingContext(.generic))
        #expect(decoded == message)
        guard case .generic(let generic) = decoded.body else {
            Issue.record("not generic: \(decoded.body)")
            return
        }
        #expect(generic.version == 1)
        #expect(generic.control?.command == .getFamily)
        #expect(generic.control?.familyName == "devlink")
    }

    @Test func getFamilyRequestForVDPA() {
        #expect(NetlinkMessage.resolveFamily("vdpa").encoded() == Self.iproute2GetFamilyVDPA)
    }

    @Test func kernelReplyDecodes() throws {
        let decoded = try NetlinkMessage.decode(Self.kernelNewFamilyNlctrl, context: NetlinkDecodingContext(.generic))
        guard case .generic(let generic) = decoded.body, let reply = generic.control else {
            Issue.record("not a control message: \(decoded.body)")
            return
        }
        #expect(generic.version == 2)
        #expect(reply.command == .newFamily)
        #expect(reply.familyName == "nlctrl")
        #expect(reply.familyID == 0x10)
        #expect(reply.version == 2)
        #expect(reply.headerSize == 0)
        #expect(reply.maxAttribute == 0)
        #expect(reply.operations.map(\.id) == [UInt32(CTRL_CMD.getFamily), UInt32(CTRL_CMD.getPolicy)])
        #expect(reply.operations.first?.flags == [.canDo, .canDump, .hasPolicy])
        #expect(reply.operations.map(\.index) == [1, 2])
        #expect(reply.multicastGroupID(named: "notify") == 0x10)
        #expect(reply.multicastGroupID(named: "config") == nil)
        #expect(reply.attributes.allSatisfy { if case .unknown = $0 { false } else { true } })
        #expect(decoded.encoded() == Self.kernelNewFamilyNlctrl)
    }

    /// A devlink NEWFAMILY reply built with the encoder, as the kernel lays it out.
    static let devlinkReply = NetlinkMessage(
        type: GENL.idCtrl, flags: [], sequence: 7, portID: 4242,
        body: .generic(GenericMessage(version: 2, .control(ControlMessage(.newFamily, [
            .familyName("devlink"), .familyID(0x1d), .version(1), .headerSize(0), .maxAttribute(176),
            .operations([
                ControlOperation(index: 1, id: UInt32(DEVLINK_CMD.get), flags: [.canDo, .canDump]),
                ControlOperation(index: 2, id: UInt32(DEVLINK_CMD.eswitchSet), flags: [.adminPermission, .canDo, .hasPolicy]),
            ]),
            .multicastGroups([ControlMulticastGroup(index: 1, name: "config", id: 5)]),
        ])))))

    @Test func constructedReplyRoundTrips() throws {
        let bytes = Self.devlinkReply.encoded()
        let decoded = try NetlinkMessage.decode(bytes, context: NetlinkDecodingContext(.generic))
        #expect(decoded == Self.devlinkReply)
        #expect(decoded.encoded() == bytes)
        guard case .generic(let generic) = decoded.body, let reply = generic.control else {
            Issue.record("not a control message")
            return
        }
        #expect(reply.familyID == 0x1d)
        #expect(reply.multicastGroupID(named: DEVLINK_GENL.configGroupName) == 5)
        #expect(reply.operations.count == 2)
        #expect(reply.operations[1].flags?.contains(.adminPermission) == true)
        // Ops entry 1 = nest type 1 holding OP_ID then OP_FLAGS, each a u32.
        let opsStart = 16 + 4 + 12 + 8 + 8 + 8 + 8
        #expect(Array(bytes[opsStart..<(opsStart + 8)]) == [0x2c, 0, 6, 0, 0x14, 0, 1, 0])
    }

    @Test func learnedFamilyDecodesLaterMessages() throws {
        guard case .generic(let generic) = Self.devlinkReply.body, let reply = generic.control else {
            Issue.record("not a control message")
            return
        }
        var context = NetlinkDecodingContext(.generic)
        let learned = context.learn(from: reply)
        #expect(learned)
        #expect(context.family(forType: 0x1d) == .devlink)
        let request = NetlinkMessage(type: 0x1d, flags: [.request, .ack, .dump], body: .generic(GenericMessage(.devlink(.ports()))))
        let decoded = try NetlinkMessage.decode(request.encoded(), context: context)
        #expect(decoded == request)
        // A reply naming a family eswitch does not model teaches nothing.
        var other = NetlinkDecodingContext(.generic)
        let learnedOther = other.learn(from: ControlMessage(.newFamily, [.familyName("ethtool"), .familyID(0x14)]))
        #expect(!learnedOther)
        #expect(other.families.isEmpty)
    }

    @Test func jsonRoundTrip() throws {
        guard case .generic(let generic) = Self.devlinkReply.body else { return }
        let json = try JSONEncoder().encode(generic)
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains(#""family":"nlctrl""#))
        #expect(text.contains(#""cmd":"newfamily""#))
        #expect(text.contains(#""family_id":29"#))
        #expect(text.contains(#""flags":["admin_perm","do","haspol"]"#))
        #expect(try JSONDecoder().decode(GenericMessage.self, from: json) == generic)
    }

    @Test func getFamilyJSON() throws {
        let text = #"{"family":"nlctrl","cmd":"getfamily","version":1,"attrs":[{"family_name":"devlink"}]}"#
        let message = try JSONDecoder().decode(GenericMessage.self, from: Data(text.utf8))
        let netlink = NetlinkMessage(type: GENL.idCtrl, flags: [.request, .ack], body: .generic(message))
        #expect(netlink.encoded() == Self.iproute2GetFamilyDevlink)
    }
}
