import EswitchModel
import Netlink
import Testing

/// devlink requests built from the typed model must equal iproute2's bytes (family id 0x20 as in
/// the golden file), and the golden bytes must decode back to the same value when the context maps
/// 0x20 to devlink.
@Suite struct DevlinkGoldenTests {
    let corpus = GoldenCorpus.shared
    static let familyID: UInt16 = 0x20
    static let context = NetlinkDecodingContext(.generic, families: [familyID: .devlink])
    static let device = DevlinkHandle(PCIAddress("0000:03:00.0")!)

    func check(_ message: NetlinkMessage, _ command: String) throws {
        let golden = corpus.bytes(command)
        #expect(message.encoded() == golden, "\(command)")
        let decoded = try NetlinkMessage.decode(golden, context: Self.context)
        #expect(decoded == message, "\(command)")
        #expect(decoded.encoded() == golden)
    }

    func request(_ body: DevlinkMessage, dump: Bool = false) -> NetlinkMessage {
        NetlinkMessage(type: Self.familyID, flags: dump ? [.request, .ack, .dump] : [.request, .ack],
                       body: .generic(GenericMessage(.devlink(body))))
    }

    @Test func eswitchSetSwitchdev() throws {
        let message = request(.eswitchSet(Self.device, mode: .switchdev))
        try check(message, "devlink dev eswitch set pci/0000:03:00.0 mode switchdev")
        // Spelled out: bus name, device name, then the mode as a u16.
        #expect(message == request(DevlinkMessage(.eswitchSet, [.busName("pci"), .deviceName("0000:03:00.0"), .eswitchMode(.switchdev)])))
    }

    @Test func eswitchSetEncapBasic() throws {
        try check(request(.eswitchSet(Self.device, encapMode: .basic)), "devlink dev eswitch set pci/0000:03:00.0 encap-mode basic")
    }

    @Test func eswitchShow() throws {
        try check(request(.eswitchGet(Self.device)), "devlink dev eswitch show pci/0000:03:00.0")
    }

    @Test func portDump() throws {
        try check(request(.ports(), dump: true), "devlink port show")
    }

    @Test func deviceDump() throws {
        try check(request(.device(), dump: true), "devlink dev show")
    }

    @Test func decodedGoldenIsTyped() throws {
        let decoded = try NetlinkMessage.decode(corpus.bytes("devlink dev eswitch set pci/0000:03:00.0 mode switchdev"), context: Self.context)
        guard case .generic(let generic) = decoded.body, let devlink = generic.devlink else {
            Issue.record("not a devlink message: \(decoded.body)")
            return
        }
        #expect(devlink.command == .eswitchSet)
        #expect(devlink.handle == Self.device)
        #expect(devlink.handle?.pciAddress == PCIAddress("0000:03:00.0"))
        #expect(devlink.eswitchMode == .switchdev)
        #expect(devlink.attributes.allSatisfy { if case .unknown = $0 { false } else { true } })
        #expect(generic.version == 0)
    }

    /// Three settings at once, as iproute2 6.1 orders them (captured with the fake responder; the
    /// golden file has the single-setting forms).
    @Test func eswitchSetAllSettings() {
        let message = request(.eswitchSet(Self.device, mode: .switchdev, inlineMode: .transport, encapMode: .basic))
        let expected = [UInt8](hex: "480000002000050000000000000000001e000000080001007063690011000200303030303a30333a30302e3000000000060019000100000005001a000300000005003e0001000000")!
        #expect(message.encoded() == expected)
    }
}
