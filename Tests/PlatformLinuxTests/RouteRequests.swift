import EswitchModel
import Netlink

// Request builders for the kernel tests, on the typed codec.

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

/// `tc qdisc add dev DEV ingress`.
func addIngressQdiscRequest(_ ifindex: IfIndex) -> NetlinkMessage {
    var message = NetlinkMessage.addQdisc(.ingress(ifindex: ifindex))
    message.flags = [.create, .exclusive]  // the transport adds request/ack
    return message
}

/// `tc qdisc show` (dump).
func dumpQdiscsRequest() -> NetlinkMessage {
    NetlinkMessage(type: RTM.getQdisc, flags: [], body: .qdisc(.dump()))
}

/// `tc filter add dev DEV ingress protocol ip prio 1 flower skip_sw dst_mac MAC action drop`.
func addFlowerFilterRequest(_ ifindex: IfIndex, dstMAC: MACAddress) throws -> NetlinkMessage {
    var match = FlowerMatch()
    match.dstMAC = .exact(dstMAC)
    let filter = try FilterMessage.flower(ifindex: ifindex, priority: 1, protocol: .ipv4, match: match,
                                          actions: [TCAction(order: 1, .gact(.drop))], flags: [.skipSoftware])
    return NetlinkMessage(type: RTM.newTFilter, flags: [.create, .exclusive], body: .filter(filter))
}

extension LinkMessage {
    var testName: String? { name }
    var testKind: String? { kind }
}
