// Constants from /usr/include/linux/netlink.h (Linux UAPI). Explicit raw values, never positional.

/// Netlink message types below NLMSG_MIN_TYPE (linux/netlink.h).
public enum NLMSG {
    public static let noop: UInt16 = 0x1
    public static let error: UInt16 = 0x2
    public static let done: UInt16 = 0x3
    public static let overrun: UInt16 = 0x4
    /// Types below this are reserved control messages.
    public static let minType: UInt16 = 0x10
}

/// Attribute header flag bits (linux/netlink.h: NLA_F_NESTED, NLA_F_NET_BYTEORDER, NLA_TYPE_MASK).
public enum NLA {
    public static let fNested: UInt16 = 1 << 15
    public static let fNetByteOrder: UInt16 = 1 << 14
    public static let typeMask: UInt16 = ~(fNested | fNetByteOrder)
    /// sizeof(struct nlattr).
    public static let headerLength = 4
}

/// Extended-ack attributes carried after an NLMSG_ERROR (linux/netlink.h: enum nlmsgerr_attrs).
public enum NLMSGERR_ATTR {
    public static let unused: UInt16 = 0
    public static let msg: UInt16 = 1
    public static let offs: UInt16 = 2
    public static let cookie: UInt16 = 3
    public static let policy: UInt16 = 4
    public static let missType: UInt16 = 5
    public static let missNest: UInt16 = 6
}

/// Socket options (linux/netlink.h) used by the transport.
public enum NETLINK_SOCKOPT {
    public static let addMembership: Int32 = 1
    public static let noENOBUFS: Int32 = 5
    public static let capAck: Int32 = 10
    public static let extAck: Int32 = 11
    public static let getStrictChk: Int32 = 12
}

/// Netlink protocol numbers (linux/netlink.h).
public enum NETLINK_PROTOCOL {
    public static let route: Int32 = 0
    public static let generic: Int32 = 16
}

/// sizeof(struct nlmsghdr).
public let netlinkHeaderLength = 16

/// Rounds up to the 4-byte netlink alignment (NLMSG_ALIGN / NLA_ALIGN).
@inlinable public func netlinkAlign(_ n: Int) -> Int { (n + 3) & ~3 }
