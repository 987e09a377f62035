// Constants from /usr/include/linux/if.h (Linux UAPI), explicit values.

/// Device flags (enum net_device_flags, IFF_*), the bits of ifinfomsg's ifi_flags and ifi_change.
public enum IFF {
    public static let up: UInt32 = 0x1
    public static let broadcast: UInt32 = 0x2
    public static let debug: UInt32 = 0x4
    public static let loopback: UInt32 = 0x8
    public static let pointopoint: UInt32 = 0x10
    public static let notrailers: UInt32 = 0x20
    public static let running: UInt32 = 0x40
    public static let noarp: UInt32 = 0x80
    public static let promisc: UInt32 = 0x100
    public static let allmulti: UInt32 = 0x200
    public static let master: UInt32 = 0x400
    public static let slave: UInt32 = 0x800
    public static let multicast: UInt32 = 0x1000
    public static let portsel: UInt32 = 0x2000
    public static let automedia: UInt32 = 0x4000
    public static let dynamic: UInt32 = 0x8000
    public static let lowerUp: UInt32 = 0x10000
    public static let dormant: UInt32 = 0x20000
    public static let echo: UInt32 = 0x40000
}

/// RFC 2863 operational states (IF_OPER_*), the value of IFLA_OPERSTATE.
public enum IF_OPER {
    public static let unknown: UInt8 = 0
    public static let notpresent: UInt8 = 1
    public static let down: UInt8 = 2
    public static let lowerlayerdown: UInt8 = 3
    public static let testing: UInt8 = 4
    public static let dormant: UInt8 = 5
    public static let up: UInt8 = 6
}

/// Link modes (IF_LINK_MODE_*), the value of IFLA_LINKMODE.
public enum IF_LINK_MODE {
    public static let `default`: UInt8 = 0
    public static let dormant: UInt8 = 1
    public static let testing: UInt8 = 2
}

/// Name length limits (IFNAMSIZ, IFALIASZ, ALTIFNAMSIZ), terminating NUL included.
public enum IFNAMSIZ {
    public static let name = 16
    public static let alias = 256
    public static let altName = 128
}
