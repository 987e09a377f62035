// PLACEHOLDER (to be replaced by the generic-netlink codec): genlmsghdr + raw attributes.
/// A generic-netlink message: `struct genlmsghdr` then the family's attributes.
public struct GenericMessage: Hashable, Sendable, Codable {
    public static let headerLength = GENL.headerLength
    public var family: GenericFamily?
    public var command: UInt8
    public var version: UInt8
    public var attributes: [RawAttribute]

    public init(family: GenericFamily?, command: UInt8, version: UInt8, attributes: [RawAttribute]) {
        self.family = family; self.command = command; self.version = version; self.attributes = attributes
    }

    public init(decoding body: ArraySlice<UInt8>, family: GenericFamily?) throws(NetlinkDecodingError) {
        try body.require(Self.headerLength, for: "genlmsghdr")
        let s = body.startIndex
        self.family = family
        command = body[s]
        version = body[s + 1]
        var reader = AttributeReader(body[(s + 4)...])
        var out: [RawAttribute] = []
        while let a = try reader.next() { out.append(RawAttribute(a)) }
        attributes = out
    }

    public func encode(into w: inout NetlinkWriter) {
        w.append(command); w.append(version); w.append(UInt16(0))
        for a in attributes { a.encode(into: &w) }
    }
}
