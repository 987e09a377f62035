// Message types from /usr/include/linux/rtnetlink.h (enum RTM_*), explicit values.

/// rtnetlink message types used by eswitch.
public enum RTM {
    public static let newLink: UInt16 = 16
    public static let delLink: UInt16 = 17
    public static let getLink: UInt16 = 18
    public static let setLink: UInt16 = 19
    public static let newNeigh: UInt16 = 28
    public static let delNeigh: UInt16 = 29
    public static let getNeigh: UInt16 = 30
    public static let newQdisc: UInt16 = 36
    public static let delQdisc: UInt16 = 37
    public static let getQdisc: UInt16 = 38
    public static let newTFilter: UInt16 = 44
    public static let delTFilter: UInt16 = 45
    public static let getTFilter: UInt16 = 46

    /// Names as in rtnetlink.h, for JSON and logs.
    public static let names: [UInt16: String] = [
        newLink: "RTM_NEWLINK", delLink: "RTM_DELLINK", getLink: "RTM_GETLINK", setLink: "RTM_SETLINK",
        newNeigh: "RTM_NEWNEIGH", delNeigh: "RTM_DELNEIGH", getNeigh: "RTM_GETNEIGH",
        newQdisc: "RTM_NEWQDISC", delQdisc: "RTM_DELQDISC", getQdisc: "RTM_GETQDISC",
        newTFilter: "RTM_NEWTFILTER", delTFilter: "RTM_DELTFILTER", getTFilter: "RTM_GETTFILTER",
    ]
}

/// rtnetlink multicast groups (linux/rtnetlink.h: enum rtnetlink_groups).
public enum RTNLGRP {
    public static let link: UInt32 = 1
    public static let neigh: UInt32 = 3
    public static let tc: UInt32 = 4
}

/// Address families (linux/socket.h) that appear in rtnetlink headers.
public enum AddressFamily {
    public static let unspec: UInt8 = 0
    public static let inet: UInt8 = 2
    public static let bridge: UInt8 = 7
    public static let inet6: UInt8 = 10
    /// AF_PACKET: `ip link show` dumps links with this family.
    public static let packet: UInt8 = 17
}

/// IFLA_EXT_MASK bits (linux/rtnetlink.h: RTEXT_FILTER_*): what a link dump or get should include.
public enum RTEXT_FILTER {
    public static let vf: UInt32 = 0x1
    public static let brvlan: UInt32 = 0x2
    public static let brvlanCompressed: UInt32 = 0x4
    public static let skipStats: UInt32 = 0x8
    public static let mrp: UInt32 = 0x10
    public static let cfmConfig: UInt32 = 0x20
    public static let cfmStatus: UInt32 = 0x40
    public static let mst: UInt32 = 0x80
}

/// Traffic-control message attributes after `struct tcmsg` (linux/rtnetlink.h: enum TCA_*).
public enum TCA {
    public static let unspec: UInt16 = 0
    public static let kind: UInt16 = 1
    public static let options: UInt16 = 2
    public static let stats: UInt16 = 3
    public static let xstats: UInt16 = 4
    public static let rate: UInt16 = 5
    public static let fcnt: UInt16 = 6
    public static let stats2: UInt16 = 7
    public static let stab: UInt16 = 8
    public static let pad: UInt16 = 9
    public static let dumpInvisible: UInt16 = 10
    public static let chain: UInt16 = 11
    public static let hwOffload: UInt16 = 12
    public static let ingressBlock: UInt16 = 13
    public static let egressBlock: UInt16 = 14
    public static let dumpFlags: UInt16 = 15
    public static let extWarnMsg: UInt16 = 16
}

/// `tcm_ifindex` value meaning "tcm_parent holds a shared block index" (TCM_IFINDEX_MAGIC_BLOCK).
public let TCM_IFINDEX_MAGIC_BLOCK: UInt32 = 0xFFFF_FFFF
