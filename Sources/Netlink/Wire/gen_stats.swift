// Constants from /usr/include/linux/gen_stats.h, explicit values.

/// Generic statistics attributes inside TCA_ACT_STATS (enum TCA_STATS_*).
public enum TCA_STATS {
    public static let basic: UInt16 = 1
    public static let rateEst: UInt16 = 2
    public static let queue: UInt16 = 3
    public static let app: UInt16 = 4
    public static let rateEst64: UInt16 = 5
    public static let pad: UInt16 = 6
    public static let basicHW: UInt16 = 7
    public static let pkt64: UInt16 = 8
}

/// sizeof(struct gnet_stats_basic) as the kernel sends it on 64-bit hosts (u64 + u32 + 4 pad).
public let gnetStatsBasicLength = 16
/// sizeof(struct gnet_stats_rate_est).
public let gnetStatsRateEstLength = 8
/// sizeof(struct gnet_stats_rate_est64).
public let gnetStatsRateEst64Length = 16
/// sizeof(struct gnet_stats_queue).
public let gnetStatsQueueLength = 20
