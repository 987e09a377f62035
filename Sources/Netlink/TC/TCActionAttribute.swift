/// One TCA_ACT_* attribute of an action nest.
public enum TCActionAttribute: Hashable, Sendable {
    /// TCA_ACT_KIND: which action this is.
    case kind(TCActionKind)
    /// TCA_ACT_OPTIONS, typed by the action's kind. iproute2 sets NLA_F_NESTED on this nest, the
    /// kernel's dumps do not; `nestedFlag` keeps which, so both re-encode unchanged.
    case options(TCActionOptions, nestedFlag: Bool)
    /// TCA_ACT_INDEX: the action's index in its kind's table (dumps, or binding to an existing one).
    case index(UInt32)
    /// TCA_ACT_STATS: generic statistics (dumps).
    case statistics([TCStatsAttribute])
    /// TCA_ACT_COOKIE: up to 16 opaque bytes the kernel stores and returns; eswitch marks the
    /// rules it owns with it.
    case cookie([UInt8])
    /// TCA_ACT_FLAGS: TCA_ACT_FLAGS_* (no_percpu, skip_hw, skip_sw).
    case flags(TCBitfield32)
    /// TCA_ACT_HW_STATS: which hardware counter kinds the action may use.
    case hardwareStats(TCBitfield32)
    /// TCA_ACT_USED_HW_STATS: the kind the driver picked (dumps).
    case usedHardwareStats(TCBitfield32)
    /// TCA_ACT_IN_HW_COUNT: how many devices hold the action in hardware (dumps).
    case inHardwareCount(UInt32)
    /// Anything else (TCA_ACT_PAD, odd sizes, a flagged stats nest), verbatim.
    case unknown(RawAttribute)

    /// TCA_ACT_OPTIONS with NLA_F_NESTED, as iproute2 sends it.
    public static func options(_ options: TCActionOptions) -> TCActionAttribute { .options(options, nestedFlag: true) }
}

extension TCActionAttribute {
    /// Decodes one attribute; `kind` (from the nest's TCA_ACT_KIND) says how to read the options.
    public init(decoding a: NetlinkAttribute, kind: TCActionKind?) throws(NetlinkDecodingError) {
        self = try a.withBorrowed { (b) throws(NetlinkDecodingError) in try TCActionAttribute(decoding: b, kind: kind) }
    }

    init(decoding a: BorrowedAttribute, kind: TCActionKind?) throws(NetlinkDecodingError) {
        let n = a.payload.count
        // Only TCA_ACT_OPTIONS models a flag bit (NLA_F_NESTED); any other flagged attribute
        // stays verbatim so the flag survives.
        if a.rawType & ~NLA.typeMask != 0, a.rawType != TCA_ACT.options | NLA.fNested {
            self = .unknown(RawAttribute(a))
            return
        }
        switch a.type {
        case TCA_ACT.kind:
            if let k = TCActionKind(wire: a.payload) { self = .kind(k) } else { self = .unknown(RawAttribute(a)) }
        case TCA_ACT.options:
            self = .options(try TCActionOptions(decoding: a.payload, kind: kind), nestedFlag: a.rawType & NLA.fNested != 0)
        case TCA_ACT.index where n == 4: self = .index(try a.u32())
        case TCA_ACT.stats:
            self = .statistics(try a.payload.decodeAttributes { (s) throws(NetlinkDecodingError) in TCStatsAttribute(decoding: s) })
        case TCA_ACT.cookie: self = .cookie(a.payload.array)
        case TCA_ACT.flags where n == nlaBitfield32Length: self = .flags(TCBitfield32(a) ?? TCBitfield32(value: 0, selector: 0))
        case TCA_ACT.hwStats where n == nlaBitfield32Length: self = .hardwareStats(TCBitfield32(a) ?? TCBitfield32(value: 0, selector: 0))
        case TCA_ACT.usedHWStats where n == nlaBitfield32Length: self = .usedHardwareStats(TCBitfield32(a) ?? TCBitfield32(value: 0, selector: 0))
        case TCA_ACT.inHWCount where n == 4: self = .inHardwareCount(try a.u32())
        default: self = .unknown(RawAttribute(a))
        }
    }

    @inline(__always) public func encode(into w: inout NetlinkWriter) {  // see FlowerAttribute.encode
        switch self {
        case .kind(let k): k.encode(into: &w)
        case .options(let o, let flagged):
            let s = w.beginNested(TCA_ACT.options, flagged: flagged)
            o.encode(into: &w)
            w.endNested(s)
        case .index(let i): w.attribute(TCA_ACT.index, u32: i)
        case .statistics(let list):
            let s = w.beginNested(TCA_ACT.stats)
            for a in list { a.encode(into: &w) }
            w.endNested(s)
        case .cookie(let bytes): w.attribute(TCA_ACT.cookie, bytes: bytes)
        case .flags(let b): b.encode(TCA_ACT.flags, into: &w)
        case .hardwareStats(let b): b.encode(TCA_ACT.hwStats, into: &w)
        case .usedHardwareStats(let b): b.encode(TCA_ACT.usedHWStats, into: &w)
        case .inHardwareCount(let n): w.attribute(TCA_ACT.inHWCount, u32: n)
        case .unknown(let raw): raw.encode(into: &w)
        }
    }
}

extension TCActionAttribute: Codable {
    static let flagNames: [(String, UInt64)] = [
        ("no_percpu", UInt64(TCA_ACT_FLAGS.noPercpuStats)), ("skip_hw", UInt64(TCA_ACT_FLAGS.skipHW)), ("skip_sw", UInt64(TCA_ACT_FLAGS.skipSW)),
    ]
    static let hwStatsNames: [(String, UInt64)] = [
        ("immediate", UInt64(TCA_ACT_HW_STATS.immediate)), ("delayed", UInt64(TCA_ACT_HW_STATS.delayed)),
    ]

    // Keys: kind, options (NLA_F_NESTED set) / options_unflagged, index, stats, cookie (hex),
    // flags, hw_stats, used_hw_stats, in_hw_count, unknown.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        let key = try c.singleKey()
        switch key.stringValue {
        case "kind": self = .kind(try c.decode(TCActionKind.self, forKey: key))
        case "options": self = .options(try c.decode(TCActionOptions.self, forKey: key), nestedFlag: true)
        case "options_unflagged": self = .options(try c.decode(TCActionOptions.self, forKey: key), nestedFlag: false)
        case "index": self = .index(try c.decode(UInt32.self, forKey: key))
        case "stats": self = .statistics(try c.decode([TCStatsAttribute].self, forKey: key))
        case "cookie":
            let text = try c.decode(String.self, forKey: key)
            guard let bytes = [UInt8](hex: text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "cookie '\(text)' is not hex")
            }
            self = .cookie(bytes)
        case "flags": self = .flags(try TCBitfield32(from: c.superDecoder(forKey: key), names: Self.flagNames))
        case "hw_stats": self = .hardwareStats(try TCBitfield32(from: c.superDecoder(forKey: key), names: Self.hwStatsNames))
        case "used_hw_stats": self = .usedHardwareStats(try TCBitfield32(from: c.superDecoder(forKey: key), names: Self.hwStatsNames))
        case "in_hw_count": self = .inHardwareCount(try c.decode(UInt32.self, forKey: key))
        case "unknown": self = .unknown(try c.decode(RawAttribute.self, forKey: key))
        default: throw c.unknownKey(key, in: "action")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        switch self {
        case .kind(let k): try c.encode(k, for: "kind")
        case .options(let o, let flagged): try c.encode(o, for: flagged ? "options" : "options_unflagged")
        case .index(let i): try c.encode(i, for: "index")
        case .statistics(let s): try c.encode(s, for: "stats")
        case .cookie(let bytes): try c.encode(bytes.hexString, for: "cookie")
        case .flags(let b): try b.encode(to: c.superEncoder(forKey: JSONKey("flags")), names: Self.flagNames)
        case .hardwareStats(let b): try b.encode(to: c.superEncoder(forKey: JSONKey("hw_stats")), names: Self.hwStatsNames)
        case .usedHardwareStats(let b): try b.encode(to: c.superEncoder(forKey: JSONKey("used_hw_stats")), names: Self.hwStatsNames)
        case .inHardwareCount(let n): try c.encode(n, for: "in_hw_count")
        case .unknown(let raw): try c.encode(raw, for: "unknown")
        }
    }
}
