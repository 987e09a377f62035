import EswitchModel
import Netlink
import Testing

/// vdpa requests built from the typed model must equal iproute2's bytes (family id 0x20 as in the
/// golden file, which devlink also uses there: the decoding context decides).
@Suite struct VDPAGoldenTests {
    let corpus = GoldenCorpus.shared
    static let familyID: UInt16 = 0x20
    static let context = NetlinkDecodingContext(.generic, families: [familyID: .vdpa])

    func check(_ message: NetlinkMessage, _ command: String) throws {
        let golden = corpus.bytes(command)
        #expect(message.encoded() == golden, "\(command)")
        let decoded = try NetlinkMessage.decode(golden, context: Self.context)
        #expect(decoded == message, "\(command)")
        #expect(decoded.encoded() == golden)
    }

    func request(_ body: VDPAMessage, dump: Bool = false) -> NetlinkMessage {
        NetlinkMessage(type: Self.familyID, flags: dump ? [.request, .ack, .dump] : [.request, .ack],
                       body: .generic(GenericMessage(.vdpa(body))))
    }

    @Test func managementDeviceDump() throws {
        try check(request(.managementDevices(), dump: true), "vdpa mgmtdev show")
    }

    @Test func addWithMAC() throws {
        let message = request(.add(name: "vdpa0", on: VDPAManagementDevice(PCIAddress("0000:03:00.2")!), mac: MACAddress("00:11:22:33:44:55")!))
        try check(message, "vdpa dev add name vdpa0 mgmtdev pci/0000:03:00.2 mac 00:11:22:33:44:55")
    }

    @Test func addWithMACMTUAndQueuePairs() throws {
        let message = request(.add(
            name: "vdpa1", on: VDPAManagementDevice("pci/0000:03:00.3")!,
            mac: MACAddress("02:00:00:00:00:31")!, mtu: 9000, maxVirtqueuePairs: 4))
        try check(message, "vdpa dev add name vdpa1 mgmtdev pci/0000:03:00.3 mac 02:00:00:00:00:31 mtu 9000 max_vqp 4")
        // Spelled out: management bus and device, name, mac, mtu (u16), max_vqp (u16).
        #expect(message == request(VDPAMessage(.deviceNew, [
            .managementBusName("pci"), .managementDeviceName("0000:03:00.3"), .name("vdpa1"),
            .macAddress(MACAddress("02:00:00:00:00:31")!), .mtu(9000), .maxVirtqueuePairs(4),
        ])))
    }

    @Test func delete() throws {
        try check(request(.delete(name: "vdpa0")), "vdpa dev del vdpa0")
    }

    @Test func deviceDump() throws {
        try check(request(.devices(), dump: true), "vdpa dev show")
    }

    @Test func decodedGoldenIsTyped() throws {
        let golden = corpus.bytes("vdpa dev add name vdpa1 mgmtdev pci/0000:03:00.3 mac 02:00:00:00:00:31 mtu 9000 max_vqp 4")
        let decoded = try NetlinkMessage.decode(golden, context: Self.context)
        guard case .generic(let generic) = decoded.body, let vdpa = generic.vdpa else {
            Issue.record("not a vdpa message: \(decoded.body)")
            return
        }
        #expect(vdpa.command == .deviceNew)
        #expect(vdpa.name == "vdpa1")
        #expect(vdpa.managementDevice?.pciAddress == PCIAddress("0000:03:00.3"))
        #expect(vdpa.macAddress == MACAddress("02:00:00:00:00:31"))
        #expect(vdpa.mtu == 9000)
        #expect(vdpa.maxVirtqueuePairs == 4)
    }

    /// The same bytes under a devlink context decode as devlink (and still re-encode identically):
    /// the family comes from the context, not from the bytes.
    @Test func contextDecidesTheFamily() throws {
        let golden = corpus.bytes("vdpa dev del vdpa0")
        let asDevlink = try NetlinkMessage.decode(golden, context: NetlinkDecodingContext(.generic, families: [0x20: .devlink]))
        guard case .generic(let generic) = asDevlink.body else {
            Issue.record("not generic: \(asDevlink.body)")
            return
        }
        #expect(generic.family == .devlink)
        #expect(generic.devlink?.command == .del)
        #expect(asDevlink.encoded() == golden)
        let unknown = try NetlinkMessage.decode(golden, context: NetlinkDecodingContext(.generic))
        guard case .generic(let raw) = unknown.body, case .raw(let command, let attributes) = raw.body else {
            Issue.record("expected a raw generic message: \(unknown.body)")
            return
        }
        #expect(command == VDPA_CMD.devDel)
        #expect(attributes == [RawAttribute(type: VDPA_ATTR.devName, payload: Array("vdpa0\0".utf8))])
        #expect(unknown.encoded() == golden)
    }

    /// A management device without a bus (vdpa_sim) sends only the device name (captured from
    /// iproute2 6.1 with the fake responder).
    @Test func addOnBuslessManagementDevice() {
        let message = request(.add(name: "vdpa1", on: VDPAManagementDevice("vdpasim_net")!))
        let expected = [UInt8](hex: "3000000020000500000000000000000003000000100002007664706173696d5f6e6574000a0004007664706131000000")!
        #expect(message.encoded() == expected)
    }
}
