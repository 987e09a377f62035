// Constants from /usr/include/linux/if_ether.h (Linux UAPI): Ethernet protocol ids (ETH_P_*).

/// Ethernet protocol ids, host-order values of the 16-bit EtherType (ETH_P_*).
public enum ETH_P {
    public static let p802_3: UInt16 = 0x0001
    public static let all: UInt16 = 0x0003
    public static let ip: UInt16 = 0x0800
    public static let arp: UInt16 = 0x0806
    public static let teb: UInt16 = 0x6558
    public static let rarp: UInt16 = 0x8035
    public static let p8021Q: UInt16 = 0x8100
    public static let ipv6: UInt16 = 0x86DD
    public static let mplsUC: UInt16 = 0x8847
    public static let mplsMC: UInt16 = 0x8848
    public static let pppDisc: UInt16 = 0x8863
    public static let pppSes: UInt16 = 0x8864
    public static let p8021AD: UInt16 = 0x88A8
    public static let lldp: UInt16 = 0x88CC
}
