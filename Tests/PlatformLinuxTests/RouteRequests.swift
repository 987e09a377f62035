import EswitchModel
import Netlink

// Request builders for the kernel tests. The link, qdisc and filter codecs are placeholders
// (header + raw attributes) for now, so these requests are built from raw attributes with the
// UAPI constants below; they live in the tests only and switch to the typed API when it lands.

/// Values from /usr/include/linux/if_link.h, veth.h, rtnetlink.h, pkt_cls.h, pkt_sched.h.
enum UAPI {
    static let IFLA_IFNAME: UInt16 = 3
    static let IFLA_MTU: UInt16 = 4
    static let IFLA_LINKINFO: UInt16 = 18
    static let IFLA_INFO_KIND: UInt16 = 1
    static let IFLA_INFO_DATA: UInt16 = 2
    static let VETH_INFO_PEER: UInt16 = 1
    static let IFLA_VXLAN_ID: UInt16 = 1
    static let IFLA_VXLAN_LOCAL: UInt16 = 4
    static let IFLA_VXLAN_LEARNING: UInt16 = 7
    static let IFLA_VXLAN_PORT: UInt16 = 15
    static let TCA_KIND: UInt16 = 1
    static let TCA_OPTIONS: UInt16 = 2
    static let TCA_FLOWER_KEY_ETH_DST: UInt16 = 4
    static let TCA_FLOWER_KEY_ETH_DST_MASK: UInt16 = 5
    static let TCA_FLOWER_FLAGS: UInt16 = 22
    /// TC_H_INGRESS: parent of the ingress qdisc.
    static let TC_H_INGRESS: UInt32 = 0xFFFF_FFF1
    /// TC_H_MAKE(TC_H_CLSACT, TC_H_MIN_INGRESS): where ingress filters attach.
    static let TC_H_INGRESS_FILTERS: UInt32 = 0xFFFF_FFF2
    static let ETH_P_IP: UInt16 = 0x0800
}

/// A string attribute with its NUL, as iproute2 sends names.
func stringAttribute(_ type: UInt16, _ text: String) -> RawAttribute {
    RawAttribute(type: type, payload: Array(text.utf8) + [0])
}

/// A nested attribute holding `children`, encoded with the codec's writer.
func nestedAttribute(_ type: UInt16, _ children: [RawAttribute], prefix: [UInt8] = []) -> RawAttribute {
    var writer = NetlinkWriter()
    writer.append(contentsOf: prefix)
    for child in children { child.encode(into: &writer) }
    return RawAttribute(type: type, payload: writer.bytes)
}

/// `ip link add NAME type veth peer name PEER`.
func createVethRequest(_ name: String, peer: String) -> NetlinkMessage {
    // VETH_INFO_PEER carries a struct ifinfomsg, then the peer's own attributes.
    var peerHeader = NetlinkWriter()
    LinkMessage().encode(into: &peerHeader)
    let link = LinkMessage(attributes: [
        stringAttribute(UAPI.IFLA_IFNAME, name),
        nestedAttribute(UAPI.IFLA_LINKINFO, [
            stringAttribute(UAPI.IFLA_INFO_KIND, "veth"),
            nestedAttribute(UAPI.IFLA_INFO_DATA, [
                nestedAttribute(UAPI.VETH_INFO_PEER, [stringAttribute(UAPI.IFLA_IFNAME, peer)], prefix: peerHeader.bytes),
            ]),
        ]),
    ])
    return NetlinkMessage(type: RTM.newLink, flags: [.create, .exclusive], body: .link(link))
}

/// `ip link add NAME type vxlan id VNI local LOCAL dstport PORT nolearning`.
func createVXLANRequest(_ name: String, vni: UInt32, local: IPv4Address, port: UInt16) -> NetlinkMessage {
    var portBytes = NetlinkWriter()
    portBytes.appendBigEndian(port)
    var localBytes = NetlinkWriter()
    localBytes.appendBigEndian(local.rawValue)
    var vniBytes = NetlinkWriter()
    vniBytes.append(vni)
    let link = LinkMessage(attributes: [
        stringAttribute(UAPI.IFLA_IFNAME, name),
        nestedAttribute(UAPI.IFLA_LINKINFO, [
            stringAttribute(UAPI.IFLA_INFO_KIND, "vxlan"),
            nestedAttribute(UAPI.IFLA_INFO_DATA, [
                RawAttribute(type: UAPI.IFLA_VXLAN_ID, payload: vniBytes.bytes),
                RawAttribute(type: UAPI.IFLA_VXLAN_LOCAL, payload: localBytes.bytes),
                RawAttribute(type: UAPI.IFLA_VXLAN_LEARNING, payload: [0]),
                RawAttribute(type: UAPI.IFLA_VXLAN_PORT, payload: portBytes.bytes),
            ]),
        ]),
    ])
    return NetlinkMessage(type: RTM.newLink, flags: [.create, .exclusive], body: .link(link))
}

/// `ip link del NAME`.
func deleteLinkRequest(_ name: String) -> NetlinkMessage {
    NetlinkMessage(type: RTM.delLink, flags: [], body: .link(LinkMessage(attributes: [stringAttribute(UAPI.IFLA_IFNAME, name)])))
}

/// `ip link show` (dump).
func dumpLinksRequest() -> NetlinkMessage {
    NetlinkMessage(type: RTM.getLink, flags: [], body: .link(LinkMessage()))
}

/// A struct tcmsg: family, ifindex, handle, parent, info.
func tcHeader(ifindex: IfIndex, handle: UInt32, parent: UInt32, info: UInt32) -> [UInt8] {
    var writer = NetlinkWriter()
    writer.append(AddressFamily.unspec)
    writer.appendZeros(3)
    writer.append(ifindex.rawValue)
    writer.append(handle)
    writer.append(parent)
    writer.append(info)
    return writer.bytes
}

/// `tc qdisc add dev DEV ingress`.
func addIngressQdiscRequest(_ ifindex: IfIndex) -> NetlinkMessage {
    let qdisc = QdiscMessage(header: tcHeader(ifindex: ifindex, handle: 0xFFFF_0000, parent: UAPI.TC_H_INGRESS, info: 0),
                             attributes: [stringAttribute(UAPI.TCA_KIND, "ingress")])
    return NetlinkMessage(type: RTM.newQdisc, flags: [.create, .exclusive], body: .qdisc(qdisc))
}

/// `tc qdisc show` (dump).
func dumpQdiscsRequest() -> NetlinkMessage {
    NetlinkMessage(type: RTM.getQdisc, flags: [], body: .qdisc(QdiscMessage(header: tcHeader(ifindex: IfIndex(0), handle: 0, parent: 0, info: 0), attributes: [])))
}

/// `tc filter add dev DEV ingress protocol ip prio 1 flower skip_sw dst_mac MAC action ...`
/// (no action: the kernel refuses the classifier before it reads the options).
func addFlowerFilterRequest(_ ifindex: IfIndex, dstMAC: MACAddress) -> NetlinkMessage {
    var flags = NetlinkWriter()
    flags.append(UInt32(2))  // TCA_CLS_FLAGS_SKIP_SW
    let info = UInt32(1) << 16 | UInt32(UAPI.ETH_P_IP.byteSwapped)  // prio 1, protocol in network order
    let filter = FilterMessage(
        header: tcHeader(ifindex: ifindex, handle: 0, parent: UAPI.TC_H_INGRESS_FILTERS, info: info),
        attributes: [
            stringAttribute(UAPI.TCA_KIND, "flower"),
            nestedAttribute(UAPI.TCA_OPTIONS, [
                RawAttribute(type: UAPI.TCA_FLOWER_KEY_ETH_DST, payload: dstMAC.array),
                RawAttribute(type: UAPI.TCA_FLOWER_KEY_ETH_DST_MASK, payload: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]),
                RawAttribute(type: UAPI.TCA_FLOWER_FLAGS, payload: flags.bytes),
            ]),
        ])
    return NetlinkMessage(type: RTM.newTFilter, flags: [.create, .exclusive], body: .filter(filter))
}

extension LinkMessage {
    /// IFLA_IFNAME, read from the raw attributes.
    var testName: String? {
        attributes.first { $0.type == UAPI.IFLA_IFNAME }.map { String(decoding: $0.payload.prefix { $0 != 0 }, as: UTF8.self) }
    }

    /// IFLA_INFO_KIND inside IFLA_LINKINFO, read from the raw attributes.
    var testKind: String? {
        guard let info = attributes.first(where: { $0.type & NLA.typeMask == UAPI.IFLA_LINKINFO }) else { return nil }
        var reader = AttributeReader(info.payload[...])
        while let child = try? reader.next() {
            if child.type == UAPI.IFLA_INFO_KIND { return try? child.string() }
        }
        return nil
    }
}
