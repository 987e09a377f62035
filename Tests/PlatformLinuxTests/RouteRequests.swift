import EswitchModel
import Netlink

// Request builders for the kernel tests. Links use the typed codec; the qdisc and filter requests
// are built from raw attributes until the typed tc codec is wired here.

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
    LinkMessage.createVeth(name: name, peer: peer)
}

/// `ip link add NAME type vxlan id VNI local LOCAL dstport PORT nolearning`.
func createVXLANRequest(_ name: String, vni: UInt32, local: IPv4Address, port: UInt16) -> NetlinkMessage {
    LinkMessage.createVXLAN(name: name, vni: VNI(rawValue: vni), local: .v4(local), learning: false, port: port)
}

/// `ip link del NAME`.
func deleteLinkRequest(_ name: String) -> NetlinkMessage {
    NetlinkMessage(type: RTM.delLink, flags: [], body: .link(LinkMessage(attributes: [.ifname(name)])))
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
    var testName: String? { name }
    var testKind: String? { kind }
}
