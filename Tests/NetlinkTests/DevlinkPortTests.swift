import EswitchModel
import Foundation
import Netlink
import Testing

/// Devlink replies (port dump, eswitch get) built with the encoder, read back through accessors.
@Suite struct DevlinkPortTests {
    static let familyID: UInt16 = 0x1d
    static let context = NetlinkDecodingContext(.generic, families: [familyID: .devlink])
    static let device = DevlinkHandle(bus: "pci", device: "0000:03:00.0")

    /// One message of a `devlink port show` dump: the representor of VF 1 on PF 0, as mlx5 lays it
    /// out (handle, index, type, netdev, flavour, controller, pfnum, vfnum, external, function).
    static let vfPortReply = NetlinkMessage(
        type: familyID, flags: [.multi], sequence: 3, portID: 1000,
        body: .generic(GenericMessage(version: 1, .devlink(DevlinkMessage(.new, [
            .busName("pci"), .deviceName("0000:03:00.0"), .portIndex(2), .portType(.eth),
            .netdevIfindex(IfIndex(9)), .netdevName("eth0_1"), .flavour(.pciVF), .controller(0),
            .pfNumber(0), .vfNumber(1), .external(false),
            .portFunction([
                RawAttribute(type: DEVLINK_PORT_FUNCTION_ATTR.hwAddr, payload: [0x02, 0, 0, 0, 0, 0x11]),
                RawAttribute(type: DEVLINK_PORT_FUNCTION_ATTR.state, payload: [DEVLINK_PORT_FN_STATE.active]),
            ]),
        ])))))

    static let uplinkPortReply = NetlinkMessage(
        type: familyID, flags: [.multi], sequence: 3, portID: 1000,
        body: .generic(GenericMessage(version: 1, .devlink(DevlinkMessage(.new, [
            .busName("pci"), .deviceName("0000:03:00.0"), .portIndex(65535), .portType(.eth),
            .netdevIfindex(IfIndex(5)), .netdevName("p0"), .flavour(.physical), .portNumber(0),
            .splittable(false), .lanes(1),
        ])))))

    @Test func vfPortAccessors() throws {
        let bytes = Self.vfPortReply.encoded()
        let decoded = try NetlinkMessage.decode(bytes, context: Self.context)
        #expect(decoded == Self.vfPortReply)
        #expect(decoded.encoded() == bytes)
        guard case .generic(let generic) = decoded.body, let port = generic.devlink else {
            Issue.record("not devlink: \(decoded.body)")
            return
        }
        #expect(port.handle == Self.device)
        #expect(port.portIndex == 2)
        #expect(port.portType == .eth)
        #expect(port.flavour == .pciVF)
        #expect(port.pfNumber == 0)
        #expect(port.vfNumber == 1)
        #expect(port.netdevName == "eth0_1")
        #expect(port.netdevIfindex == IfIndex(9))
        #expect(port.controller == 0)
        #expect(port.isExternal == false)
        #expect(port.functionHardwareAddress == MACAddress("02:00:00:00:00:11"))
        #expect(port.portNumber == nil)
    }

    @Test func uplinkPortAccessors() throws {
        let decoded = try NetlinkMessage.decode(Self.uplinkPortReply.encoded(), context: Self.context)
        guard case .generic(let generic) = decoded.body, let port = generic.devlink else {
            Issue.record("not devlink")
            return
        }
        #expect(port.flavour == .physical)
        #expect(port.portNumber == 0)
        #expect(port.vfNumber == nil)
        #expect(port.netdevName == "p0")
    }

    /// A dump answer is several messages in one buffer, ended by NLMSG_DONE.
    @Test func dumpBuffer() throws {
        var writer = NetlinkWriter()
        Self.uplinkPortReply.encode(into: &writer)
        Self.vfPortReply.encode(into: &writer)
        NetlinkMessage(type: NLMSG.done, flags: [.multi], sequence: 3, portID: 1000, body: .done(0)).encode(into: &writer)
        let messages = try NetlinkMessage.decodeAll(writer.bytes, context: Self.context)
        #expect(messages.count == 3)
        let flavours = messages.compactMap { message -> DevlinkPortFlavour? in
            if case .generic(let g) = message.body { return g.devlink?.flavour }
            return nil
        }
        #expect(flavours == [.physical, .pciVF])
    }

    /// Exact wire form of the typed port attributes: flavour u16, pfnum u16, vfnum u16, external u8.
    @Test func portAttributeWireForm() {
        var w = NetlinkWriter()
        for a: DevlinkAttribute in [.flavour(.pciVF), .pfNumber(0), .vfNumber(1), .external(true), .netdevIfindex(IfIndex(9))] {
            a.encode(into: &w)
        }
        #expect(w.bytes == [UInt8](hex: "06004d0004000000" + "06007f0000000000" + "0600800001000000" + "0500950001000000" + "0800060009000000")!)
    }

    @Test func eswitchGetReply() throws {
        let reply = NetlinkMessage(type: Self.familyID, flags: [], body: .generic(GenericMessage(version: 1, .devlink(DevlinkMessage(.eswitchGet, [
            .busName("pci"), .deviceName("0000:03:00.0"), .eswitchMode(.switchdev), .inlineMode(.none), .encapMode(.basic),
        ])))))
        let decoded = try NetlinkMessage.decode(reply.encoded(), context: Self.context)
        #expect(decoded == reply)
        guard case .generic(let generic) = decoded.body, let devlink = generic.devlink else { return }
        #expect(devlink.eswitchMode == .switchdev)
        #expect(devlink.inlineMode == DevlinkInlineMode.none)
        #expect(devlink.encapMode == .basic)
    }

    @Test func jsonRoundTrip() throws {
        guard case .generic(let generic) = Self.vfPortReply.body else { return }
        let json = try JSONEncoder().encode(generic)
        let text = String(decoding: json, as: UTF8.self)
        for fragment in [#""family":"devlink""#, #""cmd":"new""#, #""flavour":"pcivf""#, #""vfnum":1"#, #""netdev":"eth0_1""#, #""port_type":"eth""#, #""external":false"#] {
            #expect(text.contains(fragment), "\(fragment) in \(text)")
        }
        #expect(try JSONDecoder().decode(GenericMessage.self, from: json) == generic)
    }

    @Test func eswitchJSONFromWords() throws {
        let text = #"{"attrs":[{"bus_name":"pci"},{"dev_name":"0000:03:00.0"},{"mode":"switchdev"},{"inline_mode":"transport"},{"encap_mode":"basic"}],"cmd":"eswitch_set","family":"devlink","version":0}"#
        let message = try JSONDecoder().decode(GenericMessage.self, from: Data(text.utf8))
        #expect(message == GenericMessage(.devlink(.eswitchSet(Self.device, mode: .switchdev, inlineMode: .transport, encapMode: .basic))))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(message), as: UTF8.self) == text)
    }

    /// Values without a word (a newer kernel's) survive as numbers, in bytes and in JSON.
    @Test func unnamedValuesSurvive() throws {
        let message = GenericMessage(.devlink(DevlinkMessage(DevlinkCommand(rawValue: 200), [.flavour(DevlinkPortFlavour(rawValue: 42)), .eswitchMode(DevlinkEswitchMode(rawValue: 7))])))
        let json = try JSONEncoder().encode(message)
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains(#""cmd":200"#))
        #expect(text.contains(#""flavour":42"#))
        #expect(try JSONDecoder().decode(GenericMessage.self, from: json) == message)
        var w = NetlinkWriter()
        message.encode(into: &w)
        #expect(try GenericMessage(decoding: w.bytes[...], family: .devlink) == message)
    }

    @Test func handles() {
        #expect(DevlinkHandle("pci/0000:03:00.0") == Self.device)
        #expect(DevlinkHandle("netdevsim/netdevsim10") == DevlinkHandle(bus: "netdevsim", device: "netdevsim10"))
        #expect(DevlinkHandle("0000:03:00.0") == nil)
        #expect(DevlinkHandle("pci/") == nil)
        #expect(Self.device.description == "pci/0000:03:00.0")
        #expect(Self.device.pciAddress == PCIAddress(bus: 3, device: 0, function: 0))
        #expect(DevlinkHandle(bus: "auxiliary", device: "mlx5_core.sf.2").pciAddress == nil)
        #expect(DevlinkPortFlavour(name: "pcisf") == .pciSF)
        #expect(DevlinkPortFlavour.pciPF.description == "pcipf")
        #expect(DevlinkCommand(name: "eswitch_set") == .eswitchSet)
        #expect(DevlinkCommand.infoGet.name == "info_get")
    }
}
