// PLACEHOLDER (to be replaced by the tc actions codec): one action as raw attributes.
/// One tc action inside a filter's action list (TCA_FLOWER_ACT / TCA_ACT_TAB): the nest whose
/// type is the action's order (1, 2, ...), holding TCA_ACT_KIND, TCA_ACT_OPTIONS, cookie, stats.
public struct TCAction: Hashable, Sendable, Codable {
    /// The nest's attribute type: the action's position, starting at 1 (iproute2 numbers them so).
    public var order: UInt16
    /// The nest's children, verbatim.
    public var attributes: [RawAttribute]

    public init(order: UInt16, attributes: [RawAttribute]) {
        self.order = order
        self.attributes = attributes
    }

    /// Decodes one action nest (the attribute's type is the order).
    public init(decoding a: NetlinkAttribute) throws(NetlinkDecodingError) {
        order = a.type
        var reader = a.nested()
        var out: [RawAttribute] = []
        while let child = try reader.next() { out.append(RawAttribute(child)) }
        attributes = out
    }

    /// Writes the action nest.
    public func encode(into w: inout NetlinkWriter) {
        let start = w.beginNested(order)
        for a in attributes { a.encode(into: &w) }
        w.endNested(start)
    }
}
