import EswitchModel
import Netlink
import Testing

/// Link requests built from the typed model must equal iproute2's bytes, and decoding those bytes
/// must give the same typed value back.
@Suite struct LinkGoldenTests {
    let corpus = GoldenCorpus.shared
    let capture = LinkCapture.shared

    func check(_ message: NetlinkMessage, _ golden: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(message.encoded().hexString == golden.hexString, sourceLocation: sourceLocation)
        #expect(try NetlinkMessage.decode(golden, context: .route) == message, sourceLocation: sourceLocation)
    }

    @Test func linkDump() throws {
        let message = LinkMessage.dumpRequest()
        guard case .link(let body) = message.body else { Issue.record("not a link body"); return }
        #expect(message.type == RTM.getLink && message.flags == [.request, .dump])
        #expect(body.family == AddressFamily.packet && body.attributes == [.extMask(.vf)])
        try check(message, corpus.bytes("ip link show"))
    }

    @Test func createVXLAN() throws {
        let message = LinkMessage.createVXLAN(name: "vxlan100", vni: VNI(rawValue: 100), local: IPAddress("10.0.0.1"), learning: false, port: 4789)
        try check(message, corpus.bytes("ip link add vxlan100 type vxlan id 100 local 10.0.0.1 dstport 4789 nolearning"))
        // The same request spelled out attribute by attribute.
        let spelled = NetlinkMessage(
            type: RTM.newLink, flags: [.request, .ack, .exclusive, .create],
            body: .link(LinkMessage(attributes: [
                .ifname("vxlan100"),
                .linkInfo(LinkInfo([
                    .kind("vxlan"),
                    .data(.vxlan([.id(VNI(rawValue: 100)), .local(IPv4Address(10, 0, 0, 1)), .learning(false), .port(4789)])),
                ])),
            ])))
        #expect(spelled == message)
    }

    @Test func createVXLANWithGroupAndUnderlay() throws {
        let message = LinkMessage.createVXLAN(
            name: "vxlan8", vni: VNI(rawValue: 8), group: IPAddress("239.1.1.8"), underlay: IfIndex(3), ttl: 10, port: 4789)
        try check(message, capture.lastRequest("ip link add vxlan8 type vxlan id 8 group 239.1.1.8 dev veth0 ttl 10 dstport 4789"))
    }

    @Test func createVXLANOverIPv6() throws {
        let message = LinkMessage.createVXLAN(
            name: "vxlan9", vni: VNI(rawValue: 9), local: IPAddress("2001:db8::9"), group: IPAddress("2001:db8::10"),
            portRange: VXLANPortRange(low: 5000, high: 6000), udpChecksum: false, port: 4789)
        try check(message, capture.lastRequest("ip link add vxlan9 type vxlan id 9 local 2001:db8::9 remote 2001:db8::10 dstport 4789 srcport 5000 6000 noudpcsum"))
    }

    @Test func createVeth() throws {
        let message = LinkMessage.createVeth(name: "veth2", peer: "veth3")
        try check(message, capture.lastRequest("ip link add veth2 type veth peer name veth3"))
        let decoded = try NetlinkMessage.decode(message.encoded(), context: .route)
        guard case .link(let body) = decoded.body else { Issue.record("not a link body"); return }
        #expect(body.kind == "veth")
        #expect(body.vethPeer?.name == "veth3")
    }

    @Test func setUpDownMTU() throws {
        try check(LinkMessage.setUp(IfIndex(2)), capture.lastRequest("ip link set dev veth1 up"))
        try check(LinkMessage.setDown(IfIndex(2)), capture.lastRequest("ip link set dev veth1 down"))
        try check(LinkMessage.setMTU(IfIndex(2), mtu: 1400), capture.lastRequest("ip link set dev veth1 mtu 1400"))
    }

    @Test func createBridgeAndEnslave() throws {
        try check(LinkMessage.create(name: "br0", kind: "bridge"), capture.lastRequest("ip link add br0 type bridge"))
        try check(LinkMessage.setMaster(IfIndex(2), master: IfIndex(12)), capture.lastRequest("ip link set dev veth1 master br0"))
        try check(LinkMessage.setMaster(IfIndex(2), master: IfIndex(0)), capture.lastRequest("ip link set dev veth1 nomaster"))
    }

    @Test func deleteLink() throws {
        try check(LinkMessage.delete(IfIndex(9)), capture.lastRequest("ip link del veth2"))
    }

    @Test func getByNameAndIndex() throws {
        let sent = capture.command("ip -d link show dev veth0").sent
        // sent[0] is iproute2's probe, then: by name, by name for stats (AF_PACKET), by index (the peer).
        #expect(sent.count == 4)
        try check(LinkMessage.getRequest(name: "veth0"), sent[1])
        try check(NetlinkMessage(type: RTM.getLink, flags: [.request], body: .link(LinkMessage(
            family: AddressFamily.packet, attributes: [.ifname("veth0"), .extMask(.vf)]))), sent[2])
        try check(LinkMessage.getRequest(ifindex: IfIndex(2)), sent[3])
    }
}
