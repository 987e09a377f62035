/// IP protocol numbers the rte_flow model uses (IANA "Assigned Internet Protocol Numbers", as in
/// netinet/in.h).
public enum IPProtocolNumbers {
    public static let icmp: UInt8 = 1
    public static let tcp: UInt8 = 6
    public static let udp: UInt8 = 17
    public static let icmpv6: UInt8 = 58
    public static let sctp: UInt8 = 132
}
