import EswitchModel
import Netlink
import Testing

/// VF configuration on a PF (`ip link set dev PF vf N ...`) built from the typed model must equal
/// iproute2's bytes, and decode back to the same value.
@Suite struct VFGoldenTests {
    let corpus = GoldenCorpus.shared
    let capture = LinkCapture.shared

    func check(_ message: NetlinkMessage, _ golden: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(message.encoded().hexString == golden.hexString, sourceLocation: sourceLocation)
        #expect(try NetlinkMessage.decode(golden, context: .route) == message, sourceLocation: sourceLocation)
    }

    @Test func macAndVLAN() throws {
        let message = LinkMessage.setVF(pf: IfIndex(5), vf: VFIndex(1), mac: MACAddress("02:00:00:00:00:09"), vlan: 10)
        try check(message, corpus.bytes("ip link set dev eth0 vf 1 mac 02:00:00:00:00:09 vlan 10"))
        // iproute2 sends the VLAN without a protocol as IFLA_VF_VLAN, not IFLA_VF_VLAN_LIST.
        let spelled = NetlinkMessage(type: RTM.newLink, flags: [.request, .ack], body: .link(LinkMessage(
            ifindex: IfIndex(5),
            attributes: [.vfInfoList([.info(VFInfo(vf: VFIndex(1), attributes: [
                .mac(MACAddress(0x02, 0, 0, 0, 0, 0x09)), .vlan(VFVLAN(vlan: 10, qos: 0)),
            ]))])])))
        #expect(spelled == message)
    }

    @Test func spoofCheckAndTrust() throws {
        try check(LinkMessage.setVF(pf: IfIndex(5), vf: VFIndex(2), spoofCheck: true, trust: false),
                  corpus.bytes("ip link set dev eth0 vf 2 spoofchk on trust off"))
    }

    @Test func linkStateAndMaxRate() throws {
        try check(LinkMessage.setVF(pf: IfIndex(5), vf: VFIndex(2), linkState: .enable, rate: VFRate(minTx: 0, maxTx: 1000)),
                  corpus.bytes("ip link set dev eth0 vf 2 state enable max_tx_rate 1000"))
    }

    @Test func vlanWithProtocolUsesVLANList() throws {
        let message = LinkMessage.setVF(pf: IfIndex(3), vf: VFIndex(0), vlan: 20, qos: 3, vlanProtocol: .dot1ad)
        try check(message, capture.lastRequest("ip link set dev veth0 vf 0 vlan 20 qos 3 proto 802.1ad"))
        guard case .link(let body) = message.body, let vf = body.vfs.first else { Issue.record("no VF"); return }
        #expect(vf.vlan == VFVLANInfo(vlan: 20, qos: 3, vlanProtocol: .dot1ad))
    }

    @Test func minMaxRateAndQueryRSS() throws {
        try check(LinkMessage.setVF(pf: IfIndex(3), vf: VFIndex(0), queryRSS: true, rate: VFRate(minTx: 10, maxTx: 100)),
                  capture.lastRequest("ip link set dev veth0 vf 0 min_tx_rate 10 max_tx_rate 100 query_rss on"))
    }

    @Test func legacyTxRate() throws {
        try check(LinkMessage.setVF(pf: IfIndex(3), vf: VFIndex(0), txRate: 500),
                  capture.lastRequest("ip link set dev veth0 vf 0 rate 500"))
    }

    @Test func infinibandGUIDs() throws {
        try check(LinkMessage.setVF(pf: IfIndex(3), vf: VFIndex(3), nodeGUID: 0x1122_3344_5566_7788, portGUID: 0x0102_0304_0506_0708),
                  capture.lastRequest("ip link set dev veth0 vf 3 node_guid 11:22:33:44:55:66:77:88 port_guid 01:02:03:04:05:06:07:08"))
    }

    @Test func linkStateSpoofCheckTrust() throws {
        try check(LinkMessage.setVF(pf: IfIndex(3), vf: VFIndex(4), linkState: .auto, spoofCheck: false, trust: true),
                  capture.lastRequest("ip link set dev veth0 vf 4 state auto spoofchk off trust on"))
    }

    @Test func typedAccessors() throws {
        let golden = corpus.bytes("ip link set dev eth0 vf 1 mac 02:00:00:00:00:09 vlan 10")
        guard case .link(let body) = try NetlinkMessage.decode(golden, context: .route).body else { Issue.record("not a link"); return }
        #expect(body.vfs.count == 1)
        let vf = try #require(body.vfs.first)
        #expect(vf.vf == VFIndex(1))
        #expect(vf.mac == MACAddress("02:00:00:00:00:09"))
        #expect(vf.vlan == VFVLANInfo(vlan: 10, qos: 0, vlanProtocol: .dot1Q))
        #expect(vf.spoofCheck == nil && vf.trust == nil)

        let other = corpus.bytes("ip link set dev eth0 vf 2 state enable max_tx_rate 1000")
        guard case .link(let body2) = try NetlinkMessage.decode(other, context: .route).body else { Issue.record("not a link"); return }
        let vf2 = try #require(body2.vfs.first)
        #expect(vf2.vf == VFIndex(2) && vf2.linkState == .enable && vf2.rate == VFRate(minTx: 0, maxTx: 1000))
    }
}
