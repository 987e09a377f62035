/// Options of a `gact` action: a plain verdict (drop, pass, goto chain, trap...), optionally
/// drawn at random.
public typealias GactOptions = TCActionOptionList<GactAttribute>

/// One TCA_GACT_* attribute.
public enum GactAttribute: TCActionOptionAttribute {
    /// TCA_GACT_PARMS: `struct tc_gact` (the common fields only; the verdict is the action).
    case parameters(TCActionCommon)
    /// TCA_GACT_PROB: `struct tc_gact_p`, the random alternative verdict.
    case probability(GactProbability)
    /// TCA_GACT_TM: install/use times (dumps).
    case time(TCActionTime)
    /// Anything else, verbatim.
    case unknown(RawAttribute)
}

/// `struct tc_gact_p`: with probability `value`/10000 (netrand) or every `value`th packet
/// (determ), the verdict is `verdict` instead.
public struct GactProbability: Hashable, Sendable {
    /// `ptype`: PGACT_NONE, PGACT_NETRAND, PGACT_DETERM.
    public var type: UInt16
    /// `pval`.
    public var value: UInt16
    /// `paction`.
    public var verdict: TCVerdict

    /// A probability from its wire fields.
    public init(type: UInt16, value: UInt16, verdict: TCVerdict) {
        self.type = type
        self.value = value
        self.verdict = verdict
    }

    static let typeWords: [(String, UInt16)] = [("none", PGACT.none), ("netrand", PGACT.netrand), ("determ", PGACT.determ)]
}

extension GactProbability: Codable {
    // {"random_type":"netrand","val":5000,"verdict":"drop"} (iproute2: random_type, val, control_action)
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        let typeKey = JSONKey("random_type")
        if let n = try? c.decode(UInt16.self, forKey: typeKey) {
            type = n
        } else {
            let word = try c.decode(String.self, forKey: typeKey)
            guard let n = Self.typeWords.first(where: { $0.0 == word })?.1 else {
                throw DecodingError.dataCorruptedError(forKey: typeKey, in: c, debugDescription: "unknown random_type '\(word)'; known: none, netrand, determ, or a number")
            }
            type = n
        }
        value = try c.decode(UInt16.self, forKey: JSONKey("val"))
        verdict = try c.decode(TCVerdict.self, forKey: JSONKey("verdict"))
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        if let word = Self.typeWords.first(where: { $0.1 == type })?.0 { try c.encode(word, for: "random_type") } else { try c.encode(type, for: "random_type") }
        try c.encode(value, for: "val")
        try c.encode(verdict, for: "verdict")
    }
}

extension GactAttribute: BorrowedAttributeDecodable {
    public init(decoding a: NetlinkAttribute) throws(NetlinkDecodingError) {
        self = try a.withBorrowed { (b) throws(NetlinkDecodingError) in try GactAttribute(decoding: b) }
    }

    init(decoding a: BorrowedAttribute) throws(NetlinkDecodingError) {
        guard a.rawType & ~NLA.typeMask == 0 else { self = .unknown(RawAttribute(a)); return }  // flags would be lost
        switch a.type {
        case TCA_GACT.parms:
            guard try a.tcActionStruct(tcGactLength, "tc_gact") else { self = .unknown(RawAttribute(a)); return }
            self = .parameters(TCActionCommon(a.payload, at: a.payload.startIndex))
        case TCA_GACT.prob:
            guard try a.tcActionStruct(tcGactProbLength, "tc_gact_p") else { self = .unknown(RawAttribute(a)); return }
            let p = a.payload, s = p.startIndex
            self = .probability(GactProbability(
                type: p.readLE(UInt16.self, at: s), value: p.readLE(UInt16.self, at: s + 2),
                verdict: TCVerdict(rawValue: Int32(bitPattern: p.readLE(UInt32.self, at: s + 4)))))
        case TCA_GACT.tm:
            if let t = TCActionTime(a) { self = .time(t) } else { self = .unknown(RawAttribute(a)) }
        default: self = .unknown(RawAttribute(a))
        }
    }

    public func encode(into w: inout NetlinkWriter) {
        switch self {
        case .parameters(let common):
            let s = w.beginAttribute(TCA_GACT.parms)
            common.encode(into: &w)
            w.endAttribute(s)
        case .probability(let p):
            let s = w.beginAttribute(TCA_GACT.prob)
            w.append(p.type)
            w.append(p.value)
            w.append(p.verdict.rawValue)
            w.endAttribute(s)
        case .time(let t): t.encode(TCA_GACT.tm, into: &w)
        case .unknown(let raw): raw.encode(into: &w)
        }
    }
}

extension GactAttribute: Codable {
    private struct Parms: Codable {
        var common: TCActionCommon
        init(_ common: TCActionCommon) { self.common = common }
        init(from decoder: Decoder) throws { common = try TCActionCommon(fields: decoder.container(keyedBy: JSONKey.self)) }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: JSONKey.self)
            try common.encodeFields(to: &c)
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        let key = try c.singleKey()
        switch key.stringValue {
        case "parms": self = .parameters(try c.decode(Parms.self, forKey: key).common)
        case "prob": self = .probability(try c.decode(GactProbability.self, forKey: key))
        case "tm": self = .time(try c.decode(TCActionTime.self, forKey: key))
        case "unknown": self = .unknown(try c.decode(RawAttribute.self, forKey: key))
        default: throw c.unknownKey(key, in: "gact")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        switch self {
        case .parameters(let common): try c.encode(Parms(common), for: "parms")
        case .probability(let p): try c.encode(p, for: "prob")
        case .time(let t): try c.encode(t, for: "tm")
        case .unknown(let raw): try c.encode(raw, for: "unknown")
        }
    }
}

extension TCActionOptionList where Attribute == GactAttribute {
    /// A gact action with `verdict` (`action drop`, `action pass`, `action goto chain 1`...) and an
    /// optional random alternative.
    public static func verdict(_ verdict: TCVerdict, probability: GactProbability? = nil, index: UInt32 = 0) -> GactOptions {
        var list: [GactAttribute] = [.parameters(TCActionCommon(verdict: verdict, index: index))]
        if let probability { list.append(.probability(probability)) }
        return GactOptions(list)
    }

    /// `action drop`.
    public static var drop: GactOptions { verdict(.drop) }
    /// `action pass`.
    public static var pass: GactOptions { verdict(.pass) }
    /// `action pipe`.
    public static var pipe: GactOptions { verdict(.pipe) }
    /// `action trap`: to the CPU in hardware.
    public static var trap: GactOptions { verdict(.trap) }
    /// `action goto chain N`.
    public static func gotoChain(_ chain: UInt32) -> GactOptions { verdict(.gotoChain(chain)) }

    /// The verdict of TCA_GACT_PARMS, if present.
    public var verdict: TCVerdict? {
        for case .parameters(let p) in attributes { return p.verdict }
        return nil
    }
}
