// Police action constants: TCA_POLICE_* and struct tc_police from /usr/include/linux/pkt_cls.h,
// struct tc_ratespec, TC_LINKLAYER_* and TC_RTAB_SIZE from /usr/include/linux/pkt_sched.h.
// Explicit values read from the headers.

/// Police action attributes (enum TCA_POLICE_*).
public enum TCA_POLICE {
    public static let tbf: UInt16 = 1
    public static let rate: UInt16 = 2
    public static let peakRate: UInt16 = 3
    public static let avRate: UInt16 = 4
    public static let result: UInt16 = 5
    public static let tm: UInt16 = 6
    public static let pad: UInt16 = 7
    public static let rate64: UInt16 = 8
    public static let peakRate64: UInt16 = 9
    public static let pktRate64: UInt16 = 10
    public static let pktBurst64: UInt16 = 11
}

/// Link layers of a rate spec (TC_LINKLAYER_*, lower 4 bits of tc_ratespec.linklayer).
public enum TC_LINKLAYER {
    public static let unaware: UInt8 = 0
    public static let ethernet: UInt8 = 1
    public static let atm: UInt8 = 2
    public static let mask: UInt8 = 0x0F
}

/// TC_RTAB_SIZE: a rate table is 256 u32 transmit times.
public let tcRateTableSize = 1024
/// sizeof(struct tc_ratespec).
public let tcRateSpecLength = 12
/// sizeof(struct tc_police).
public let tcPoliceLength = 56
