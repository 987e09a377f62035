/// `struct nla_bitfield32`: the bits to set (`value`) and which bits the request touches
/// (`selector`). TCA_ACT_FLAGS and TCA_ACT_HW_STATS use it.
public struct TCBitfield32: Hashable, Sendable {
    /// The bit values.
    public var value: UInt32
    /// The bits `value` applies to.
    public var selector: UInt32

    /// A bitfield from both words.
    public init(value: UInt32, selector: UInt32) {
        self.value = value
        self.selector = selector
    }

    /// Sets `bits` and selects exactly them, as iproute2 does.
    public init(setting bits: UInt32) { self.init(value: bits, selector: bits) }

    /// Reads an 8-byte payload; nil for any other length.
    init?(_ a: BorrowedAttribute) {
        guard a.payload.count == nlaBitfield32Length else { return nil }
        value = a.payload.readLE(UInt32.self, at: a.payload.startIndex)
        selector = a.payload.readLE(UInt32.self, at: a.payload.startIndex + 4)
    }

    func encode(_ type: UInt16, into w: inout NetlinkWriter) {
        let s = w.beginAttribute(type)
        w.append(value)
        w.append(selector)
        w.endAttribute(s)
    }

    // JSON: {"value":["skip_hw"],"selector":["skip_hw"]}, flag words from `names`.
    func encode(to encoder: Encoder, names: [(String, UInt64)]) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        try c.encode(BitNames.list(UInt64(value), names: names), for: "value")
        try c.encode(BitNames.list(UInt64(selector), names: names), for: "selector")
    }

    init(from decoder: Decoder, names: [(String, UInt64)]) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        value = UInt32(try BitNames.decode(try c.superDecoder(forKey: JSONKey("value")), names: names, width: 32))
        selector = UInt32(try BitNames.decode(try c.superDecoder(forKey: JSONKey("selector")), names: names, width: 32))
    }
}
