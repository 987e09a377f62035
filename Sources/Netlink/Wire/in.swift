// Constants from /usr/include/linux/in.h and /usr/include/linux/in6.h (Linux UAPI): IP protocol
// numbers (IPPROTO_*). IPPROTO_ICMPV6 is defined in in6.h.

/// IP protocol numbers (IPPROTO_*).
public enum IPPROTO {
    public static let icmp: UInt8 = 1
    public static let tcp: UInt8 = 6
    public static let udp: UInt8 = 17
    public static let gre: UInt8 = 47
    /// From linux/in6.h.
    public static let icmpv6: UInt8 = 58
    public static let sctp: UInt8 = 132
}
