// Constants from /usr/include/linux/tc_act/tc_csum.h, explicit values.

/// Csum attributes (enum TCA_CSUM_*; note PARMS is 1 here, unlike the other actions).
public enum TCA_CSUM {
    public static let parms: UInt16 = 1
    public static let tm: UInt16 = 2
    public static let pad: UInt16 = 3
}

/// `tc_csum.update_flags` bits (TCA_CSUM_UPDATE_FLAG_*).
public enum TCA_CSUM_UPDATE_FLAG {
    public static let ipv4hdr: UInt32 = 1
    public static let icmp: UInt32 = 2
    public static let igmp: UInt32 = 4
    public static let tcp: UInt32 = 8
    public static let udp: UInt32 = 16
    public static let udplite: UInt32 = 32
    public static let sctp: UInt32 = 64
}

/// sizeof(struct tc_csum): tc_gen + update_flags.
public let tcCsumLength = 24
