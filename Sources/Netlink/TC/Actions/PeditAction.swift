/// Options of a `pedit` action: rewrite packet bytes (MACs, addresses, TTL, ports). iproute2's
/// `pedit ex munge ...` sends TCA_PEDIT_PARMS_EX (the selector with its keys) then
/// TCA_PEDIT_KEYS_EX (header type and command per key); ``PeditKey`` is the two put together.
public typealias PeditOptions = TCActionOptionList<PeditAttribute>

/// One TCA_PEDIT_* attribute.
public enum PeditAttribute: TCActionOptionAttribute {
    /// TCA_PEDIT_PARMS: the selector of the legacy (non-`ex`) form; keys are relative to the
    /// network header and only set values.
    case parameters(PeditSelector)
    /// TCA_PEDIT_PARMS_EX: the selector of the extended form.
    case extendedParameters(PeditSelector)
    /// TCA_PEDIT_KEYS_EX: header type and command of each key, in key order. iproute2 sets
    /// NLA_F_NESTED on this nest and on each key nest, the kernel's dumps do not: `nestedFlag`
    /// says which (both levels alike; mixed forms stay ``unknown(_:)``).
    case extendedKeys([PeditKeyType], nestedFlag: Bool)
    /// TCA_PEDIT_TM: install/use times (dumps).
    case time(TCActionTime)
    /// Anything else, verbatim.
    case unknown(RawAttribute)
}

/// `struct tc_pedit_sel` with its keys: the common action fields, flags and the keys.
public struct PeditSelector: Hashable, Sendable {
    /// The tc_gen fields (verdict, index...).
    public var common: TCActionCommon
    /// `flags` (unused by current kernels).
    public var flags: UInt8
    /// The keys (`nkeys` is their count).
    public var keys: [PeditSelectorKey]

    /// A selector from its fields and keys.
    public init(common: TCActionCommon, flags: UInt8 = 0, keys: [PeditSelectorKey]) {
        self.common = common
        self.flags = flags
        self.keys = keys
    }
}

/// `struct tc_pedit_key`: at byte `offset` (a multiple of 4) the 32-bit word becomes
/// `(word & mask) ^ value` (set) or `(word & mask) + value` (add). `mask` and `value` are the
/// word's bytes read in network order, so `value` 0xcb00710a writes 203.0.113.10.
public struct PeditSelectorKey: Hashable, Sendable {
    /// Bits of the packet word to keep.
    public var mask: UInt32
    /// Bits to write (or add).
    public var value: UInt32
    /// Byte offset from the header start.
    public var offset: Int32
    /// With `offmask`: offset of a byte whose value moves the key (variable-length headers).
    public var at: UInt32
    public var offmask: UInt32
    public var shift: UInt32

    /// A key from its wire fields.
    public init(mask: UInt32, value: UInt32, offset: Int32, at: UInt32 = 0, offmask: UInt32 = 0, shift: UInt32 = 0) {
        self.mask = mask
        self.value = value
        self.offset = offset
        self.at = at
        self.offmask = offmask
        self.shift = shift
    }
}

/// One key's entry in TCA_PEDIT_KEYS_EX: which header the offset counts from and set/add.
public struct PeditKeyType: Hashable, Sendable, Codable {
    public var header: PeditHeaderType
    public var command: PeditCommand

    /// A key type from its header and command.
    public init(header: PeditHeaderType, command: PeditCommand) {
        self.header = header
        self.command = command
    }

    enum CodingKeys: String, CodingKey { case header = "htype", command = "cmd" }
}

/// The header a pedit offset counts from (enum pedit_header_type); other values kept.
public struct PeditHeaderType: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    /// Offsets from the network header (the legacy form).
    public static let network = PeditHeaderType(rawValue: TCA_PEDIT_KEY_EX_HDR_TYPE.network)
    public static let eth = PeditHeaderType(rawValue: TCA_PEDIT_KEY_EX_HDR_TYPE.eth)
    public static let ip4 = PeditHeaderType(rawValue: TCA_PEDIT_KEY_EX_HDR_TYPE.ip4)
    public static let ip6 = PeditHeaderType(rawValue: TCA_PEDIT_KEY_EX_HDR_TYPE.ip6)
    public static let tcp = PeditHeaderType(rawValue: TCA_PEDIT_KEY_EX_HDR_TYPE.tcp)
    public static let udp = PeditHeaderType(rawValue: TCA_PEDIT_KEY_EX_HDR_TYPE.udp)

    // iproute2's words (pedit_htype_str).
    static let words: [(String, PeditHeaderType)] = [("network", .network), ("eth", .eth), ("ipv4", .ip4), ("ipv6", .ip6), ("tcp", .tcp), ("udp", .udp)]
}

/// What a pedit key does (enum pedit_cmd); other values kept.
public struct PeditCommand: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public static let set = PeditCommand(rawValue: TCA_PEDIT_KEY_EX_CMD.set)
    public static let add = PeditCommand(rawValue: TCA_PEDIT_KEY_EX_CMD.add)

    static let words: [(String, PeditCommand)] = [("set", .set), ("add", .add)]
}

extension PeditHeaderType: Codable {
    public init(from decoder: Decoder) throws { self.init(rawValue: try decodeTCActionWord(decoder, Self.words.map { ($0.0, $0.1.rawValue) }, what: "pedit htype")) }
    public func encode(to encoder: Encoder) throws { try encodeTCActionWord(rawValue, Self.words.map { ($0.0, $0.1.rawValue) }, to: encoder) }
}

extension PeditCommand: Codable {
    public init(from decoder: Decoder) throws { self.init(rawValue: try decodeTCActionWord(decoder, Self.words.map { ($0.0, $0.1.rawValue) }, what: "pedit cmd")) }
    public func encode(to encoder: Encoder) throws { try encodeTCActionWord(rawValue, Self.words.map { ($0.0, $0.1.rawValue) }, to: encoder) }
}

/// A word from `words`, or the number when the value has none.
func encodeTCActionWord<T: FixedWidthInteger & Encodable>(_ value: T, _ words: [(String, T)], to encoder: Encoder) throws {
    var c = encoder.singleValueContainer()
    if let word = words.first(where: { $0.1 == value })?.0 { try c.encode(word) } else { try c.encode(value) }
}

/// Reads a word from `words` or a number.
func decodeTCActionWord<T: FixedWidthInteger & Decodable>(_ decoder: Decoder, _ words: [(String, T)], what: String) throws -> T {
    let c = try decoder.singleValueContainer()
    if let n = try? c.decode(T.self) { return n }
    let word = try c.decode(String.self)
    guard let value = words.first(where: { $0.0 == word })?.1 else {
        throw DecodingError.dataCorruptedError(in: c, debugDescription: "unknown \(what) '\(word)'; known: \(words.map(\.0).joined(separator: ", ")), or a number")
    }
    return value
}

extension PeditAttribute: BorrowedAttributeDecodable {
    public init(decoding a: NetlinkAttribute) throws(NetlinkDecodingError) {
        self = try a.withBorrowed { (b) throws(NetlinkDecodingError) in try PeditAttribute(decoding: b) }
    }

    init(decoding a: BorrowedAttribute) throws(NetlinkDecodingError) {
        // Flags would be lost, except NLA_F_NESTED on TCA_PEDIT_KEYS_EX, which is modelled.
        guard a.rawType & ~NLA.typeMask == 0 || a.rawType == TCA_PEDIT.keysEx | NLA.fNested else { self = .unknown(RawAttribute(a)); return }
        switch a.type {
        case TCA_PEDIT.parms, TCA_PEDIT.parmsEx:
            guard let selector = try PeditSelector(decoding: a) else { self = .unknown(RawAttribute(a)); return }
            self = a.type == TCA_PEDIT.parms ? .parameters(selector) : .extendedParameters(selector)
        case TCA_PEDIT.keysEx:
            if let (types, flagged) = try Self.decodeKeyTypes(a) { self = .extendedKeys(types, nestedFlag: flagged) } else { self = .unknown(RawAttribute(a)) }
        case TCA_PEDIT.tm:
            if let t = TCActionTime(a) { self = .time(t) } else { self = .unknown(RawAttribute(a)) }
        default: self = .unknown(RawAttribute(a))
        }
    }

    /// The key types of a TCA_PEDIT_KEYS_EX nest, or nil when its shape is not the canonical
    /// one (each key exactly HTYPE then CMD, same NLA_F_NESTED use throughout) so the caller
    /// keeps it verbatim.
    static func decodeKeyTypes(_ a: BorrowedAttribute) throws(NetlinkDecodingError) -> ([PeditKeyType], Bool)? {
        let flagged = a.rawType & NLA.fNested != 0
        var keys = a.nested()
        var out: [PeditKeyType] = []
        while let key = try keys.next() {
            guard key.type == TCA_PEDIT.keyEx, (key.rawType & NLA.fNested != 0) == flagged, key.rawType & NLA.fNetByteOrder == 0 else { return nil }
            var fields = key.nested()
            guard let htype = try fields.next(), htype.rawType == TCA_PEDIT_KEY_EX.htype, htype.payload.count == 2,
                  let cmd = try fields.next(), cmd.rawType == TCA_PEDIT_KEY_EX.cmd, cmd.payload.count == 2,
                  try fields.next() == nil
            else { return nil }
            out.append(PeditKeyType(header: PeditHeaderType(rawValue: try htype.u16()), command: PeditCommand(rawValue: try cmd.u16())))
        }
        return (out, flagged)
    }

    public func encode(into w: inout NetlinkWriter) {
        switch self {
        case .parameters(let sel): sel.encode(TCA_PEDIT.parms, into: &w)
        case .extendedParameters(let sel): sel.encode(TCA_PEDIT.parmsEx, into: &w)
        case .extendedKeys(let types, let flagged):
            let outer = w.beginNested(TCA_PEDIT.keysEx, flagged: flagged)
            for t in types {
                let inner = w.beginNested(TCA_PEDIT.keyEx, flagged: flagged)
                w.attribute(TCA_PEDIT_KEY_EX.htype, u16: t.header.rawValue)
                w.attribute(TCA_PEDIT_KEY_EX.cmd, u16: t.command.rawValue)
                w.endNested(inner)
            }
            w.endNested(outer)
        case .time(let t): t.encode(TCA_PEDIT.tm, into: &w)
        case .unknown(let raw): raw.encode(into: &w)
        }
    }
}

extension PeditSelector {
    /// Reads `struct tc_pedit_sel` and its `nkeys` keys. Throws when the payload is shorter than
    /// that (the kernel rejects it too); nil when it is longer or the struct padding is not zero,
    /// so the caller keeps those bytes verbatim.
    init?(decoding a: BorrowedAttribute) throws(NetlinkDecodingError) {
        let p = a.payload, s = p.startIndex
        _ = try a.tcActionStruct(tcPeditSelLength, "tc_pedit_sel")
        let nkeys = Int(p[s + 20])
        let need = tcPeditSelLength + nkeys * tcPeditKeyLength
        guard p.count >= need else {
            throw NetlinkDecodingError(offset: a.headerOffset, "truncated tc_pedit_sel: \(p.count) bytes for \(nkeys) keys, need \(need)")
        }
        guard p.count == need, p[s + 22] == 0, p[s + 23] == 0 else { return nil }
        common = TCActionCommon(p, at: s)
        flags = p[s + 21]
        var keys: [PeditSelectorKey] = []
        keys.reserveCapacity(nkeys)
        for i in 0..<nkeys {
            let k = s + tcPeditSelLength + i * tcPeditKeyLength
            keys.append(PeditSelectorKey(
                mask: p.readBE(UInt32.self, at: k), value: p.readBE(UInt32.self, at: k + 4),
                offset: Int32(bitPattern: p.readLE(UInt32.self, at: k + 8)), at: p.readLE(UInt32.self, at: k + 12),
                offmask: p.readLE(UInt32.self, at: k + 16), shift: p.readLE(UInt32.self, at: k + 20)))
        }
        self.keys = keys
    }

    /// Writes the attribute `type`. `nkeys` is a u8: only the first 255 keys are sent.
    func encode(_ type: UInt16, into w: inout NetlinkWriter) {
        let count = min(keys.count, Int(UInt8.max))
        let s = w.beginAttribute(type)
        common.encode(into: &w)
        w.append(UInt8(count))
        w.append(flags)
        w.appendZeros(2)
        for key in keys.prefix(count) {
            w.appendBigEndian(key.mask)
            w.appendBigEndian(key.value)
            w.append(UInt32(bitPattern: key.offset))
            w.append(key.at)
            w.append(key.offmask)
            w.append(key.shift)
        }
        w.endAttribute(s)
    }
}

extension PeditAttribute: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        let key = try c.singleKey()
        switch key.stringValue {
        case "parms": self = .parameters(try c.decode(PeditSelector.self, forKey: key))
        case "parms_ex": self = .extendedParameters(try c.decode(PeditSelector.self, forKey: key))
        case "keys_ex": self = .extendedKeys(try c.decode([PeditKeyType].self, forKey: key), nestedFlag: true)
        case "keys_ex_unflagged": self = .extendedKeys(try c.decode([PeditKeyType].self, forKey: key), nestedFlag: false)
        case "tm": self = .time(try c.decode(TCActionTime.self, forKey: key))
        case "unknown": self = .unknown(try c.decode(RawAttribute.self, forKey: key))
        default: throw c.unknownKey(key, in: "pedit")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        switch self {
        case .parameters(let sel): try c.encode(sel, for: "parms")
        case .extendedParameters(let sel): try c.encode(sel, for: "parms_ex")
        case .extendedKeys(let types, let flagged): try c.encode(types, for: flagged ? "keys_ex" : "keys_ex_unflagged")
        case .time(let t): try c.encode(t, for: "tm")
        case .unknown(let raw): try c.encode(raw, for: "unknown")
        }
    }
}

extension PeditSelector: Codable {
    // {"verdict":"pipe","keys":[{"offset":4,"mask":"ffff0000","val":"00000200"}]}
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        common = try TCActionCommon(fields: c)
        flags = try c.decodeIfPresent(UInt8.self, forKey: JSONKey("flags")) ?? 0
        keys = try c.decodeIfPresent([PeditSelectorKey].self, forKey: JSONKey("keys")) ?? []
        guard keys.count <= Int(UInt8.max) else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath + [JSONKey("keys")], debugDescription: "at most 255 pedit keys (nkeys is a u8), got \(keys.count)"))
        }
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        try common.encodeFields(to: &c)
        if flags != 0 { try c.encode(flags, for: "flags") }
        try c.encode(keys, for: "keys")
    }
}

extension PeditSelectorKey: Codable {
    // iproute2's words: offset, val and mask as 8 hex digits; at/offmask/shift only when used.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        offset = try c.decode(Int32.self, forKey: JSONKey("offset"))
        mask = try PeditHex32.decode(c, "mask")
        value = try PeditHex32.decode(c, "val")
        at = try c.decodeIfPresent(UInt32.self, forKey: JSONKey("at")) ?? 0
        offmask = try c.decodeIfPresent(UInt32.self, forKey: JSONKey("offmask")) ?? 0
        shift = try c.decodeIfPresent(UInt32.self, forKey: JSONKey("shift")) ?? 0
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        try c.encode(offset, for: "offset")
        try c.encode(PeditHex32.text(mask), for: "mask")
        try c.encode(PeditHex32.text(value), for: "val")
        if at != 0 { try c.encode(at, for: "at") }
        if offmask != 0 { try c.encode(offmask, for: "offmask") }
        if shift != 0 { try c.encode(shift, for: "shift") }
    }
}

/// A 32-bit word as 8 hex digits in JSON ("ffff0000").
enum PeditHex32 {
    static func text(_ v: UInt32) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 8 - s.count) + s
    }
    static func decode(_ c: KeyedDecodingContainer<JSONKey>, _ name: String) throws -> UInt32 {
        let key = JSONKey(name)
        let text = try c.decode(String.self, forKey: key)
        let digits = text.hasPrefix("0x") ? text.dropFirst(2) : Substring(text)
        guard !digits.isEmpty, digits.count <= 8, let v = UInt32(digits, radix: 16) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "'\(text)' is not a 32-bit hex word")
        }
        return v
    }
}
