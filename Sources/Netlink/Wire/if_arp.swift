// Constants from /usr/include/linux/if_arp.h (Linux UAPI), explicit values.

/// Hardware types (ARPHRD_*), the value of ifinfomsg's ifi_type. Only the ones eswitch names.
public enum ARPHRD {
    public static let ether: UInt16 = 1
    public static let infiniband: UInt16 = 32
    public static let tunnel: UInt16 = 768
    public static let tunnel6: UInt16 = 769
    public static let loopback: UInt16 = 772
    public static let sit: UInt16 = 776
    public static let ipgre: UInt16 = 778
    public static let ip6gre: UInt16 = 823
    public static let netlink: UInt16 = 824
    public static let none: UInt16 = 65534
    public static let void: UInt16 = 65535
    public static let rawip: UInt16 = 519
    public static let can: UInt16 = 280
    public static let ieee80211: UInt16 = 801
    public static let ppp: UInt16 = 512
}
