import EswitchModel
import RteFlow
import Testing

@Suite("testpmd text of rte_flow items")
struct TestpmdItemTextTests {
    private let mac = MACAddress(0x52, 0x54, 0x00, 0x10, 0x00, 0x01)

    @Test("an item without fields is its bare name")
    func bareItems() {
        #expect(RteFlowItem.eth(RteFlowItemEth()).testpmdText == "eth")
        #expect(RteFlowItem.udp(RteFlowItemPorts()).testpmdText == "udp")
        #expect(RteFlowItem.vxlan(RteFlowItemVXLAN()).testpmdText == "vxlan")
    }

    @Test("full masks render as `is`, partial masks as spec and mask")
    func exactAndMasked() {
        let multicast = MACAddress(integer: 0x0100_0000_0000)
        #expect(RteFlowItem.eth(RteFlowItemEth(destination: .exact(mac), type: .exact(0x0800))).testpmdText
            == "eth dst is 52:54:00:10:00:01 type is 0x0800")
        #expect(RteFlowItem.eth(RteFlowItemEth(destination: MaskedField(multicast, mask: multicast))).testpmdText
            == "eth dst spec 01:00:00:00:00:00 dst mask 01:00:00:00:00:00")
        let net = IPv4Address(10, 0, 0, 0)
        #expect(RteFlowItem.ipv4(RteFlowItemIPv4(source: .prefix(net, length: 8), proto: .exact(1))).testpmdText
            == "ipv4 src spec 10.0.0.0 src mask 255.0.0.0 proto is 1")
        let v6 = IPv6Address("2001:db8::")!
        #expect(RteFlowItem.ipv6(RteFlowItemIPv6(source: .prefix(v6, length: 32), destination: .exact(IPv6Address("2001:db8:10::11")!), hopLimit: .exact(64))).testpmdText
            == "ipv6 src spec 2001:db8:: src mask ffff:ffff:: dst is 2001:db8:10::11 hop is 64")
        #expect(RteFlowItem.tcp(RteFlowItemPorts(destination: MaskedField(1024, mask: 0xFC00))).testpmdText
            == "tcp dst spec 1024 dst mask 0xfc00")
        #expect(RteFlowItem.udp(RteFlowItemPorts(source: .exact(68), destination: .exact(67))).testpmdText == "udp src is 68 dst is 67")
    }

    @Test("VLAN ids are exact over twelve bits; inner EtherType in hexadecimal")
    func vlan() {
        #expect(RteFlowItem.vlan(RteFlowItemVLAN(vid: RteFlowItemVLAN.exactVID(100), innerType: .exact(0x86DD))).testpmdText
            == "vlan vid is 100 inner_type is 0x86dd")
        #expect(RteFlowItem.vlan(RteFlowItemVLAN(vid: MaskedField(0x100, mask: 0xF00))).testpmdText == "vlan vid spec 256 vid mask 0x0f00")
    }

    @Test("ICMP, VXLAN and port items use testpmd's field names")
    func otherItems() {
        #expect(RteFlowItem.icmp(RteFlowItemICMP(type: .exact(8), code: .exact(0))).testpmdText == "icmp type is 8 code is 0")
        #expect(RteFlowItem.icmp6(RteFlowItemICMP(type: .exact(135))).testpmdText == "icmp6 type is 135")
        #expect(RteFlowItem.sctp(RteFlowItemPorts(destination: .exact(5000))).testpmdText == "sctp dst is 5000")
        #expect(RteFlowItem.vxlan(RteFlowItemVXLAN(vni: VNI(rawValue: 1001))).testpmdText == "vxlan vni is 1001")
        #expect(RteFlowItem.representedPort(RteFlowPortID(3)).testpmdText == "represented_port ethdev_port_id is 3")
        #expect(RteFlowItem.portRepresentor(RteFlowPortID(2)).testpmdText == "port_representor port_id is 2")
    }
}
