/// IFLA_STATS64: `struct rtnl_link_stats64`, kept as its array of u64 counters so that a kernel
/// with fewer or more counters than this header (older kernels send 24) still round-trips.
/// JSON is an object keyed by the header's field names; counters past the known ones go in "more".
public struct LinkStatistics64: Hashable, Sendable {
    /// The counters in struct order (rx_packets, tx_packets, rx_bytes, tx_bytes, ...); at least one.
    public var counters: [UInt64]

    public init(counters: [UInt64]) { self.counters = counters }

    /// Field names of struct rtnl_link_stats64, in order.
    public static let fieldNames = [
        "rx_packets", "tx_packets", "rx_bytes", "tx_bytes", "rx_errors", "tx_errors", "rx_dropped", "tx_dropped",
        "multicast", "collisions", "rx_length_errors", "rx_over_errors", "rx_crc_errors", "rx_frame_errors",
        "rx_fifo_errors", "rx_missed_errors", "tx_aborted_errors", "tx_carrier_errors", "tx_fifo_errors",
        "tx_heartbeat_errors", "tx_window_errors", "rx_compressed", "tx_compressed", "rx_nohandler",
        "rx_otherhost_dropped",
    ]

    /// The counter at `index`, or nil when the kernel did not send that many.
    public func counter(_ index: Int) -> UInt64? { index < counters.count ? counters[index] : nil }
    public var rxPackets: UInt64? { counter(0) }
    public var txPackets: UInt64? { counter(1) }
    public var rxBytes: UInt64? { counter(2) }
    public var txBytes: UInt64? { counter(3) }
    public var rxErrors: UInt64? { counter(4) }
    public var txErrors: UInt64? { counter(5) }
    public var rxDropped: UInt64? { counter(6) }
    public var txDropped: UInt64? { counter(7) }
    public var multicast: UInt64? { counter(8) }

    /// Reads whole u64 counters; nil for an empty payload or one that is not a multiple of 8.
    init?(payload p: ArraySlice<UInt8>) {
        guard !p.isEmpty, p.count % 8 == 0 else { return nil }
        var out: [UInt64] = []
        out.reserveCapacity(p.count / 8)
        var i = p.startIndex
        while i < p.endIndex {
            out.append(p.readLE(UInt64.self, at: i))
            i += 8
        }
        counters = out
    }

    func encode(into w: inout NetlinkWriter) {
        let s = w.beginAttribute(IFLA.stats64)
        for c in counters { w.append(c) }
        w.endAttribute(s)
    }
}

extension LinkStatistics64: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        var out: [UInt64] = []
        for name in Self.fieldNames {
            guard let v = try c.decodeIfPresent(UInt64.self, forKey: JSONKey(name)) else { break }
            out.append(v)
        }
        // Counters are positional on the wire: a later one without all earlier ones cannot be encoded.
        for name in Self.fieldNames.dropFirst(out.count) + (out.count < Self.fieldNames.count ? ["more"] : []) where c.contains(JSONKey(name)) {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath + [JSONKey(name)], debugDescription: "stats64 counter '\(name)' needs every counter before it ('\(Self.fieldNames[out.count])' is missing)"))
        }
        out += try c.decodeIfPresent([UInt64].self, forKey: JSONKey("more")) ?? []
        let known = Set(Self.fieldNames + ["more"])
        if let stray = c.allKeys.first(where: { !known.contains($0.stringValue) }) {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath + [stray], debugDescription: "unknown stats64 counter '\(stray.stringValue)'"))
        }
        guard !out.isEmpty else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: "stats64 needs at least rx_packets"))
        }
        counters = out
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        for (i, v) in counters.prefix(Self.fieldNames.count).enumerated() {
            try c.encode(v, for: Self.fieldNames[i])
        }
        if counters.count > Self.fieldNames.count {
            try c.encode(Array(counters.dropFirst(Self.fieldNames.count)), for: "more")
        }
    }
}
