import EswitchModel

/// Ready-made link requests, byte-identical to what iproute2 sends for the same command. Each
/// returns a whole message with sequence number 0: the transport sets the sequence.
extension LinkMessage {
    /// `ip link show`: dumps every link (RTM_GETLINK, NLM_F_DUMP, family AF_PACKET), with the
    /// VF list of SR-IOV PFs unless `extMask` says otherwise.
    public static func dumpRequest(extMask: LinkExtMask = .vf) -> NetlinkMessage {
        NetlinkMessage(type: RTM.getLink, flags: [.request, .dump], body: .link(LinkMessage(
            family: AddressFamily.packet, attributes: [.extMask(extMask)])))
    }

    /// `ip link show dev NAME` (first request): one link by name, with VFs, without VF counters.
    public static func getRequest(name: String, extMask: LinkExtMask = [.vf, .skipStats]) -> NetlinkMessage {
        NetlinkMessage(type: RTM.getLink, flags: [.request], body: .link(LinkMessage(
            attributes: [.extMask(extMask), .ifname(name)])))
    }

    /// One link by index (what `ip link show` sends to resolve a peer), with VFs, without VF counters.
    public static func getRequest(ifindex: IfIndex, extMask: LinkExtMask = [.vf, .skipStats]) -> NetlinkMessage {
        NetlinkMessage(type: RTM.getLink, flags: [.request], body: .link(LinkMessage(
            ifindex: ifindex, attributes: [.extMask(extMask)])))
    }

    /// `ip link set dev X up`: sets IFF_UP (in flags and change mask).
    public static func setUp(_ ifindex: IfIndex) -> NetlinkMessage {
        modify(LinkMessage(ifindex: ifindex, flags: .up, change: .up))
    }

    /// `ip link set dev X down`: clears IFF_UP (change mask only).
    public static func setDown(_ ifindex: IfIndex) -> NetlinkMessage {
        modify(LinkMessage(ifindex: ifindex, flags: [], change: .up))
    }

    /// `ip link set dev X mtu N`.
    public static func setMTU(_ ifindex: IfIndex, mtu: UInt32) -> NetlinkMessage {
        modify(LinkMessage(ifindex: ifindex, attributes: [.mtu(mtu)]))
    }

    /// `ip link set dev X master M` (a zero index releases the link from its master).
    public static func setMaster(_ ifindex: IfIndex, master: IfIndex) -> NetlinkMessage {
        modify(LinkMessage(ifindex: ifindex, attributes: [.master(master)]))
    }

    /// `ip link del X`.
    public static func delete(_ ifindex: IfIndex) -> NetlinkMessage {
        NetlinkMessage(type: RTM.delLink, flags: [.request, .ack], body: .link(LinkMessage(ifindex: ifindex)))
    }

    /// `ip link add NAME type KIND` for a kind without options ("bridge", "dummy"...).
    public static func create(name: String, kind: String) -> NetlinkMessage {
        create(LinkMessage(attributes: [.ifname(name), .linkInfo(LinkInfo([.kind(kind)]))]))
    }

    /// `ip link add NAME type veth peer name PEER`.
    public static func createVeth(name: String, peer: String) -> NetlinkMessage {
        create(LinkMessage(attributes: [
            .ifname(name),
            .linkInfo(LinkInfo([.kind(LinkInfo.Kind.veth), .data(.veth([.peer(LinkMessage(attributes: [.ifname(peer)]))]))])),
        ]))
    }

    /// `ip link add NAME type vxlan id VNI [local A] [group|remote A] [dev UNDERLAY] [ttl T] [tos T]
    /// [srcport L H] [[no]udpcsum] [[no]learning] [dstport P]`, in iproute2's attribute order
    /// (options first, then id, local, group, learning, port). iproute2 always sends `learning`;
    /// without `port` the kernel uses 8472, so give 4789 for the IANA port.
    /// - Parameters:
    ///   - local: outer source address; IPv6 selects IFLA_VXLAN_LOCAL6.
    ///   - group: multicast group or unicast remote VTEP; IPv6 selects IFLA_VXLAN_GROUP6.
    ///   - underlay: the device to send through (`dev`).
    public static func createVXLAN(
        name: String, vni: VNI, local: IPAddress? = nil, group: IPAddress? = nil, underlay: IfIndex? = nil,
        ttl: UInt8? = nil, tos: UInt8? = nil, portRange: VXLANPortRange? = nil, udpChecksum: Bool? = nil,
        learning: Bool = true, port: UInt16? = nil
    ) -> NetlinkMessage {
        var data: [VXLANAttribute] = []
        if let underlay { data.append(.link(underlay)) }
        if let ttl { data.append(.ttl(ttl)) }
        if let tos { data.append(.tos(tos)) }
        if let portRange { data.append(.portRange(portRange)) }
        if let udpChecksum { data.append(.udpChecksum(udpChecksum)) }
        data.append(.id(vni))
        switch local {
        case .v4(let ip)?: data.append(.local(ip))
        case .v6(let ip)?: data.append(.local6(ip))
        case nil: break
        }
        switch group {
        case .v4(let ip)?: data.append(.group(ip))
        case .v6(let ip)?: data.append(.group6(ip))
        case nil: break
        }
        data.append(.learning(learning))
        if let port { data.append(.port(port)) }
        return create(LinkMessage(attributes: [
            .ifname(name), .linkInfo(LinkInfo([.kind(LinkInfo.Kind.vxlan), .data(.vxlan(data))])),
        ]))
    }

    /// `ip link set dev PF vf N ...`: configures one VF through its PF (IFLA_VFINFO_LIST with one
    /// IFLA_VF_INFO). Only the given settings are sent, in an order iproute2 also produces; give at
    /// least one (the VF number travels inside them).
    /// - Parameters:
    ///   - vlan: port VLAN (0 removes it), sent as IFLA_VF_VLAN, or as IFLA_VF_VLAN_LIST when
    ///     `vlanProtocol` is given (`proto 802.1ad`).
    ///   - txRate: legacy maximum rate in Mbit/s (`rate`), IFLA_VF_TX_RATE.
    ///   - rate: minimum/maximum rate in Mbit/s (`min_tx_rate` / `max_tx_rate`), IFLA_VF_RATE.
    ///     iproute2 always sends both, reading the one not given from the kernel first.
    public static func setVF(
        pf: IfIndex, vf: VFIndex, mac: MACAddress? = nil, vlan: UInt16? = nil, qos: UInt8 = 0,
        vlanProtocol: VFVLANProtocol? = nil, txRate: UInt32? = nil, linkState: VFLinkState? = nil,
        spoofCheck: Bool? = nil, queryRSS: Bool? = nil, trust: Bool? = nil, nodeGUID: UInt64? = nil,
        portGUID: UInt64? = nil, rate: VFRate? = nil
    ) -> NetlinkMessage {
        var attributes: [VFAttribute] = []
        if let mac { attributes.append(.mac(mac)) }
        if let vlan {
            if let vlanProtocol {
                attributes.append(.vlanList([.info(VFVLANInfo(vlan: UInt32(vlan), qos: UInt32(qos), vlanProtocol: vlanProtocol))]))
            } else {
                attributes.append(.vlan(VFVLAN(vlan: UInt32(vlan), qos: UInt32(qos))))
            }
        }
        if let txRate { attributes.append(.txRate(txRate)) }
        if let linkState { attributes.append(.linkState(linkState)) }
        if let spoofCheck { attributes.append(.spoofCheck(VFSetting(spoofCheck))) }
        if let queryRSS { attributes.append(.rssQuery(VFSetting(queryRSS))) }
        if let trust { attributes.append(.trust(VFSetting(trust))) }
        if let nodeGUID { attributes.append(.ibNodeGUID(nodeGUID)) }
        if let portGUID { attributes.append(.ibPortGUID(portGUID)) }
        if let rate { attributes.append(.rate(rate)) }
        return modify(LinkMessage(ifindex: pf, attributes: [.vfInfoList([.info(VFInfo(vf: vf, attributes: attributes))])]))
    }

    /// RTM_NEWLINK with NLM_F_ACK on an existing link, as iproute2 sends `ip link set`.
    private static func modify(_ body: LinkMessage) -> NetlinkMessage {
        NetlinkMessage(type: RTM.newLink, flags: [.request, .ack], body: .link(body))
    }

    /// RTM_NEWLINK creating a link that must not exist yet, as iproute2 sends `ip link add`.
    private static func create(_ body: LinkMessage) -> NetlinkMessage {
        NetlinkMessage(type: RTM.newLink, flags: [.request, .ack, .exclusive, .create], body: .link(body))
    }
}
