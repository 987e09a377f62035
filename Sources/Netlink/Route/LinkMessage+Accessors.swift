import EswitchModel

extension LinkMessage {
    /// IFLA_IFNAME.
    public var name: String? {
        for case .ifname(let s) in attributes { return s }
        return nil
    }
    /// IFLA_MTU.
    public var mtu: UInt32? {
        for case .mtu(let v) in attributes { return v }
        return nil
    }
    /// IFLA_ADDRESS (Ethernet links).
    public var mac: MACAddress? {
        for case .address(let mac) in attributes { return mac }
        return nil
    }
    /// IFLA_PERM_ADDRESS.
    public var permanentMAC: MACAddress? {
        for case .permAddress(let mac) in attributes { return mac }
        return nil
    }
    /// IFLA_OPERSTATE.
    public var operState: LinkOperState? {
        for case .operstate(let s) in attributes { return s }
        return nil
    }
    /// True when IFF_UP is set in ``flags`` (administratively up).
    public var isUp: Bool { flags.contains(.up) }
    /// IFLA_LINK: the lower device.
    public var lowerLink: IfIndex? {
        for case .link(let i) in attributes { return i }
        return nil
    }
    /// IFLA_MASTER.
    public var master: IfIndex? {
        for case .master(let i) in attributes { return i }
        return nil
    }
    /// IFLA_LINKINFO.
    public var linkInfo: LinkInfo? {
        for case .linkInfo(let info) in attributes { return info }
        return nil
    }
    /// The link kind from IFLA_LINKINFO ("vxlan", "veth", "bridge"...); nil for physical devices.
    public var kind: String? { linkInfo?.kind }
    /// The VXLAN attributes of a "vxlan" link.
    public var vxlan: [VXLANAttribute]? {
        if case .vxlan(let attributes)? = linkInfo?.data { return attributes }
        return nil
    }
    /// IFLA_VXLAN_ID.
    public var vxlanID: VNI? {
        for case .id(let vni) in vxlan ?? [] { return vni }
        return nil
    }
    /// IFLA_VXLAN_PORT: the UDP destination port.
    public var vxlanPort: UInt16? {
        for case .port(let p) in vxlan ?? [] { return p }
        return nil
    }
    /// IFLA_VXLAN_LOCAL or IFLA_VXLAN_LOCAL6.
    public var vxlanLocal: IPAddress? {
        for attribute in vxlan ?? [] {
            switch attribute {
            case .local(let ip): return .v4(ip)
            case .local6(let ip): return .v6(ip)
            default: continue
            }
        }
        return nil
    }
    /// IFLA_VXLAN_GROUP or IFLA_VXLAN_GROUP6: multicast group or unicast remote.
    public var vxlanGroup: IPAddress? {
        for attribute in vxlan ?? [] {
            switch attribute {
            case .group(let ip): return .v4(ip)
            case .group6(let ip): return .v6(ip)
            default: continue
            }
        }
        return nil
    }
    /// IFLA_VXLAN_LEARNING.
    public var vxlanLearning: Bool? {
        for case .learning(let b) in vxlan ?? [] { return b }
        return nil
    }
    /// IFLA_VXLAN_COLLECT_METADATA (`external`).
    public var vxlanExternal: Bool? {
        for case .collectMetadata(let b) in vxlan ?? [] { return b }
        return nil
    }
    /// The veth peer of a creation request.
    public var vethPeer: LinkMessage? {
        guard case .veth(let attributes)? = linkInfo?.data else { return nil }
        for case .peer(let peer) in attributes { return peer }
        return nil
    }
    /// IFLA_NUM_VF.
    public var numVFs: UInt32? {
        for case .numVF(let v) in attributes { return v }
        return nil
    }
    /// The typed entries of IFLA_VFINFO_LIST.
    public var vfs: [VFInfo] {
        var out: [VFInfo] = []
        for case .vfInfoList(let entries) in attributes {
            for case .info(let info) in entries { out.append(info) }
        }
        return out
    }
    /// IFLA_PHYS_SWITCH_ID.
    public var physSwitchID: [UInt8]? {
        for case .physSwitchID(let id) in attributes { return id }
        return nil
    }
    /// IFLA_PHYS_PORT_ID.
    public var physPortID: [UInt8]? {
        for case .physPortID(let id) in attributes { return id }
        return nil
    }
    /// IFLA_PHYS_PORT_NAME.
    public var physPortName: String? {
        for case .physPortName(let s) in attributes { return s }
        return nil
    }
    /// IFLA_PARENT_DEV_NAME (the PCI address of a PF or VF netdev).
    public var parentDeviceName: String? {
        for case .parentDevName(let s) in attributes { return s }
        return nil
    }
    /// Alternative names from IFLA_PROP_LIST.
    public var altNames: [String] {
        for case .altNames(let names) in attributes { return names }
        return []
    }
    /// IFLA_STATS64.
    public var stats64: LinkStatistics64? {
        for case .stats64(let s) in attributes { return s }
        return nil
    }
}
