// Constants from /usr/include/linux/neighbour.h, explicit values.

/// Neighbour attributes (enum NDA_*).
public enum NDA {
    public static let dst: UInt16 = 1
    public static let lladdr: UInt16 = 2
    public static let cacheinfo: UInt16 = 3
    public static let probes: UInt16 = 4
    public static let vlan: UInt16 = 5
    public static let port: UInt16 = 6
    public static let vni: UInt16 = 7
    public static let ifindex: UInt16 = 8
    public static let master: UInt16 = 9
    public static let linkNetnsid: UInt16 = 10
    public static let srcVni: UInt16 = 11
}

/// Neighbour cache entry states (NUD_*), a bit set in ndm_state.
public enum NUD {
    public static let incomplete: UInt16 = 0x01
    public static let reachable: UInt16 = 0x02
    public static let stale: UInt16 = 0x04
    public static let delay: UInt16 = 0x08
    public static let probe: UInt16 = 0x10
    public static let failed: UInt16 = 0x20
    public static let noarp: UInt16 = 0x40
    public static let permanent: UInt16 = 0x80
}

/// Neighbour flags (NTF_*), a bit set in ndm_flags.
public enum NTF {
    public static let use: UInt8 = 0x01
    public static let `self`: UInt8 = 0x02
    public static let master: UInt8 = 0x04
    public static let proxy: UInt8 = 0x08
    public static let extLearned: UInt8 = 0x10
    public static let offloaded: UInt8 = 0x20
    public static let sticky: UInt8 = 0x40
    public static let router: UInt8 = 0x80
}
