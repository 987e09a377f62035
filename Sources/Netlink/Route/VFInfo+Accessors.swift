import EswitchModel

extension VFInfo {
    /// IFLA_VF_MAC.
    public var mac: MACAddress? {
        for case .mac(let mac) in attributes { return mac }
        return nil
    }
    /// The port VLAN, its priority and TPID, from IFLA_VF_VLAN_LIST or else IFLA_VF_VLAN.
    public var vlan: VFVLANInfo? {
        for case .vlanList(let list) in attributes {
            for case .info(let info) in list { return info }
        }
        for case .vlan(let v) in attributes { return VFVLANInfo(vlan: v.vlan, qos: v.qos, vlanProtocol: .dot1Q) }
        return nil
    }
    /// IFLA_VF_SPOOFCHK as a Bool; nil when absent or unsupported.
    public var spoofCheck: Bool? {
        for case .spoofCheck(let s) in attributes { return s.isOn }
        return nil
    }
    /// IFLA_VF_TRUST as a Bool; nil when absent or unsupported.
    public var trust: Bool? {
        for case .trust(let s) in attributes { return s.isOn }
        return nil
    }
    /// IFLA_VF_RSS_QUERY_EN as a Bool; nil when absent or unsupported.
    public var rssQuery: Bool? {
        for case .rssQuery(let s) in attributes { return s.isOn }
        return nil
    }
    /// IFLA_VF_LINK_STATE.
    public var linkState: VFLinkState? {
        for case .linkState(let s) in attributes { return s }
        return nil
    }
    /// IFLA_VF_RATE (min/max transmit rate in Mbit/s).
    public var rate: VFRate? {
        for case .rate(let r) in attributes { return r }
        return nil
    }
    /// IFLA_VF_TX_RATE (legacy maximum transmit rate in Mbit/s).
    public var txRate: UInt32? {
        for case .txRate(let r) in attributes { return r }
        return nil
    }
    /// IFLA_VF_STATS counters.
    public var stats: [VFStatsAttribute]? {
        for case .stats(let s) in attributes { return s }
        return nil
    }
}
