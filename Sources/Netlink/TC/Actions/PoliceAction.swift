/// Options of a `police` action: a token-bucket rate limiter. iproute2 sends `struct tc_police`
/// with the burst as a transmit time in clock ticks and a 256-entry rate table (TCA_POLICE_RATE);
/// ``TCActionOptionList/police(rate:burst:mtu:peakRate:mpu:overhead:linkLayer:cellLog:peakCellLog:exceed:conform:averageRate:index:clock:)``
/// derives both from bytes per second and bytes, and decoding keeps whatever the sender computed.
public typealias PoliceOptions = TCActionOptionList<PoliceAttribute>

/// One TCA_POLICE_* attribute.
public enum PoliceAttribute: TCActionOptionAttribute {
    /// TCA_POLICE_TBF: `struct tc_police`.
    case parameters(PoliceParameters)
    /// TCA_POLICE_RATE: transmit time per size class at the rate (256 entries).
    case rateTable([UInt32])
    /// TCA_POLICE_PEAKRATE: the same at the peak rate.
    case peakRateTable([UInt32])
    /// TCA_POLICE_AVRATE: average-rate policing (bytes per second).
    case averageRate(UInt32)
    /// TCA_POLICE_RESULT: the verdict for conforming packets (after the '/' of conform-exceed).
    case result(TCVerdict)
    /// TCA_POLICE_TM: install/use times (dumps).
    case time(TCActionTime)
    /// TCA_POLICE_RATE64: the rate when it does not fit the rate spec's u32.
    case rate64(UInt64)
    /// TCA_POLICE_PEAKRATE64.
    case peakRate64(UInt64)
    /// TCA_POLICE_PKTRATE64: packets per second.
    case packetRate64(UInt64)
    /// TCA_POLICE_PKTBURST64: the packet burst as a transmit time in ticks.
    case packetBurst64(UInt64)
    /// Anything else, verbatim.
    case unknown(RawAttribute)
}

/// `struct tc_ratespec`: a rate and how packet sizes map to rate-table cells.
public struct TCRateSpec: Hashable, Sendable, Codable {
    /// log2 of the bytes per rate-table cell.
    public var cellLog: UInt8
    /// TC_LINKLAYER_* in the lower 4 bits.
    public var linkLayer: UInt8
    public var overhead: UInt16
    public var cellAlign: Int16
    /// Minimum packet unit: smaller packets count as this many bytes.
    public var mpu: UInt16
    /// Bytes per second (saturated; TCA_POLICE_RATE64 carries bigger rates).
    public var rate: UInt32

    /// A rate spec from its fields.
    public init(cellLog: UInt8 = 0, linkLayer: UInt8 = 0, overhead: UInt16 = 0, cellAlign: Int16 = 0, mpu: UInt16 = 0, rate: UInt32 = 0) {
        self.cellLog = cellLog
        self.linkLayer = linkLayer
        self.overhead = overhead
        self.cellAlign = cellAlign
        self.mpu = mpu
        self.rate = rate
    }

    /// The all-zero spec (no rate).
    public static let none = TCRateSpec()

    enum CodingKeys: String, CodingKey { case cellLog = "cell_log", linkLayer = "linklayer", overhead, cellAlign = "cell_align", mpu, rate }

    init(_ p: BorrowedBytes, at s: Int) {
        cellLog = p[s]
        linkLayer = p[s + 1]
        overhead = p.readLE(UInt16.self, at: s + 2)
        cellAlign = Int16(bitPattern: p.readLE(UInt16.self, at: s + 4))
        mpu = p.readLE(UInt16.self, at: s + 6)
        rate = p.readLE(UInt32.self, at: s + 8)
    }

    func encode(into w: inout NetlinkWriter) {
        w.append(cellLog)
        w.append(linkLayer)
        w.append(overhead)
        w.append(UInt16(bitPattern: cellAlign))
        w.append(mpu)
        w.append(rate)
    }
}

/// `struct tc_police`.
public struct PoliceParameters: Hashable, Sendable {
    public var index: UInt32
    /// The verdict for packets over the limit (`action`, before the '/' of conform-exceed).
    public var verdict: TCVerdict
    public var limit: UInt32
    /// The bucket size as the time, in ticks, to send the burst at the rate.
    public var burst: UInt32
    public var mtu: UInt32
    public var rate: TCRateSpec
    public var peakRate: TCRateSpec
    public var refcnt: Int32
    public var bindcnt: Int32
    public var capab: UInt32

    /// Police parameters from their wire fields (burst in ticks).
    public init(index: UInt32 = 0, verdict: TCVerdict, limit: UInt32 = 0, burst: UInt32, mtu: UInt32 = 0, rate: TCRateSpec,
                peakRate: TCRateSpec = .none, refcnt: Int32 = 0, bindcnt: Int32 = 0, capab: UInt32 = 0) {
        self.index = index
        self.verdict = verdict
        self.limit = limit
        self.burst = burst
        self.mtu = mtu
        self.rate = rate
        self.peakRate = peakRate
        self.refcnt = refcnt
        self.bindcnt = bindcnt
        self.capab = capab
    }
}

extension PoliceAttribute: BorrowedAttributeDecodable {
    public init(decoding a: NetlinkAttribute) throws(NetlinkDecodingError) {
        self = try a.withBorrowed { (b) throws(NetlinkDecodingError) in try PoliceAttribute(decoding: b) }
    }

    init(decoding a: BorrowedAttribute) throws(NetlinkDecodingError) {
        guard a.rawType & ~NLA.typeMask == 0 else { self = .unknown(RawAttribute(a)); return }  // flags would be lost
        let p = a.payload, s = p.startIndex, n = p.count
        switch a.type {
        case TCA_POLICE.tbf:
            guard try a.tcActionStruct(tcPoliceLength, "tc_police") else { self = .unknown(RawAttribute(a)); return }
            self = .parameters(PoliceParameters(
                index: p.readLE(UInt32.self, at: s), verdict: TCVerdict(rawValue: Int32(bitPattern: p.readLE(UInt32.self, at: s + 4))),
                limit: p.readLE(UInt32.self, at: s + 8), burst: p.readLE(UInt32.self, at: s + 12), mtu: p.readLE(UInt32.self, at: s + 16),
                rate: TCRateSpec(p, at: s + 20), peakRate: TCRateSpec(p, at: s + 32),
                refcnt: Int32(bitPattern: p.readLE(UInt32.self, at: s + 44)), bindcnt: Int32(bitPattern: p.readLE(UInt32.self, at: s + 48)),
                capab: p.readLE(UInt32.self, at: s + 52)))
        case TCA_POLICE.rate where n == tcRateTableSize: self = .rateTable(Self.table(p))
        case TCA_POLICE.peakRate where n == tcRateTableSize: self = .peakRateTable(Self.table(p))
        case TCA_POLICE.avRate where n == 4: self = .averageRate(try a.u32())
        case TCA_POLICE.result where n == 4: self = .result(TCVerdict(rawValue: Int32(bitPattern: try a.u32())))
        case TCA_POLICE.rate64 where n == 8: self = .rate64(try a.u64())
        case TCA_POLICE.peakRate64 where n == 8: self = .peakRate64(try a.u64())
        case TCA_POLICE.pktRate64 where n == 8: self = .packetRate64(try a.u64())
        case TCA_POLICE.pktBurst64 where n == 8: self = .packetBurst64(try a.u64())
        case TCA_POLICE.tm:
            if let t = TCActionTime(a) { self = .time(t) } else { self = .unknown(RawAttribute(a)) }
        default: self = .unknown(RawAttribute(a))
        }
    }

    static func table(_ p: BorrowedBytes) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(256)
        var i = p.startIndex
        while i + 4 <= p.endIndex {
            out.append(p.readLE(UInt32.self, at: i))
            i += 4
        }
        return out
    }

    public func encode(into w: inout NetlinkWriter) {
        switch self {
        case .parameters(let p):
            let s = w.beginAttribute(TCA_POLICE.tbf)
            w.append(p.index)
            w.append(p.verdict.rawValue)
            w.append(p.limit)
            w.append(p.burst)
            w.append(p.mtu)
            p.rate.encode(into: &w)
            p.peakRate.encode(into: &w)
            w.append(p.refcnt)
            w.append(p.bindcnt)
            w.append(p.capab)
            w.endAttribute(s)
        case .rateTable(let t): Self.encodeTable(TCA_POLICE.rate, t, into: &w)
        case .peakRateTable(let t): Self.encodeTable(TCA_POLICE.peakRate, t, into: &w)
        case .averageRate(let r): w.attribute(TCA_POLICE.avRate, u32: r)
        case .result(let v): w.attribute(TCA_POLICE.result, u32: UInt32(bitPattern: v.rawValue))
        case .rate64(let r): w.attribute(TCA_POLICE.rate64, u64: r)
        case .peakRate64(let r): w.attribute(TCA_POLICE.peakRate64, u64: r)
        case .packetRate64(let r): w.attribute(TCA_POLICE.pktRate64, u64: r)
        case .packetBurst64(let b): w.attribute(TCA_POLICE.pktBurst64, u64: b)
        case .time(let t): t.encode(TCA_POLICE.tm, into: &w)
        case .unknown(let raw): raw.encode(into: &w)
        }
    }

    static func encodeTable(_ type: UInt16, _ table: [UInt32], into w: inout NetlinkWriter) {
        let s = w.beginAttribute(type)
        for v in table { w.append(v) }
        w.endAttribute(s)
    }
}

extension TCActionOptionList where Attribute == PoliceAttribute {
    /// `police rate R burst B [mtu M] [peakrate P] [mpu U] [overhead O] [linklayer L]
    /// conform-exceed EXCEED[/CONFORM] [index I]` with `rate`/`peakRate` in bytes per second and
    /// `burst`/`mtu` in bytes, as iproute2 builds it: the burst becomes a transmit time and the
    /// rate tables are computed with `clock`. `conform` is only sent when not pass, as iproute2
    /// does. iproute2's default for `exceed` is reclassify.
    public static func police(
        rate: UInt64, burst: UInt32, mtu: UInt32 = 0, peakRate: UInt64? = nil, mpu: UInt16 = 0, overhead: UInt16 = 0,
        linkLayer: UInt8 = TC_LINKLAYER.ethernet, cellLog: UInt8? = nil, peakCellLog: UInt8? = nil,
        exceed: TCVerdict = .reclassify, conform: TCVerdict? = nil, averageRate: UInt32? = nil, index: UInt32 = 0,
        clock: PschedClock = .linux
    ) -> PoliceOptions {
        func spec(_ r: UInt64, _ cellLog: UInt8) -> TCRateSpec {
            TCRateSpec(cellLog: cellLog, linkLayer: linkLayer & TC_LINKLAYER.mask, overhead: overhead, cellAlign: -1, mpu: mpu,
                       rate: r >= 1 << 32 ? .max : UInt32(r))
        }
        var list: [PoliceAttribute] = []
        var parameters = PoliceParameters(index: index, verdict: exceed, burst: 0, mtu: mtu, rate: .none)
        var tables: [PoliceAttribute] = []
        if rate > 0 {
            let log = cellLog ?? PschedClock.defaultCellLog(mtu: mtu)
            parameters.rate = spec(rate, log)
            parameters.burst = clock.transmitTime(rate: rate, size: UInt64(burst))
            tables.append(.rateTable(clock.rateTable(rate: rate, cellLog: log, mpu: mpu, linkLayer: linkLayer)))
            if rate >= 1 << 32 { tables.append(.rate64(rate)) }
        }
        if let peakRate, peakRate > 0 {
            let log = peakCellLog ?? PschedClock.defaultCellLog(mtu: mtu)
            parameters.peakRate = spec(peakRate, log)
            tables.append(.peakRateTable(clock.rateTable(rate: peakRate, cellLog: log, mpu: mpu, linkLayer: linkLayer)))
            if peakRate >= 1 << 32 { tables.append(.peakRate64(peakRate)) }
        }
        list.append(.parameters(parameters))
        list += tables
        if let averageRate, averageRate != 0 { list.append(.averageRate(averageRate)) }
        if let conform, conform.rawValue != 0 { list.append(.result(conform)) }
        return PoliceOptions(list)
    }

    /// `police pkts_rate R pkts_burst B conform-exceed EXCEED[/CONFORM]`: packet-rate policing;
    /// the burst goes out as a transmit time in ticks.
    public static func police(
        packetRate: UInt64, packetBurst: UInt64, exceed: TCVerdict = .reclassify, conform: TCVerdict? = nil, index: UInt32 = 0,
        clock: PschedClock = .linux
    ) -> PoliceOptions {
        var list: [PoliceAttribute] = [.parameters(PoliceParameters(index: index, verdict: exceed, burst: 0, rate: .none))]
        if let conform, conform.rawValue != 0 { list.append(.result(conform)) }
        list.append(.packetRate64(packetRate))
        list.append(.packetBurst64(UInt64(clock.transmitTime(rate: packetRate, size: packetBurst))))
        return PoliceOptions(list)
    }

    /// TCA_POLICE_TBF, if present.
    public var parameters: PoliceParameters? {
        for case .parameters(let p) in attributes { return p }
        return nil
    }

    /// The rate in bytes per second: TCA_POLICE_RATE64 when present, else the rate spec's.
    public var rate: UInt64? {
        for case .rate64(let r) in attributes { return r }
        return parameters.map { UInt64($0.rate.rate) }
    }

    /// The peak rate in bytes per second, if any.
    public var peakRate: UInt64? {
        for case .peakRate64(let r) in attributes { return r }
        return parameters.flatMap { $0.peakRate.rate == 0 ? nil : UInt64($0.peakRate.rate) }
    }

    /// The burst in bytes, converted back from ticks with `clock` (iproute2's tc_calc_xmitsize).
    public func burst(clock: PschedClock = .linux) -> UInt64? {
        guard let p = parameters, let rate else { return nil }
        return clock.transmitSize(rate: rate, ticks: p.burst)
    }
}

extension PoliceAttribute: Codable {
    // Keys: tbf (the struct: index, verdict, limit, burst_ticks, mtu, rate, peakrate, ref, bind,
    // capab), rate_table, peakrate_table, avrate, result, tm, rate64, peakrate64, pkts_rate64,
    // pkts_burst64, unknown.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        let key = try c.singleKey()
        switch key.stringValue {
        case "tbf": self = .parameters(try c.decode(PoliceParameters.self, forKey: key))
        case "rate_table": self = .rateTable(try Self.decodeTable(c, key))
        case "peakrate_table": self = .peakRateTable(try Self.decodeTable(c, key))
        case "avrate": self = .averageRate(try c.decode(UInt32.self, forKey: key))
        case "result": self = .result(try c.decode(TCVerdict.self, forKey: key))
        case "tm": self = .time(try c.decode(TCActionTime.self, forKey: key))
        case "rate64": self = .rate64(try c.decode(UInt64.self, forKey: key))
        case "peakrate64": self = .peakRate64(try c.decode(UInt64.self, forKey: key))
        case "pkts_rate64": self = .packetRate64(try c.decode(UInt64.self, forKey: key))
        case "pkts_burst64": self = .packetBurst64(try c.decode(UInt64.self, forKey: key))
        case "unknown": self = .unknown(try c.decode(RawAttribute.self, forKey: key))
        default: throw c.unknownKey(key, in: "police")
        }
    }

    static func decodeTable(_ c: KeyedDecodingContainer<JSONKey>, _ key: JSONKey) throws -> [UInt32] {
        if (try? c.decode(String.self, forKey: key)) == "derived" {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "a \"derived\" rate table needs the tbf of the same police options list")
        }
        let table = try c.decode([UInt32].self, forKey: key)
        guard table.count == 256 else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "a rate table has 256 entries, got \(table.count)")
        }
        return table
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        switch self {
        case .parameters(let p): try c.encode(p, for: "tbf")
        case .rateTable(let t): try c.encode(t, for: "rate_table")
        case .peakRateTable(let t): try c.encode(t, for: "peakrate_table")
        case .averageRate(let r): try c.encode(r, for: "avrate")
        case .result(let v): try c.encode(v, for: "result")
        case .time(let t): try c.encode(t, for: "tm")
        case .rate64(let r): try c.encode(r, for: "rate64")
        case .peakRate64(let r): try c.encode(r, for: "peakrate64")
        case .packetRate64(let r): try c.encode(r, for: "pkts_rate64")
        case .packetBurst64(let b): try c.encode(b, for: "pkts_burst64")
        case .unknown(let raw): try c.encode(raw, for: "unknown")
        }
    }

    // A rate table that is exactly what ``PschedClock/linux`` derives from the list's tbf (and
    // rate64) shows as "derived" instead of 256 numbers; any other table is written out in full.
    public static func encodeList(_ list: [PoliceAttribute], to encoder: Encoder) throws {
        var c = encoder.unkeyedContainer()
        for a in list {
            switch a {
            case .rateTable(let t) where t == derivedTable(list, peak: false):
                var o = c.nestedContainer(keyedBy: JSONKey.self)
                try o.encode("derived", for: "rate_table")
            case .peakRateTable(let t) where t == derivedTable(list, peak: true):
                var o = c.nestedContainer(keyedBy: JSONKey.self)
                try o.encode("derived", for: "peakrate_table")
            default:
                try c.encode(a)
            }
        }
    }

    public static func decodeList(from decoder: Decoder) throws -> [PoliceAttribute] {
        var c = try decoder.unkeyedContainer()
        var list: [PoliceAttribute] = []
        var derived: [(index: Int, peak: Bool, path: [CodingKey])] = []
        while !c.isAtEnd {
            let path = c.codingPath + [JSONKey("[\(c.currentIndex)]")]
            let item = try c.superDecoder()
            if let o = try? item.container(keyedBy: JSONKey.self), o.allKeys.count == 1, let key = o.allKeys.first,
               key.stringValue == "rate_table" || key.stringValue == "peakrate_table",
               (try? o.decode(String.self, forKey: key)) == "derived" {
                derived.append((list.count, key.stringValue == "peakrate_table", path))
                list.append(.rateTable([]))  // placeholder, filled below
            } else {
                list.append(try PoliceAttribute(from: item))
            }
        }
        for d in derived {
            guard let table = derivedTable(list, peak: d.peak) else {
                throw DecodingError.dataCorrupted(.init(codingPath: d.path, debugDescription: "a \"derived\" rate table needs a tbf with a rate in the same list"))
            }
            list[d.index] = d.peak ? .peakRateTable(table) : .rateTable(table)
        }
        return list
    }

    /// The table ``PschedClock/linux`` computes from the list's tbf rate spec (rate or peak) and
    /// the 64-bit rate attribute, nil when the list has no tbf or no such rate.
    static func derivedTable(_ list: [PoliceAttribute], peak: Bool) -> [UInt32]? {
        var spec: TCRateSpec?
        var rate64: UInt64?
        for a in list {
            switch a {
            case .parameters(let p): spec = peak ? p.peakRate : p.rate
            case .rate64(let r) where !peak: rate64 = r
            case .peakRate64(let r) where peak: rate64 = r
            default: break
            }
        }
        guard let spec else { return nil }
        let rate = rate64 ?? UInt64(spec.rate)
        guard rate > 0 else { return nil }
        return PschedClock.linux.rateTable(rate: rate, cellLog: spec.cellLog, mpu: spec.mpu, linkLayer: spec.linkLayer)
    }
}

extension PoliceParameters: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        func opt<T: Decodable>(_ t: T.Type, _ name: String) throws -> T? { try c.decodeIfPresent(t, forKey: JSONKey(name)) }
        self.init(
            index: try opt(UInt32.self, "index") ?? 0,
            verdict: try c.decode(TCVerdict.self, forKey: JSONKey("verdict")),
            limit: try opt(UInt32.self, "limit") ?? 0,
            burst: try c.decode(UInt32.self, forKey: JSONKey("burst_ticks")),
            mtu: try opt(UInt32.self, "mtu") ?? 0,
            rate: try opt(TCRateSpec.self, "rate") ?? .none,
            peakRate: try opt(TCRateSpec.self, "peakrate") ?? .none,
            refcnt: try opt(Int32.self, "ref") ?? 0,
            bindcnt: try opt(Int32.self, "bind") ?? 0,
            capab: try opt(UInt32.self, "capab") ?? 0)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        try c.encode(verdict, for: "verdict")
        if index != 0 { try c.encode(index, for: "index") }
        if limit != 0 { try c.encode(limit, for: "limit") }
        try c.encode(burst, for: "burst_ticks")
        try c.encode(mtu, for: "mtu")
        try c.encode(rate, for: "rate")
        if peakRate != .none { try c.encode(peakRate, for: "peakrate") }
        if refcnt != 0 { try c.encode(refcnt, for: "ref") }
        if bindcnt != 0 { try c.encode(bindcnt, for: "bind") }
        if capab != 0 { try c.encode(capab, for: "capab") }
    }
}
