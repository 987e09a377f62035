// Constants from /usr/include/linux/tc_act/tc_ct.h, explicit values.

/// Connection-tracking action attributes (enum TCA_CT_*).
public enum TCA_CT {
    public static let parms: UInt16 = 1
    public static let tm: UInt16 = 2
    /// u16: TCA_CT_ACT_* bits.
    public static let action: UInt16 = 3
    /// u16: the conntrack zone.
    public static let zone: UInt16 = 4
    public static let mark: UInt16 = 5
    public static let markMask: UInt16 = 6
    public static let labels: UInt16 = 7
    public static let labelsMask: UInt16 = 8
    /// be32.
    public static let natIPv4Min: UInt16 = 9
    /// be32.
    public static let natIPv4Max: UInt16 = 10
    /// struct in6_addr.
    public static let natIPv6Min: UInt16 = 11
    /// struct in6_addr.
    public static let natIPv6Max: UInt16 = 12
    /// be16.
    public static let natPortMin: UInt16 = 13
    /// be16.
    public static let natPortMax: UInt16 = 14
    public static let pad: UInt16 = 15
}

/// Bits of TCA_CT_ACTION (TCA_CT_ACT_*).
public enum TCA_CT_ACT {
    public static let commit: UInt16 = 1 << 0
    public static let force: UInt16 = 1 << 1
    public static let clear: UInt16 = 1 << 2
    public static let nat: UInt16 = 1 << 3
    public static let natSrc: UInt16 = 1 << 4
    public static let natDst: UInt16 = 1 << 5
}

/// sizeof(struct tc_ct): tc_gen only.
public let tcConntrackLength = 20
