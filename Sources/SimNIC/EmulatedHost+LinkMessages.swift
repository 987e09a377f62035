import EswitchModel
import Netlink

extension EmulatedHost {
    /// The RTM_NEWLINK body the kernel would send for `link` (net/core/rtnetlink.c
    /// rtnl_fill_ifinfo, attribute order kept): name, queue lengths, state, MTU range, lower
    /// link, master, carrier, address, switch port identity for PFs and representors, counters,
    /// the VF list of a PF when `extMask` has RTEXT_FILTER_VF, link info of virtual links, and the
    /// parent PCI device of PF and VF netdevs.
    public func linkMessage(_ link: SimLink, extMask: LinkExtMask = []) -> LinkMessage {
        var attributes: [LinkAttribute] = [
            .ifname(link.name), .txqlen(1000), .operstate(link.operState), .linkmode(LinkMode(rawValue: 0)),
            .mtu(link.mtu), .minMTU(link.minMTU), .maxMTU(link.maxMTU), .group(0), .promiscuity(0), .allmulti(0),
            .numTxQueues(1), .numRxQueues(1),
        ]
        if let peer = link.peer { attributes.append(.link(peer)) }
        if let master = link.master { attributes.append(.master(master)) }
        attributes.append(.carrier(link.carrier))
        attributes.append(.qdisc("noqueue"))
        if let alias = link.alias { attributes.append(.ifalias(alias)) }
        attributes.append(.carrierChanges(link.carrierUpCount &+ link.carrierDownCount))
        attributes.append(.protoDown(false))
        attributes.append(.carrierUpCount(link.carrierUpCount))
        attributes.append(.carrierDownCount(link.carrierDownCount))
        attributes.append(.address(link.mac))
        attributes.append(.broadcast(link.role == .loopback ? .zero : .broadcast))
        switch link.role {
        case .physicalFunction(let number):
            attributes.append(.physPortName("p\(number)"))
            attributes.append(.physSwitchID(switchID))
        case .representor(let pf, let vf):
            attributes.append(.physPortName("pf\(pf)vf\(vf)"))
            attributes.append(.physSwitchID(switchID))
        default:
            break
        }
        attributes.append(.stats64(LinkStatistics64(counters: [UInt64](repeating: 0, count: LinkStatistics64.fieldNames.count))))
        if extMask.contains(.vf), case .physicalFunction(let number) = link.role,
           let pf = physicalFunctions.first(where: { $0.number == number }), profile.sriov != nil {
            attributes.append(.numVF(UInt32(pf.vfs.count)))
            attributes.append(.vfInfoList(pf.vfs.map { .info(Self.vfInfo($0, withStats: !extMask.contains(.skipStats))) }))
        }
        if let info = link.linkInfo {
            var reported: [LinkInfoAttribute] = []
            for attribute in info.attributes {
                switch attribute {
                case .kind(let k), .terminatedKind(let k): reported.append(.terminatedKind(k))
                case .data(.veth): continue
                default: reported.append(attribute)
                }
            }
            attributes.append(.linkInfo(LinkInfo(reported)))
        }
        attributes.append(.permAddress(link.mac))
        switch link.role {
        case .physicalFunction(let number):
            if let pf = physicalFunctions.first(where: { $0.number == number }) {
                attributes.append(.parentDevName(pf.address.description))
                attributes.append(.parentDevBusName("pci"))
            }
        case .virtualFunction(let number, let vf):
            if let address = physicalFunctions.first(where: { $0.number == number })?.vf(vf)?.address {
                attributes.append(.parentDevName(address.description))
                attributes.append(.parentDevBusName("pci"))
            }
        default:
            break
        }
        var flags: LinkFlags = []
        switch link.role {
        case .loopback: flags = [.loopback]
        default: flags = [.broadcast, .multicast]
        }
        if link.isUp { flags.insert(.up) }
        if link.isUp && link.carrier { flags.formUnion([.running, .lowerUp]) }
        let type: LinkType = link.role == .loopback ? .loopback : .ether
        return LinkMessage(family: AddressFamily.unspec, linkType: type, ifindex: link.ifindex, flags: flags, change: [], attributes: attributes)
    }

    /// One IFLA_VF_INFO as rtnl_fill_vfinfo writes it: MAC, broadcast, VLAN, rate, legacy rate,
    /// spoof check, link state, RSS query, trust, the VLAN list, then the counters.
    static func vfInfo(_ vf: SimVirtualFunction, withStats: Bool) -> VFInfo {
        let c = vf.config
        var attributes: [VFAttribute] = [
            .mac(c.mac), .broadcast(.broadcast), .vlan(VFVLAN(vlan: c.vlan, qos: c.qos)),
            .rate(VFRate(minTx: c.minTxRate, maxTx: c.maxTxRate)), .txRate(c.maxTxRate),
            .spoofCheck(VFSetting(c.spoofCheck)), .linkState(c.linkState), .rssQuery(.unsupported), .trust(VFSetting(c.trust)),
            .vlanList([.info(VFVLANInfo(vlan: c.vlan, qos: c.qos, vlanProtocol: c.vlanProtocol))]),
        ]
        if withStats {
            attributes.append(.stats([.rxPackets(0), .txPackets(0), .rxBytes(0), .txBytes(0), .broadcast(0), .multicast(0), .rxDropped(0), .txDropped(0)]))
        }
        return VFInfo(vf: VFIndex(vf.number), attributes: attributes)
    }
}
