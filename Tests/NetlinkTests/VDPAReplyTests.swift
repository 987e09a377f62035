import EswitchModel
import Foundation
import Netlink
import Testing

/// vdpa replies (mgmtdev dump, dev dump) built with the encoder, read back through accessors.
@Suite struct VDPAReplyTests {
    static let familyID: UInt16 = 0x1e
    static let context = NetlinkDecodingContext(.generic, families: [familyID: .vdpa])
    /// VDPA_ATTR_PAD as the kernel's nla_put_u64_64bit inserts it before a u64 that would be
    /// misaligned: type 0, no payload.
    static let pad = VDPAAttribute.unknown(RawAttribute(type: VDPA_ATTR.pad, payload: []))

    static let managementDeviceReply = NetlinkMessage(
        type: familyID, flags: [.multi], sequence: 9, portID: 77,
        body: .generic(GenericMessage(version: 1, .vdpa(VDPAMessage(.managementDeviceNew, [
            .managementBusName("pci"), .managementDeviceName("0000:03:00.2"), pad, .supportedClasses(1 << 1),
            .managementMaxVirtqueues(17), pad, .managementSupportedFeatures(0x0000_0003_1011_8be3),
        ])))))

    static let deviceReply = NetlinkMessage(
        type: familyID, flags: [.multi], sequence: 10, portID: 77,
        body: .generic(GenericMessage(version: 1, .vdpa(VDPAMessage(.deviceNew, [
            .name("vdpa0"), .managementBusName("pci"), .managementDeviceName("0000:03:00.2"),
            .deviceID(1), .vendorID(0x15b3), .maxVirtqueues(9), .maxVirtqueueSize(256), .minVirtqueueSize(1),
        ])))))

    @Test func managementDeviceAccessors() throws {
        let bytes = Self.managementDeviceReply.encoded()
        let decoded = try NetlinkMessage.decode(bytes, context: Self.context)
        #expect(decoded == Self.managementDeviceReply)
        #expect(decoded.encoded() == bytes)
        guard case .generic(let generic) = decoded.body, let reply = generic.vdpa else {
            Issue.record("not vdpa: \(decoded.body)")
            return
        }
        #expect(reply.managementDevice == VDPAManagementDevice(PCIAddress("0000:03:00.2")!))
        #expect(reply.supportedClasses == 2)
        #expect(reply.managementMaxVirtqueues == 17)
        #expect(reply.managementSupportedFeatures == 0x0000_0003_1011_8be3)
    }

    @Test func deviceAccessors() throws {
        let decoded = try NetlinkMessage.decode(Self.deviceReply.encoded(), context: Self.context)
        #expect(decoded == Self.deviceReply)
        guard case .generic(let generic) = decoded.body, let device = generic.vdpa else {
            Issue.record("not vdpa")
            return
        }
        #expect(device.name == "vdpa0")
        #expect(device.deviceID == 1)
        #expect(device.vendorID == 0x15b3)
        #expect(device.maxVirtqueues == 9)
        #expect(device.maxVirtqueueSize == 256)
        #expect(device.managementDevice?.description == "pci/0000:03:00.2")
    }

    @Test func jsonRoundTrip() throws {
        for message in [Self.managementDeviceReply, Self.deviceReply] {
            guard case .generic(let generic) = message.body else { continue }
            let json = try JSONEncoder().encode(generic)
            #expect(try JSONDecoder().decode(GenericMessage.self, from: json) == generic)
        }
        let add = GenericMessage(.vdpa(.add(name: "vdpa1", on: VDPAManagementDevice("pci/0000:03:00.3")!, mac: MACAddress("02:00:00:00:00:31")!, mtu: 9000, maxVirtqueuePairs: 4)))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(add), as: UTF8.self)
        #expect(text == #"{"attrs":[{"mgmtdev_bus_name":"pci"},{"mgmtdev_dev_name":"0000:03:00.3"},{"name":"vdpa1"},{"mac":"02:00:00:00:00:31"},{"mtu":9000},{"max_vqp":4}],"cmd":"dev_new","family":"vdpa","version":0}"#)
        #expect(try JSONDecoder().decode(GenericMessage.self, from: Data(text.utf8)) == add)
    }

    @Test func managementDeviceHandles() {
        #expect(VDPAManagementDevice("vdpasim_net") == VDPAManagementDevice(bus: nil, device: "vdpasim_net"))
        #expect(VDPAManagementDevice("vdpasim_net")?.attributes == [.managementDeviceName("vdpasim_net")])
        #expect(VDPAManagementDevice("pci/0000:03:00.2")?.pciAddress == PCIAddress("0000:03:00.2"))
        #expect(VDPAManagementDevice("") == nil)
        #expect(VDPAManagementDevice("/x") == nil)
        #expect(VDPACommand(name: "dev_new") == .deviceNew)
    }

    /// A MAC of the wrong length stays raw (and re-encodes as it came).
    @Test func shortMACStaysRaw() throws {
        var w = NetlinkWriter()
        GenericMessage(.raw(command: VDPA_CMD.devNew, attributes: [RawAttribute(type: VDPA_ATTR.devNetCfgMacaddr, payload: [1, 2, 3])])).encode(into: &w)
        let decoded = try GenericMessage(decoding: w.bytes[...], family: .vdpa)
        #expect(decoded.vdpa?.attributes == [.unknown(RawAttribute(type: VDPA_ATTR.devNetCfgMacaddr, payload: [1, 2, 3]))])
        var again = NetlinkWriter()
        decoded.encode(into: &again)
        #expect(again.bytes == w.bytes)
    }
}
