// Constants from /usr/include/linux/if_link.h (Linux UAPI), explicit values, never positional.

/// Link attributes (enum IFLA_*), the attribute space of RTM_*LINK messages after struct ifinfomsg.
public enum IFLA {
    public static let address: UInt16 = 1
    public static let broadcast: UInt16 = 2
    public static let ifname: UInt16 = 3
    public static let mtu: UInt16 = 4
    public static let link: UInt16 = 5
    public static let qdisc: UInt16 = 6
    public static let stats: UInt16 = 7
    public static let cost: UInt16 = 8
    public static let priority: UInt16 = 9
    public static let master: UInt16 = 10
    public static let wireless: UInt16 = 11
    public static let protinfo: UInt16 = 12
    public static let txqlen: UInt16 = 13
    public static let map: UInt16 = 14
    public static let weight: UInt16 = 15
    public static let operstate: UInt16 = 16
    public static let linkmode: UInt16 = 17
    public static let linkinfo: UInt16 = 18
    public static let netNsPid: UInt16 = 19
    public static let ifalias: UInt16 = 20
    public static let numVF: UInt16 = 21
    public static let vfinfoList: UInt16 = 22
    public static let stats64: UInt16 = 23
    public static let vfPorts: UInt16 = 24
    public static let portSelf: UInt16 = 25
    public static let afSpec: UInt16 = 26
    public static let group: UInt16 = 27
    public static let netNsFd: UInt16 = 28
    public static let extMask: UInt16 = 29
    public static let promiscuity: UInt16 = 30
    public static let numTxQueues: UInt16 = 31
    public static let numRxQueues: UInt16 = 32
    public static let carrier: UInt16 = 33
    public static let physPortID: UInt16 = 34
    public static let carrierChanges: UInt16 = 35
    public static let physSwitchID: UInt16 = 36
    public static let linkNetnsid: UInt16 = 37
    public static let physPortName: UInt16 = 38
    public static let protoDown: UInt16 = 39
    public static let gsoMaxSegs: UInt16 = 40
    public static let gsoMaxSize: UInt16 = 41
    public static let pad: UInt16 = 42
    public static let xdp: UInt16 = 43
    public static let event: UInt16 = 44
    public static let newNetnsid: UInt16 = 45
    public static let targetNetnsid: UInt16 = 46
    public static let carrierUpCount: UInt16 = 47
    public static let carrierDownCount: UInt16 = 48
    public static let newIfindex: UInt16 = 49
    public static let minMTU: UInt16 = 50
    public static let maxMTU: UInt16 = 51
    public static let propList: UInt16 = 52
    public static let altIfname: UInt16 = 53
    public static let permAddress: UInt16 = 54
    public static let protoDownReason: UInt16 = 55
    public static let parentDevName: UInt16 = 56
    public static let parentDevBusName: UInt16 = 57
    public static let groMaxSize: UInt16 = 58
    public static let tsoMaxSize: UInt16 = 59
    public static let tsoMaxSegs: UInt16 = 60
    public static let allmulti: UInt16 = 61
}

/// IFLA_LINKINFO nested attributes (enum IFLA_INFO_*): the link kind and its kind-specific data.
public enum IFLA_INFO {
    public static let kind: UInt16 = 1
    public static let data: UInt16 = 2
    public static let xstats: UInt16 = 3
    public static let slaveKind: UInt16 = 4
    public static let slaveData: UInt16 = 5
}

/// VXLAN attributes inside IFLA_INFO_DATA for kind "vxlan" (enum IFLA_VXLAN_*).
public enum IFLA_VXLAN {
    public static let id: UInt16 = 1
    public static let group: UInt16 = 2
    public static let link: UInt16 = 3
    public static let local: UInt16 = 4
    public static let ttl: UInt16 = 5
    public static let tos: UInt16 = 6
    public static let learning: UInt16 = 7
    public static let ageing: UInt16 = 8
    public static let limit: UInt16 = 9
    public static let portRange: UInt16 = 10
    public static let proxy: UInt16 = 11
    public static let rsc: UInt16 = 12
    public static let l2miss: UInt16 = 13
    public static let l3miss: UInt16 = 14
    public static let port: UInt16 = 15
    public static let group6: UInt16 = 16
    public static let local6: UInt16 = 17
    public static let udpCsum: UInt16 = 18
    public static let udpZeroCsum6Tx: UInt16 = 19
    public static let udpZeroCsum6Rx: UInt16 = 20
    public static let remcsumTx: UInt16 = 21
    public static let remcsumRx: UInt16 = 22
    public static let gbp: UInt16 = 23
    public static let remcsumNopartial: UInt16 = 24
    public static let collectMetadata: UInt16 = 25
    public static let label: UInt16 = 26
    public static let gpe: UInt16 = 27
    public static let ttlInherit: UInt16 = 28
    public static let df: UInt16 = 29
    public static let vnifilter: UInt16 = 30
}

/// Values of IFLA_VXLAN_DF (enum ifla_vxlan_df).
public enum VXLAN_DF {
    public static let unset: UInt8 = 0
    public static let set: UInt8 = 1
    public static let inherit: UInt8 = 2
}

/// Entries of IFLA_VFINFO_LIST (enum IFLA_VF_INFO_*).
public enum IFLA_VF_INFO {
    public static let info: UInt16 = 1
}

/// Per-VF attributes inside IFLA_VF_INFO (enum IFLA_VF_*).
public enum IFLA_VF {
    public static let mac: UInt16 = 1
    public static let vlan: UInt16 = 2
    public static let txRate: UInt16 = 3
    public static let spoofchk: UInt16 = 4
    public static let linkState: UInt16 = 5
    public static let rate: UInt16 = 6
    public static let rssQueryEn: UInt16 = 7
    public static let stats: UInt16 = 8
    public static let trust: UInt16 = 9
    public static let ibNodeGUID: UInt16 = 10
    public static let ibPortGUID: UInt16 = 11
    public static let vlanList: UInt16 = 12
    public static let broadcast: UInt16 = 13
}

/// Entries of IFLA_VF_VLAN_LIST (enum IFLA_VF_VLAN_INFO_*).
public enum IFLA_VF_VLAN_INFO {
    public static let info: UInt16 = 1
}

/// Values of struct ifla_vf_link_state's link_state (enum IFLA_VF_LINK_STATE_*).
public enum IFLA_VF_LINK_STATE {
    public static let auto: UInt32 = 0
    public static let enable: UInt32 = 1
    public static let disable: UInt32 = 2
}

/// Counters inside IFLA_VF_STATS (enum IFLA_VF_STATS_*); note RX_PACKETS is type 0.
public enum IFLA_VF_STATS {
    public static let rxPackets: UInt16 = 0
    public static let txPackets: UInt16 = 1
    public static let rxBytes: UInt16 = 2
    public static let txBytes: UInt16 = 3
    public static let broadcast: UInt16 = 4
    public static let multicast: UInt16 = 5
    public static let pad: UInt16 = 6
    public static let rxDropped: UInt16 = 7
    public static let txDropped: UInt16 = 8
}

/// Sizes of the fixed structs carried in link attributes (sizeof on x86_64 and aarch64).
public enum IFLA_STRUCT_SIZE {
    /// struct ifinfomsg.
    public static let ifinfomsg = 16
    /// struct ifla_vf_mac: u32 vf + u8 mac[32].
    public static let vfMac = 36
    /// struct ifla_vf_vlan: u32 vf, vlan, qos.
    public static let vfVlan = 12
    /// struct ifla_vf_vlan_info: u32 vf, vlan, qos + __be16 vlan_proto + 2 bytes padding.
    public static let vfVlanInfo = 16
    /// struct ifla_vf_tx_rate, ifla_vf_spoofchk, ifla_vf_link_state, ifla_vf_rss_query_en, ifla_vf_trust: u32 vf + u32 value.
    public static let vfSetting = 8
    /// struct ifla_vf_rate: u32 vf, min_tx_rate, max_tx_rate.
    public static let vfRate = 12
    /// struct ifla_vf_guid: u32 vf + 4 bytes padding + u64 guid.
    public static let vfGuid = 16
    /// struct ifla_vf_broadcast: u8 broadcast[32].
    public static let vfBroadcast = 32
    /// struct ifla_vxlan_port_range: __be16 low, high.
    public static let vxlanPortRange = 4
    /// struct rtnl_link_stats64 (25 u64 counters).
    public static let linkStats64 = 200
}
