/// One attribute inside an action kind's TCA_ACT_OPTIONS nest (``MirredAttribute``,
/// ``TunnelKeyAttribute``...): decodes from and encodes to one netlink attribute, and is a one-key
/// JSON object.
public protocol TCActionOptionAttribute: Hashable, Sendable, Codable {
    /// Decodes one attribute; unknown types and odd sizes come back as the kind's `unknown` case.
    /// (The kinds of this module decode through ``BorrowedAttributeDecodable``, which this calls.)
    init(decoding a: NetlinkAttribute) throws(NetlinkDecodingError)
    /// Appends the attribute.
    func encode(into w: inout NetlinkWriter)
    /// JSON of a whole options list; a kind overrides it when one attribute's JSON depends on
    /// another (police rate tables are shown as "derived" from the police parameters).
    static func encodeList(_ list: [Self], to encoder: Encoder) throws
    /// Reads what ``encodeList(_:to:)`` wrote.
    static func decodeList(from decoder: Decoder) throws -> [Self]
}

extension TCActionOptionAttribute {
    public static func encodeList(_ list: [Self], to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(list)
    }
    public static func decodeList(from decoder: Decoder) throws -> [Self] {
        try decoder.singleValueContainer().decode([Self].self)
    }
}

/// The options of one action kind: its attributes in wire order, so that decode -> encode gives
/// the same bytes whatever order the sender used. JSON: an array of one-key objects.
public struct TCActionOptionList<Attribute: TCActionOptionAttribute>: Hashable, Sendable {
    /// The attributes in wire order.
    public var attributes: [Attribute]

    /// Options from attributes in wire order.
    public init(_ attributes: [Attribute]) { self.attributes = attributes }

    /// Decodes the children of a TCA_ACT_OPTIONS nest.
    public init(decoding payload: ArraySlice<UInt8>) throws(NetlinkDecodingError) {
        attributes = try decodeTCActionAttributes(payload, Attribute.init(decoding:))
    }

    // The common kinds' `encode(into:)` (tunnel_key, mirred) are @inline(__always): called out of
    // line, this loop copies (retains and releases) every attribute before encoding it.
    /// Appends the children (the caller writes the TCA_ACT_OPTIONS nest around them).
    public func encode(into w: inout NetlinkWriter) {
        for a in attributes { a.encode(into: &w) }
    }
}

extension TCActionOptionList: Codable {
    public init(from decoder: Decoder) throws {
        attributes = try Attribute.decodeList(from: decoder)
    }
    public func encode(to encoder: Encoder) throws {
        try Attribute.encodeList(attributes, to: encoder)
    }
}

extension TCActionOptionList where Attribute: BorrowedAttributeDecodable {
    /// Decodes the children of a TCA_ACT_OPTIONS nest from the filter decoder's borrowed view.
    init(decoding payload: BorrowedBytes) throws(NetlinkDecodingError) {
        attributes = try payload.decodeAttributes { (a) throws(NetlinkDecodingError) in try Attribute(decoding: a) }
    }
}

/// An attribute that decodes from a ``BorrowedAttribute`` (the tc decoders' fast path); the
/// public ``TCActionOptionAttribute/init(decoding:)`` of this module's kinds forwards to it.
protocol BorrowedAttributeDecodable {
    init(decoding a: BorrowedAttribute) throws(NetlinkDecodingError)
}

/// Decodes every attribute in `bytes` with `decodeOne`, in order.
@inlinable func decodeTCActionAttributes<A>(
    _ bytes: ArraySlice<UInt8>, _ decodeOne: (NetlinkAttribute) throws(NetlinkDecodingError) -> A
) throws(NetlinkDecodingError) -> [A] {
    var reader = AttributeReader(bytes)
    var out: [A] = []
    out.reserveCapacity(AttributeReader.count(in: bytes))
    while let attribute = try reader.next() { out.append(try decodeOne(attribute)) }
    return out
}
