/// One TCA_STATS_* attribute (linux/gen_stats.h) inside an action's TCA_ACT_STATS nest, as the
/// kernel reports counters on dump (`tc -s`).
public enum TCStatsAttribute: Hashable, Sendable {
    /// TCA_STATS_BASIC: bytes and packets seen (software and hardware together).
    case basic(TCStatsBasic)
    /// TCA_STATS_RATE_EST: current rate (32-bit).
    case rateEstimator(TCStatsRateEstimator)
    /// TCA_STATS_QUEUE: queue counters (drops, overlimits...).
    case queue(TCStatsQueue)
    /// TCA_STATS_RATE_EST64: current rate (64-bit).
    case rateEstimator64(TCStatsRateEstimator)
    /// TCA_STATS_BASIC_HW: the part of the basic counters done in hardware.
    case basicHardware(TCStatsBasic)
    /// TCA_STATS_PKT64: the packet count when it does not fit the basic struct's u32.
    case packets64(UInt64)
    /// Anything else (TCA_STATS_APP, TCA_STATS_PAD, other sizes), verbatim.
    case unknown(RawAttribute)
}

/// `struct gnet_stats_basic`: byte and packet counters.
public struct TCStatsBasic: Hashable, Sendable, Codable {
    /// Bytes seen.
    public var bytes: UInt64
    /// Packets seen (see TCA_STATS_PKT64 for counts past 2^32).
    public var packets: UInt32
    /// Counters as the kernel reports them.
    public init(bytes: UInt64, packets: UInt32) {
        self.bytes = bytes
        self.packets = packets
    }
}

/// `struct gnet_stats_rate_est` / `gnet_stats_rate_est64`: bytes and packets per second.
public struct TCStatsRateEstimator: Hashable, Sendable, Codable {
    /// Bytes per second.
    public var bps: UInt64
    /// Packets per second.
    public var pps: UInt64
    /// A rate as the kernel estimates it.
    public init(bps: UInt64, pps: UInt64) {
        self.bps = bps
        self.pps = pps
    }
}

/// `struct gnet_stats_queue`.
public struct TCStatsQueue: Hashable, Sendable, Codable {
    public var qlen: UInt32
    public var backlog: UInt32
    public var drops: UInt32
    public var requeues: UInt32
    public var overlimits: UInt32
    /// Queue counters; unnamed ones default to zero.
    public init(qlen: UInt32 = 0, backlog: UInt32 = 0, drops: UInt32 = 0, requeues: UInt32 = 0, overlimits: UInt32 = 0) {
        self.qlen = qlen
        self.backlog = backlog
        self.drops = drops
        self.requeues = requeues
        self.overlimits = overlimits
    }
}

extension TCStatsAttribute {
    public init(decoding a: NetlinkAttribute) {
        self = a.withBorrowed { b in TCStatsAttribute(decoding: b) }
    }

    init(decoding a: BorrowedAttribute) {
        guard a.rawType & ~NLA.typeMask == 0 else { self = .unknown(RawAttribute(a)); return }  // flags would be lost
        let p = a.payload, s = p.startIndex
        switch a.type {
        // The kernel sends the 12 meaningful bytes plus 4 zero bytes of struct padding; anything
        // else stays raw so that it re-encodes unchanged.
        case TCA_STATS.basic where p.count == gnetStatsBasicLength && p.readLE(UInt32.self, at: s + 12) == 0:
            self = .basic(TCStatsBasic(bytes: p.readLE(UInt64.self, at: s), packets: p.readLE(UInt32.self, at: s + 8)))
        case TCA_STATS.basicHW where p.count == gnetStatsBasicLength && p.readLE(UInt32.self, at: s + 12) == 0:
            self = .basicHardware(TCStatsBasic(bytes: p.readLE(UInt64.self, at: s), packets: p.readLE(UInt32.self, at: s + 8)))
        case TCA_STATS.rateEst where p.count == gnetStatsRateEstLength:
            self = .rateEstimator(TCStatsRateEstimator(bps: UInt64(p.readLE(UInt32.self, at: s)), pps: UInt64(p.readLE(UInt32.self, at: s + 4))))
        case TCA_STATS.rateEst64 where p.count == gnetStatsRateEst64Length:
            self = .rateEstimator64(TCStatsRateEstimator(bps: p.readLE(UInt64.self, at: s), pps: p.readLE(UInt64.self, at: s + 8)))
        case TCA_STATS.queue where p.count == gnetStatsQueueLength:
            self = .queue(TCStatsQueue(
                qlen: p.readLE(UInt32.self, at: s), backlog: p.readLE(UInt32.self, at: s + 4), drops: p.readLE(UInt32.self, at: s + 8),
                requeues: p.readLE(UInt32.self, at: s + 12), overlimits: p.readLE(UInt32.self, at: s + 16)))
        case TCA_STATS.pkt64 where p.count == 8:
            self = .packets64(p.readLE(UInt64.self, at: s))
        default:
            self = .unknown(RawAttribute(a))
        }
    }

    @inline(__always) public func encode(into w: inout NetlinkWriter) {  // see FlowerAttribute.encode
        switch self {
        case .basic(let b): Self.encodeBasic(TCA_STATS.basic, b, into: &w)
        case .basicHardware(let b): Self.encodeBasic(TCA_STATS.basicHW, b, into: &w)
        case .rateEstimator(let r):
            let s = w.beginAttribute(TCA_STATS.rateEst)
            w.append(UInt32(truncatingIfNeeded: r.bps))
            w.append(UInt32(truncatingIfNeeded: r.pps))
            w.endAttribute(s)
        case .rateEstimator64(let r):
            let s = w.beginAttribute(TCA_STATS.rateEst64)
            w.append(r.bps)
            w.append(r.pps)
            w.endAttribute(s)
        case .queue(let q):
            let s = w.beginAttribute(TCA_STATS.queue)
            for v in [q.qlen, q.backlog, q.drops, q.requeues, q.overlimits] { w.append(v) }
            w.endAttribute(s)
        case .packets64(let n): w.attribute(TCA_STATS.pkt64, u64: n)
        case .unknown(let raw): raw.encode(into: &w)
        }
    }

    static func encodeBasic(_ type: UInt16, _ b: TCStatsBasic, into w: inout NetlinkWriter) {
        let s = w.beginAttribute(type)
        w.append(b.bytes)
        w.append(b.packets)
        w.append(UInt32(0))
        w.endAttribute(s)
    }
}

extension TCStatsAttribute: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        let key = try c.singleKey()
        switch key.stringValue {
        case "basic": self = .basic(try c.decode(TCStatsBasic.self, forKey: key))
        case "basic_hw": self = .basicHardware(try c.decode(TCStatsBasic.self, forKey: key))
        case "rate_est":
            let r = try c.decode(TCStatsRateEstimator.self, forKey: key)
            guard r.bps <= UInt64(UInt32.max), r.pps <= UInt64(UInt32.max) else {
                throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath + [key], debugDescription: "rate_est holds 32-bit values; use rate_est64"))
            }
            self = .rateEstimator(r)
        case "rate_est64": self = .rateEstimator64(try c.decode(TCStatsRateEstimator.self, forKey: key))
        case "queue": self = .queue(try c.decode(TCStatsQueue.self, forKey: key))
        case "pkt64": self = .packets64(try c.decode(UInt64.self, forKey: key))
        case "unknown": self = .unknown(try c.decode(RawAttribute.self, forKey: key))
        default: throw c.unknownKey(key, in: "gen_stats")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        switch self {
        case .basic(let b): try c.encode(b, for: "basic")
        case .basicHardware(let b): try c.encode(b, for: "basic_hw")
        case .rateEstimator(let r): try c.encode(r, for: "rate_est")
        case .rateEstimator64(let r): try c.encode(r, for: "rate_est64")
        case .queue(let q): try c.encode(q, for: "queue")
        case .packets64(let n): try c.encode(n, for: "pkt64")
        case .unknown(let raw): try c.encode(raw, for: "unknown")
        }
    }
}

extension Array where Element == TCStatsAttribute {
    /// TCA_STATS_BASIC, if present.
    public var basic: TCStatsBasic? {
        for case .basic(let b) in self { return b }
        return nil
    }
    /// TCA_STATS_BASIC_HW, if present.
    public var basicHardware: TCStatsBasic? {
        for case .basicHardware(let b) in self { return b }
        return nil
    }
    /// The packet count: TCA_STATS_PKT64 when the kernel sent it, else the basic struct's.
    public var packets: UInt64? {
        for case .packets64(let n) in self { return n }
        return basic.map { UInt64($0.packets) }
    }
}
